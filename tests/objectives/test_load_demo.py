"""`load_demo`: the agencies and documents of references 002–004, their people and logins. (The
command itself, from an empty database: test_load_demo_command.py.)"""

import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.models import Agency, Department, Membership, Role
from documents.models import DocumentEvent, DocumentNumber, Status
from objectives.demo.loader import DEMO_PASSWORD, demo_load
from objectives.models import (
    Comparison,
    DocumentForm,
    Frequency,
    Objective,
    ObjectiveSet,
    Section,
    Target,
)
from tests.files_support import file_storages
from tests.objectives.demo_support import BA_RIA, DONG_NAI, QUANG_NAM, TINY_PDF
from tests.objectives.demo_support import issued as _issued

PREFIXES = ("dongnai", "bariavungtau", "quangnam", "skhcn")  # skhcn: the Sở KH&CN (issue 20)
ACTIONS = ["submit", "approve", "issue", "publish"]
MODELS = (
    Agency,
    Department,
    get_user_model(),
    Membership,
    ObjectiveSet,
    Section,
    Objective,
    Target,
    DocumentNumber,
    DocumentEvent,
)


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-files")


@pytest.fixture(scope="module")
def loaded(held, demo_files):
    """The demo loaded once for this module (the load takes seconds): its rows and files are
    kept until the module ends; each test runs in its own savepoint inside, so what a test
    writes (a second load, a login) is rolled back before the next. The command's own tests,
    which start from an empty database, are in test_load_demo_command.py."""

    def build():
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("documents.render.render_document", lambda document, *, final: TINY_PDF)
            return demo_load()

    yield from held(build, demo_files)


@pytest.fixture(autouse=True)
def _private_files(settings, demo_files):
    """Overrides tests/conftest.py: the tests read the files the load stored."""
    settings.STORAGES = file_storages(settings.STORAGES, demo_files)


@pytest.fixture
def demo(db, tiny_pdf, loaded):
    return loaded


def _contents(objective_set) -> list[str]:
    return list(objective_set.objectives.order_by("order").values_list("content", flat=True))


def _all_text(objective_set) -> str:
    parts = [
        getattr(objective_set, name)
        for name in (
            "title",
            "preamble",
            "set_measures_intro",
            "set_measures",
            "closing_text",
            "recipients",
            "legal_bases",
            "articles",
            "annex_reference",
        )
    ]
    for objective in objective_set.objectives.all():
        parts += [objective.content, objective.measures, objective.printed_measures]
    return "\n".join(parts)


def _counts() -> dict:
    counts = {model.__name__: model.objects.count() for model in MODELS}
    # A second load writes nothing, so it leaves no history rows either.
    for model in (Agency, Department, Membership, ObjectiveSet):
        counts[f"history of {model.__name__}"] = model.history.count()
    return counts


def test_it_loads_twice_with_the_same_counts(demo):
    first = _counts()
    again = demo_load()
    assert _counts() == first
    assert again.created == []
    assert len(again.kept) == 5
    assert first["Agency"] == 4  # the three agencies and the Sở KH&CN over them (issue 20)
    assert first["User"] == 23
    assert first["DocumentNumber"] == 1  # only 124/QĐ-VP: 002 and 003 show no number


def test_it_loads_the_sets_as_issued_and_published_with_next_year_drafts(demo):
    sets = {
        (s.agency.short_name, s.year): s.status
        for s in ObjectiveSet.objects.select_related("agency")
    }
    assert sets == {
        (DONG_NAI, 2023): Status.PUBLISHED,
        (BA_RIA, 2023): Status.PUBLISHED,
        (BA_RIA, 2024): Status.DRAFT,
        (QUANG_NAM, 2016): Status.PUBLISHED,
        (QUANG_NAM, 2017): Status.DRAFT,
    }


def test_it_counts_objectives_per_agency_and_section(demo):
    dong_nai, ba_ria, quang_nam = _issued(DONG_NAI), _issued(BA_RIA), _issued(QUANG_NAM)
    assert (dong_nai.form, ba_ria.form, quang_nam.form) == (
        DocumentForm.DECISION,
        DocumentForm.TABLE,
        DocumentForm.LIST,
    )
    assert dong_nai.objectives.count() == 4
    assert not dong_nai.sections.exists()
    sections = [(s.title, s.objectives.count()) for s in ba_ria.sections.order_by("order")]
    assert sections == [("I. Đối với cơ quan:", 5), ("II. Đối với phòng nghiệp vụ:", 2)]
    assert quang_nam.objectives.count() == 5
    assert quang_nam.iso_standard == "TCVN ISO 9001:2008"


# (agency, position, text): several objectives of each reference, word for word.
WORD_FOR_WORD = [
    (
        DONG_NAI,
        0,
        "Thực hiện tốt công tác kiểm soát thủ tục hành chính, nâng cao năng lực tiếp nhận và "
        "giải quyết hồ sơ, tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn đạt ít nhất 96% đối "
        "với hồ sơ 1 cửa.",
    ),
    (
        DONG_NAI,
        2,
        "90% công chức, viên chức đạt tiêu chuẩn chức danh theo quy định; phấn đấu đánh giá "
        "công chức, viên chức cuối năm đạt 95% hoàn thành tốt nhiệm vụ.",
    ),
    (
        BA_RIA,
        0,
        "Công chức liên quan được đào tạo về Hệ thống quản lý chất lượng TCVN ISO 9001:2015.",
    ),
    (
        BA_RIA,
        4,
        "Mức độ hài lòng của các tổ chức và cá nhân về môi trường làm việc và cơ sở vật chất "
        "của cơ quan.",
    ),
    (
        BA_RIA,
        6,
        "Các thủ tục hành chính áp dụng theo tiêu chuẩn TCVN ISO 9001:2015 được giải quyết "
        "đúng hạn.",
    ),
    (
        QUANG_NAM,
        2,
        "100% hồ sơ tiếp nhận và trả kết quả được xử lý đúng quy trình và 97% đảm bảo thời "
        "gian quy định.",
    ),
    (
        QUANG_NAM,
        4,
        "Duy trì đánh giá nội bộ kết hợp kiểm tra, giám sát tình hình thực hiện nhiệm vụ ít "
        "nhất 01 lần/năm.",
    ),
]


def test_it_keeps_the_objectives_word_for_word(demo):
    for short_name, index, content in WORD_FOR_WORD:
        stored = _contents(_issued(short_name))[index]
        assert stored == unicodedata.normalize("NFC", content)
        assert unicodedata.is_normalized("NFC", stored)


def test_it_corrects_the_listed_extraction_slips_and_nothing_else(demo):
    dong_nai, quang_nam = _all_text(_issued(DONG_NAI)), _all_text(_issued(QUANG_NAM))
    assert dong_nai.count("Căn cứ Quyết định số 25/2023/QĐ-UBND") == 1
    assert "Căn cứ Căn cứ" not in dong_nai
    assert _contents(_issued(DONG_NAI))[1].startswith("Phấn đấu đạt 100% văn bản")
    assert "Phần đầu" not in dong_nai and "phần đầu" not in dong_nai
    assert "- Trưởng các phòng, đơn vị thuộc Văn phòng thực hiện rà soát" in dong_nai
    assert "Trưởng cáo phòng" not in dong_nai
    assert "lmae" not in dong_nai
    assert _issued(DONG_NAI).articles.splitlines()[-1].endswith("thi hành quyết định này.")
    assert "kiểm tra, nhắc nhở công chức được phân công" in quang_nam
    assert "nhắc nhờ" not in quang_nam
    # Not a listed slip: kept as the reference prints it.
    assert "thông qua trực liên thông của tỉnh" in dong_nai
    for text in (dong_nai, quang_nam, _all_text(_issued(BA_RIA))):
        assert unicodedata.is_normalized("NFC", text)


def test_it_keeps_the_decision_of_reference_004(demo):
    decision = _issued(DONG_NAI)
    assert decision.decision_subject == (
        "Công bố Mục tiêu chất lượng năm 2023 của Văn phòng UBND tỉnh"
    )
    assert decision.issuing_authority == "CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"
    assert len(decision.legal_bases.splitlines()) == 5
    assert (
        decision.legal_bases.splitlines()[-1]
        == "Xét đề nghị của Trưởng phòng Hành chính - Tổ chức."
    )
    assert decision.articles.splitlines()[0].startswith("Điều 1. Công bố Hệ thống quản lý")
    assert decision.recipients.splitlines() == [
        "Như điều 4;",
        "Chánh, các Phó Chánh Văn phòng UBND tỉnh",
        "Lưu: VT, HCTC.",
    ]
    assert decision.annex_reference == (
        "(Ban hành kèm theo Quyết định số 124/QĐ-VP ngày 05/10/2023 của Văn phòng UBND tỉnh)"
    )
    names = set(Department.objects.filter(agency=decision.agency).values_list("name", flat=True))
    assert "Phòng Hành chính - Tổ chức" in names


# As the references show: number, date, signing lines, printed name, governing body.
SIGNED = {
    DONG_NAI: ("124/QĐ-VP", date(2023, 10, 5), ["CHÁNH VĂN PHÒNG"], "Nguyễn Kim Long"),
    BA_RIA: ("", date(2023, 1, 2), ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"], "Trần Thúy Ái"),
    QUANG_NAM: ("", date(2016, 2, 1), [], "Đình Hải"),
}
GOVERNING_BODIES = {DONG_NAI: "UBND TỈNH ĐỒNG NAI", BA_RIA: "", QUANG_NAM: ""}


def test_it_signs_and_dates_as_the_reference(demo):
    for short_name, (number, issued_on, lines, signer_name) in SIGNED.items():
        document = _issued(short_name)
        assert document.number_and_symbol == number
        assert document.issued_on == issued_on
        assert document.signing_lines == lines
        assert document.signer_name == signer_name
        assert document.header_governing_body == GOVERNING_BODIES[short_name]
        assert document.place_name == document.agency.place_name
        assert document.verification_code
        with document.issued_file.open("rb") as stored:
            assert stored.read() == TINY_PDF
        events = DocumentEvent.objects.filter(object_id=document.pk, action__in=ACTIONS)
        assert list(events.values_list("action", flat=True)) == ACTIONS


def test_it_approves_each_document_on_the_day_its_original_was_signed(demo):
    """A document signed in the app is never dated before its approval (issue 18)."""
    for short_name, (_number, issued_on, _lines, _name) in SIGNED.items():
        document = _issued(short_name)
        assert timezone.localdate(document.approved_at) == issued_on


def test_it_approves_through_the_signer_of_the_reference(demo):
    ba_ria = _issued(BA_RIA)
    deputy = Membership.objects.get(user=ba_ria.signer, agency=ba_ria.agency)
    assert deputy.is_deputy and deputy.display_name == "Trần Thúy Ái"
    head = Membership.objects.get(user=_issued(DONG_NAI).signer)
    assert head.is_head and head.display_name == "Nguyễn Kim Long"
    assert head.user.get_full_name() == "Nguyễn Kim Long"


def test_it_keeps_targets_and_reporting_periods_as_data(demo):
    first, *_, last = _issued(DONG_NAI).objectives.order_by("order")
    target = first.targets.get()
    assert (target.comparison, target.value, target.unit) == (Comparison.AT_LEAST, 96, "%")
    assert target.wording == "đạt ít nhất 96%" and target.wording_in_content
    assert target.wording in first.content

    two = Objective.objects.get(objective_set=_issued(QUANG_NAM), order=3)
    assert [(t.value, t.wording) for t in two.targets.all()] == [
        (Decimal(100), "100%"),
        (Decimal(97), "97%"),
    ]
    count = Objective.objects.get(objective_set=_issued(QUANG_NAM), order=5).targets.get()
    assert (count.value, count.unit, count.is_cumulative) == (1, "lần/năm", True)
    assert count.wording == "ít nhất 01 lần/năm"

    table = _issued(BA_RIA).objectives.order_by("order")
    assert table[0].reporting_wording == "Báo cáo quý hoặc 6 tháng/lần"
    assert table[0].reporting_frequencies == [Frequency.QUARTERLY, Frequency.HALF_YEARLY]
    assert table[1].timeframe == "Cập nhật liên tục theo quy định của pháp luật"
    assert table[1].reporting_frequencies == []
    assert table[6].reporting_frequencies == ["monthly", "quarterly", "half_yearly"]
    assert table[2].printed_measures == (
        "Công chức tại trung tâm phục vụ hành chính công tỉnh phát phiếu thăm dò ý kiến và "
        "tổng kết kết quả (tính trung bình năm)."
    )
    assert table[0].targets.get().wording == "100%"


def test_it_keeps_the_set_level_texts_of_reference_002(demo):
    quang_nam = _issued(QUANG_NAM)
    assert len(quang_nam.set_measures.splitlines()) == 7
    assert quang_nam.set_measures_intro.startswith("Sở Văn hoá, Thể thao và Du lịch đề ra")
    assert len(quang_nam.closing_text.splitlines()) == 2
    assert quang_nam.recipients.splitlines()[-1] == "Lưu: VT, Tổ ISO."


def test_it_copies_next_years_drafts_from_the_issued_sets(demo):
    for short_name, year in ((BA_RIA, 2024), (QUANG_NAM, 2017)):
        source = _issued(short_name)
        draft = ObjectiveSet.objects.get(agency=source.agency, year=year)
        objectives = list(draft.objectives.order_by("order"))
        assert [o.content for o in objectives] == _contents(source)
        assert all(o.copied_from.objective_set_id == source.pk for o in objectives)
        targets = Target.objects.filter(objective__objective_set=draft)
        assert targets.exists() and all(t.copied_from_id for t in targets)
    dong_nai = Agency.objects.get(short_name=DONG_NAI)
    assert not ObjectiveSet.objects.filter(agency=dong_nai, year=2024).exists()


def test_every_demo_login_works(demo, client):
    assert len(demo.logins) == 23
    for login in demo.logins:
        assert login.username.split(".")[0] in PREFIXES
        assert client.login(username=login.username, password=DEMO_PASSWORD), login.username
        client.logout()


def test_it_gives_one_login_per_role_per_agency(demo):
    for agency in Agency.objects.filter(oversight_body__isnull=True):
        members = Membership.objects.filter(agency=agency)
        for role in Role.values:
            assert members.with_role(role).count() >= 1, (agency, role)
        assert members.filter(is_head=True).count() == 1


def test_it_gives_signers_specimen_images_and_agencies_a_specimen_seal(demo):
    from PIL import Image

    for agency in Agency.objects.all():
        with agency.seal_image.open("rb") as seal:
            assert Image.open(seal).mode == "RGBA"
        for membership in Membership.objects.filter(agency=agency, is_head=True):
            with membership.signature_image.open("rb") as signature:
                assert Image.open(signature).mode == "RGBA"

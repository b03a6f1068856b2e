"""Each role's home page shows what concerns it: no empty "Chờ duyệt" card for staff or the
records officer, the returned documents flagged for the ISO officer, the issued documents
waiting for whoever may publish, and "Chưa đọc" for every reader until "Tôi đã đọc"."""

from django.urls import reverse
from django.utils import timezone

from documents.models import Status
from notifications import kinds
from notifications.models import Notification
from tests.objectives.views_support import client_for, set_with_objectives


def cards(user) -> set[str]:
    html = client_for(user).get("/").content.decode()
    return {
        name
        for name in ("to-edit", "to-approve", "to-issue", "to-publish", "to-read")
        if f'data-testid="home-{name}"' in html
    }


def test_staff_and_records_officers_see_no_card_of_a_step_they_never_take(agency, people):
    assert cards(people["staff"]) == {"to-read"}
    assert cards(people["records_officer"]) == {"to-issue"}
    assert cards(people["head"]) == {"to-approve", "to-issue", "to-publish"}
    assert cards(people["iso_officer"]) == {"to-edit", "to-approve", "to-issue", "to-publish"}


def test_the_iso_officer_sees_how_many_were_returned(agency, people):
    returned = set_with_objectives(agency, status=Status.RETURNED, return_comment="Thiếu chỉ tiêu.")
    html = client_for(people["iso_officer"]).get("/").content.decode()
    assert 'data-testid="home-returned-badge">1 bị trả lại<' in html
    assert reverse("objectives:set_edit", args=[returned.pk]) in html


def test_whoever_may_publish_sees_what_was_issued(agency, people):
    issued = set_with_objectives(agency, status=Status.ISSUED, issued=True)
    for role in ("head", "iso_officer"):
        response = client_for(people[role]).get("/")
        assert response.context["to_publish"] == [issued]
        assert "Đã ban hành, chờ anh/chị công bố." in response.content.decode()
    assert "to-publish" not in cards(people["records_officer"])


def test_a_reader_sees_chua_doc_until_they_acknowledge(agency, people):
    published = set_with_objectives(
        agency, status=Status.PUBLISHED, published=True, published_at=timezone.now()
    )
    Notification.objects.create(
        user=people["staff"],
        kind=kinds.DOCUMENT_PUBLISHED,
        params={"document": str(published)},
        target=published,
        url=published.get_reading_url(),
    )
    client = client_for(people["staff"])
    home = client.get("/")
    assert home.context["to_read"] == [published]
    html = home.content.decode()
    assert "Chưa đọc" in html and published.get_reading_url() in html

    client.post(reverse("objectives:reading_acknowledge", args=[published.pk]))

    home = client.get("/")
    assert home.context["to_read"] == []
    assert 'data-testid="to-read-item"' not in home.content.decode()
    # what told them to read it is read too
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    # another reader still has it to read
    assert client_for(people["deputy"]).get("/").context["to_read"] == [published]

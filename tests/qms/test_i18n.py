"""Vietnamese is the default; the language switch gives English from the catalog in locale/en.
The catalog is complete, keeps every placeholder, and the compiled .mo matches the .po."""

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from objectives.excel.export import set_to_xlsx
from objectives.excel.import_ import set_import_xlsx
from tests.objectives.excel_support import rich_set, snapshot

CATALOG = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$")


def po_entries(path: Path) -> list[dict]:
    """The entries of a .po file: {"flags": set, "msgid": str, "msgstr": str or "msgstr[0]"…}.
    Obsolete entries (#~) are left out; the header (empty msgid) is the first entry."""
    entries, entry, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            if entry and "msgid" in entry:
                entries.append(entry)
            entry, field = None, None
            continue
        entry = entry if entry is not None else {"flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, text = KEYWORD.match(line).groups()
            entry[field] = ast.literal_eval(text)
    return entries


def translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def placeholders(text: str) -> list[str]:
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


def english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_it_shows_vietnamese_by_default(client, people):
    client.force_login(people["iso_officer"])

    home = client.get("/").content.decode()
    login_page = client.get(reverse("login")).content.decode()

    assert '<html lang="vi"' in home
    assert "Việc của tôi" in home and "Đăng xuất" in home
    assert "My work" not in home and "Sign out" not in home
    assert "Quên mật khẩu?" in login_page


def test_it_shows_the_home_page_in_english_after_the_switch(client, people):
    client.force_login(people["iso_officer"])
    english(client)

    home = client.get("/").content.decode()

    assert '<html lang="en"' in home
    for text in ("My work", "Awaiting approval", "Awaiting issue", "Sign out", "Change password"):
        assert text in home
    for text in ("Việc của tôi", "Chờ duyệt", "Chờ ban hành", "Đăng xuất", "Đổi mật khẩu"):
        assert text not in home


def test_it_shows_the_login_page_in_english_from_the_cookie(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("login")).content.decode()

    assert "Sign in" in page and "Forgot your password?" in page
    assert "Đăng nhập" not in page and "Quên mật khẩu?" not in page


def test_it_switches_back_to_vietnamese(client, people):
    client.force_login(people["staff"])
    english(client)

    client.post(reverse("set_language"), {"language": "vi", "next": "/"})

    assert "Việc của tôi" in client.get("/").content.decode()


def test_it_has_no_empty_or_fuzzy_translation():
    entries = po_entries(CATALOG / "django.po")[1:]

    assert len(entries) > 500
    empty = [e["msgid"] for e in entries if not all(translations(e))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert empty == [] and fuzzy == []


def test_it_keeps_every_placeholder_of_python_format_strings():
    entries = [e for e in po_entries(CATALOG / "django.po") if "python-format" in e["flags"]]

    assert entries
    wrong = [
        (e["msgid"], text)
        for e in entries
        for text in translations(e)
        if placeholders(text) != placeholders(e["msgid"])
    ]
    assert wrong == []


def test_it_ships_a_compiled_catalog_matching_the_po():
    with (CATALOG / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    for entry in po_entries(CATALOG / "django.po")[1:]:
        if "msgid_plural" in entry:
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 1) == entry["msgstr[0]"]
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr[1]"]
        elif "msgctxt" in entry:
            assert compiled.pgettext(entry["msgctxt"], entry["msgid"]) == entry["msgstr"]
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]


def test_it_imports_a_vietnamese_excel_file_on_an_english_page(
    people, department, other_department
):
    source = rich_set(department.agency, department, other_department, year=2024)
    data = set_to_xlsx(source)

    with translation.override("en"):
        imported = set_import_xlsx(
            agency=source.agency, year=2024, actor=people["iso_officer"], data=data
        )

    imported.refresh_from_db()
    assert snapshot(imported)["objectives"] == snapshot(source)["objectives"]


def test_it_stays_vietnamese_for_an_english_browser_until_the_user_switches(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page.status_code == 200
    assert "Đăng nhập" in page.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="vi")
    assert "Sign in" in page.content.decode()

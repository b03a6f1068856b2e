from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from documents.models import Status
from tests.factories import ObjectiveSetFactory


def _issued_set(agency, status=Status.PUBLISHED):
    objective_set = ObjectiveSetFactory(agency=agency, status=status)
    name = default_storage.save("issued/2024/test.pdf", ContentFile(b"%PDF-1.7 test"))
    objective_set.issued_file.name = name
    objective_set.save(update_fields=["issued_file"])
    return objective_set, name


def test_it_refuses_private_files_to_anonymous_users(client, agency):
    _, name = _issued_set(agency)
    response = client.get(f"/files/{name}")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_serves_a_published_file_to_a_member_byte_for_byte(client, people, agency):
    _, name = _issued_set(agency)
    client.force_login(people["staff"])
    response = client.get(f"/files/{name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
    assert response["Cache-Control"] == "private, no-store"


def test_it_hides_files_from_outsiders_and_unknown_names(client, people, agency):
    _, name = _issued_set(agency)
    client.force_login(people["outsider"])
    assert client.get(f"/files/{name}").status_code == 404
    client.force_login(people["staff"])
    assert client.get("/files/issued/2024/nothing.pdf").status_code == 404
    assert client.get("/files/../settings.py").status_code == 404


def test_it_hides_an_unpublished_file_from_staff(client, people, agency):
    _, name = _issued_set(agency, status=Status.ISSUED)
    client.force_login(people["staff"])
    assert client.get(f"/files/{name}").status_code == 404
    client.force_login(people["records_officer"])
    assert client.get(f"/files/{name}").status_code == 200

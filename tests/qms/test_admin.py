import pytest
from django.urls import reverse

from documents.models import Status
from tests.factories import (
    AgencyFactory,
    ObjectiveFactory,
    ObjectiveSetFactory,
    TargetFactory,
    UserFactory,
)

ADMIN_MODELS = [
    "agencies/agency",
    "agencies/department",
    "agencies/membership",
    "objectives/objectiveset",
    "objectives/objective",
    "objectives/target",
    "documents/documentnumber",
    "documents/documentevent",
    "post_office/email",  # the mail queue: django-post-office's admin, our resend
    "post_office/log",
    "notifications/notification",
    "evaluation/evaluationreport",
    "monitoring/result",
    "monitoring/monitoringplan",
    "risks/risk",
    "objectives/acknowledgement",
    "objectives/setimport",
]


@pytest.fixture
def superuser_client(client, db):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_it_opens_every_admin_list_and_add_page(superuser_client, model):
    response = superuser_client.get(f"/admin/{model}/")
    assert response.status_code == 200
    add = superuser_client.get(f"/admin/{model}/add/")
    assert add.status_code in (200, 403)


def test_it_opens_a_set_with_its_inlines(superuser_client):
    objective = ObjectiveFactory()
    TargetFactory(objective=objective)
    response = superuser_client.get(
        reverse("admin:objectives_objectiveset_change", args=[objective.objective_set_id])
    )
    assert response.status_code == 200
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn" in response.content.decode()


def test_it_shows_an_issued_set_read_only_and_never_deletes_it(superuser_client):
    objective = ObjectiveFactory(objective_set=ObjectiveSetFactory(status=Status.PUBLISHED))
    objective_set = objective.objective_set
    change_url = reverse("admin:objectives_objectiveset_change", args=[objective_set.pk])
    page = superuser_client.get(change_url)
    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()  # no editable inputs
    response = superuser_client.post(change_url, {"title": "Đổi tiêu đề"})
    assert response.status_code == 403
    delete = superuser_client.post(
        reverse("admin:objectives_objectiveset_delete", args=[objective_set.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    objective_set.refresh_from_db()
    assert objective_set.title == ""
    objective_change = superuser_client.post(
        reverse("admin:objectives_objective_change", args=[objective.pk]), {"content": "Khác"}
    )
    assert objective_change.status_code == 403
    objective.refresh_from_db()
    assert objective.content.startswith("Tỷ lệ hồ sơ")


def test_it_never_offers_to_delete_an_agency(superuser_client):
    agency = AgencyFactory()
    response = superuser_client.post(
        reverse("admin:agencies_agency_delete", args=[agency.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    agency.refresh_from_db()

"""'Tôi đã đọc': a member acknowledges a published set once, by POST with CSRF."""

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import Status
from objectives.models import Acknowledgement
from objectives.services.reading import set_acknowledge
from qms_objectives.errors import WorkflowError
from tests.objectives.reading_data import published_set


@pytest.mark.parametrize("role", ["staff", "iso_officer", "head", "administrator"])
def test_it_records_the_acknowledgement(client, agency, people, role):
    objective_set = published_set(agency)
    client.force_login(people[role])

    response = client.post(reverse("objectives:reading_acknowledge", args=[objective_set.pk]))

    assert response.status_code == 302
    assert response.url == reverse("objectives:reading_detail", args=[objective_set.pk])
    assert (
        Acknowledgement.objects.filter(objective_set=objective_set, user=people[role]).count() == 1
    )
    page = client.get(response.url)
    assert 'data-testid="acknowledged"' in page.text


def test_it_acknowledges_once_only(client, agency, people):
    objective_set = published_set(agency)
    client.force_login(people["staff"])
    url = reverse("objectives:reading_acknowledge", args=[objective_set.pk])
    client.post(url)
    first = Acknowledgement.objects.get()

    response = client.post(url, follow=True)

    assert Acknowledgement.objects.count() == 1
    assert Acknowledgement.objects.get().at == first.at
    assert "đã xác nhận đọc văn bản này trước đó" in response.text
    with pytest.raises(WorkflowError) as error:
        set_acknowledge(objective_set=objective_set, actor=people["staff"])
    assert error.value.code == "already"


def test_it_refuses_a_superseded_set(client, agency, people):
    objective_set = published_set(agency, status=Status.SUPERSEDED)
    client.force_login(people["staff"])

    client.post(reverse("objectives:reading_acknowledge", args=[objective_set.pk]))

    assert not Acknowledgement.objects.exists()
    with pytest.raises(WorkflowError) as error:
        set_acknowledge(objective_set=objective_set, actor=people["staff"])
    assert error.value.code == "state"


def test_it_answers_404_to_outsiders_and_changes_nothing(client, agency, other_department, people):
    objective_set = published_set(agency)
    other = published_set(agency, department=other_department)
    client.force_login(people["outsider"])
    assert (
        client.post(reverse("objectives:reading_acknowledge", args=[objective_set.pk])).status_code
        == 404
    )
    client.force_login(people["staff"])
    assert (
        client.post(reverse("objectives:reading_acknowledge", args=[other.pk])).status_code == 404
    )

    assert not Acknowledgement.objects.exists()
    with pytest.raises(WorkflowError):
        set_acknowledge(objective_set=objective_set, actor=people["outsider"])
    assert not Acknowledgement.objects.exists()


def test_it_needs_post_and_a_csrf_token(agency, people):
    objective_set = published_set(agency)
    url = reverse("objectives:reading_acknowledge", args=[objective_set.pk])
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["staff"])

    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert not Acknowledgement.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, agency):
    objective_set = published_set(agency)

    response = client.post(reverse("objectives:reading_acknowledge", args=[objective_set.pk]))

    assert response.status_code == 302
    assert not Acknowledgement.objects.exists()

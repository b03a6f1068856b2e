"""Helpers for the evaluation page tests: logging in by role and what a refusal must keep."""

from evaluation.models import EvaluationComment
from tests.objectives.services_support import snapshot


def login(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])


def state(report) -> dict:
    """The report's workflow snapshot plus its texts and comments."""
    report.refresh_from_db()
    return {
        **snapshot(report),
        "summary": report.summary,
        "review_conclusions": report.review_conclusions,
        "figures": report.figures,
        "comments": list(EvaluationComment.objects.values_list("objective_id", "comment")),
    }


def refused_as(response, status) -> bool:
    """403/404 as given; "login" for anonymous users sent to the login page."""
    if status == "login":
        return response.status_code == 302 and "/accounts/login/" in response["Location"]
    return response.status_code == status

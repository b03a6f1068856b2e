"""Every public address that shows documents, for the rulebook's property test
(tests/documents/test_rulebook.py: every document status × every public URL). Each entry says
where a document would appear and whether the answer shows it; the test asserts it shows exactly
the documents the rulebook's anonymous role (`view_public`) and the agency's publication settings
allow, and nothing else.

The read-only API (api/) adds its public endpoints here: one PublicUrl per endpoint, `url`
giving its address for a document (or None where the document has no address there) and
`shows` reading the answer (JSON) for it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from documents.models import Status
from documents.rulebook import allows


def public_everywhere(document) -> bool:
    """What the public pages and endpoints may show: the anonymous role's right, and a
    department's document only where the agency opens its departments' sets."""
    return allows("view_public", None, document) and (
        document.department_id is None or document.agency.publishes_department_sets
    )


def _marked(response, document) -> bool:
    return response.status_code == 200 and f'data-set="{document.pk}"' in response.content.decode()


def _ok(response, _document) -> bool:
    return response.status_code == 200


def anonymous_role(document) -> bool:
    return allows("view_public", None, document)


@dataclass(frozen=True)
class PublicUrl:
    name: str
    url: Callable  # (document, body) -> str
    shows: Callable  # (response, document) -> bool
    # Whether the answer must show the document (public_everywhere, narrowed where the address
    # shows only some public documents).
    expected: Callable = public_everywhere
    # The document kinds it is asked for ("*": every registered kind), by model label.
    kinds: tuple[str, ...] = ("objectives.ObjectiveSet",)
    # Asked for agency-level documents only (an address per year, not per document).
    agency_level_only: bool = False


def _agency_kwargs(document, body) -> dict:
    return {"province": body.slug, "agency": document.agency.slug}


def _in_force_this_year(document) -> bool:
    return document.status == Status.PUBLISHED and document.year == timezone.localdate().year


PUBLIC_URLS: list[PublicUrl] = [
    PublicUrl(
        "verification page",
        lambda d, body: reverse("documents:verify", args=[d.verification_code]),
        lambda r, d: r.status_code == 200 and d.issued_sha256 in r.content.decode(),
        expected=anonymous_role,
        kinds=("*",),
    ),
    PublicUrl(
        "verification file",
        lambda d, body: reverse("documents:verify_file", args=[d.verification_code]),
        _ok,
        expected=anonymous_role,
        kinds=("*",),
    ),
    PublicUrl(
        "province page",
        lambda d, body: reverse("publication:province", args=[body.slug]),
        _marked,
        expected=lambda d: public_everywhere(d) and _in_force_this_year(d),
    ),
    PublicUrl(
        "province page of the document's year",
        lambda d, body: reverse("publication:province_year", args=[body.slug, d.year]),
        _marked,
        expected=lambda d: public_everywhere(d) and d.status == Status.PUBLISHED,
    ),
    PublicUrl(
        "agency page",
        lambda d, body: reverse("publication:agency", kwargs=_agency_kwargs(d, body)),
        _marked,
    ),
    PublicUrl(
        "year page",
        lambda d, body: reverse(
            "publication:year", kwargs={**_agency_kwargs(d, body), "year": d.year}
        ),
        _marked,
    ),
    PublicUrl(
        "public PDF",
        lambda d, body: reverse(
            "publication:set_pdf", kwargs={**_agency_kwargs(d, body), "year": d.year, "pk": d.pk}
        ),
        _ok,
    ),
    PublicUrl(
        "sitemap",
        lambda d, body: reverse("publication:sitemap"),
        lambda r, d: (
            r.status_code == 200 and f"/{d.agency.slug}/{d.year}/</loc>" in r.content.decode()
        ),
        agency_level_only=True,
    ),
]


# The read-only API's public endpoints (api/public.py): the same rule, as JSON.
def _api_lists(response, document) -> bool:
    return response.status_code == 200 and any(
        row["id"] == document.pk for row in response.json()["results"]
    )


PUBLIC_URLS += [
    PublicUrl(
        "API set",
        lambda d, body: reverse("api:set", kwargs={"set_id": d.pk}),
        lambda r, d: r.status_code == 200 and r.json()["id"] == d.pk,
    ),
    PublicUrl(
        "API agency's sets of the year",
        lambda d, body: (
            reverse("api:agency_sets", kwargs={"agency_id": d.agency_id})
            + f"?year={d.year}&limit=200"
        ),
        _api_lists,
    ),
]

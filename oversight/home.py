"""The oversight body's card on the home page (objectives/home_cards.py): its agencies this
year, how many are late, a link to the table — read from the summaries (a few queries)."""

from django.urls import reverse
from django.utils import timezone

from objectives.home_cards import HomeCard
from oversight.selectors import Filters, bodies_of, table


def oversight_cards(user, membership) -> list[HomeCard]:
    year = timezone.localdate().year
    cards = []
    for body in bodies_of(user):
        data = table(body=body, year=year, filters=Filters(), today=timezone.localdate())
        published = sum(r.summary.objectives_status == "published" for r in data["rows"])
        cards.append(
            HomeCard(
                "oversight/_home_card.html",
                {
                    "body": body,
                    "year": year,
                    "total": data["total"],
                    "published": published,
                    "late": [r for r in data["rows"] if r.is_late][:5],
                    "late_count": data["late_count"],
                    "url": reverse("oversight:table", args=[body.pk, year]),
                },
            )
        )
    return cards

"""Cards that apps above objectives add to the home page ("Việc của tôi"), which they may not
be imported by: each registers a provider in its AppConfig.ready() (monitoring: periods to
confirm, reports due). A provider takes the user and their current membership and returns
HomeCards, each a template with its context."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class HomeCard:
    template: str
    context: dict = field(default_factory=dict)


_PROVIDERS: list[Callable] = []
# Providers asked for every user, a member of an agency or not (membership may be None): the
# oversight body's people work in no agency of theirs.
_FOR_ANYONE: list[Callable] = []


def register(provider: Callable, *, without_membership: bool = False) -> None:
    providers = _FOR_ANYONE if without_membership else _PROVIDERS
    if provider not in providers:
        providers.append(provider)


def home_cards(user, membership) -> list[HomeCard]:
    cards = [card for provider in _FOR_ANYONE for card in provider(user, membership)]
    if membership is None:
        return cards
    return cards + [card for provider in _PROVIDERS for card in provider(user, membership)]

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


def register(provider: Callable) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def home_cards(user, membership) -> list[HomeCard]:
    if membership is None:
        return []
    return [card for provider in _PROVIDERS for card in provider(user, membership)]

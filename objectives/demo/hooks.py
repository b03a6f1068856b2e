"""What higher apps add to the demo after its agencies and sets are loaded (the dossiers app
computes one agency's on-time target from a synthetic export): registered from their
AppConfig.ready(), run by `load_demo`, since the demo here may not import them."""

from collections.abc import Callable

_AFTER_LOAD: list[Callable[[], object]] = []


def register(hook: Callable[[], object]) -> None:
    if hook not in _AFTER_LOAD:
        _AFTER_LOAD.append(hook)


def after_load_run() -> list:
    return [hook() for hook in _AFTER_LOAD]

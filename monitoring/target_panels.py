"""What a higher app has to say about a target on monitoring's report page: the dossiers app,
which sits above monitoring, registers from its AppConfig.ready() a provider that tells, for the
targets on a page and the person reading it, which of them are computed from its records (and
where their figures are), or offers to bind one. Monitoring calls the providers and shows their
panels; it never imports the apps that provide them (see monitoring/result_sources.py for the
source of each computed result)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class TargetPanel:
    title: str  # "Tính từ hồ sơ một cửa"
    text: str = ""  # "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn · cả cơ quan"
    url: str = ""  # where the action leads; empty for a panel that only informs
    action: str = ""  # the link's words: "Gắn với hồ sơ một cửa", "Xem số liệu theo phòng"
    is_bound: bool = False  # the target is computed (False: an offer to bind it)


# provider(user, agency, targets, period_key) → {target id: TargetPanel}; a query or two for all
# the targets of the page, whose period is period_key.
Provider = Callable[[object, object, list, str], dict[int, TargetPanel]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def attach_panels(user, agency, targets: Iterable, period_key: str) -> None:
    """Set `target.panels` (a list, maybe empty) on each target of the page of `period_key`."""
    targets = list(targets)
    found: dict[int, list[TargetPanel]] = {t.pk: [] for t in targets}
    if targets:
        for provider in _PROVIDERS:
            for target_id, panel in provider(user, agency, targets, period_key).items():
                found.setdefault(target_id, []).append(panel)
    for target in targets:
        target.panels = found[target.pk]

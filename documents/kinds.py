"""The document kinds: each app whose model is built on IssuableDocument declares it here, once,
in its AppConfig.ready() — the renderer that turns it into PDF bytes and the name it is listed
under. documents/ itself names no other app: it asks this registry.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentKind:
    model: type  # a concrete subclass of documents.models.IssuableDocument
    render: Callable[..., bytes]  # render(document, *, final: bool) -> PDF bytes
    name: str  # what lists call this kind ("Mục tiêu chất lượng", lazily translated)
    # body(document) -> the document's content as JSON-able data (lists, dicts, texts, numbers,
    # dates): what approval hashes and issuing checks (documents.body). None: not checked.
    body: Callable[..., object] | None = None


_KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> None:
    _KINDS[kind.model._meta.label] = kind


def kind_of(document) -> DocumentKind:
    try:
        return _KINDS[document._meta.label]
    except KeyError:
        raise TypeError(f"{type(document).__name__} is not a registered document kind") from None


def registered() -> list[DocumentKind]:
    return list(_KINDS.values())

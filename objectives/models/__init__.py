from .documents import (
    EDITABLE_STATUSES,
    FROZEN_STATUSES,
    OPEN_STATUSES,
    DocumentEvent,
    DocumentNumber,
    IssuableDocument,
    IssueMethod,
    Status,
)
from .reading import Acknowledgement, SearchEntry
from .sets import (
    DEFAULT_PREAMBLE,
    Comparison,
    DocumentForm,
    Frequency,
    Objective,
    ObjectiveSet,
    Orientation,
    Section,
    Target,
)

__all__ = [
    "Acknowledgement",
    "SearchEntry",
    "DEFAULT_PREAMBLE",
    "EDITABLE_STATUSES",
    "FROZEN_STATUSES",
    "OPEN_STATUSES",
    "Comparison",
    "DocumentEvent",
    "DocumentForm",
    "DocumentNumber",
    "Frequency",
    "IssuableDocument",
    "IssueMethod",
    "Objective",
    "ObjectiveSet",
    "Orientation",
    "Section",
    "Status",
    "Target",
]

from .imports import SetImport
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
    fields_except,
)

__all__ = [
    "Acknowledgement",
    "SearchEntry",
    "SetImport",
    "DEFAULT_PREAMBLE",
    "Comparison",
    "DocumentForm",
    "Frequency",
    "Objective",
    "ObjectiveSet",
    "Orientation",
    "Section",
    "Target",
    "fields_except",
]

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

"""The official starting points for a new set: the form "Phụ lục 3" of references 000/001.

They are offered when a set is created (objectives.services.starting.set_start_from_template)
and the guidance on setting objectives is shown to the ISO officer while drafting. The data
lives in templates.yaml beside this module (product data, not demo data); every text is
returned in Unicode NFC.
"""

import copy
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

from qms_objectives.text import to_nfc

TEMPLATES_FILE = Path(__file__).resolve().parent / "templates.yaml"
TARGET_DEFAULTS = {"unit": "", "wording": "", "wording_in_content": False}


def _clean(value):
    """NFC for every string; numbers of targets as Decimal, like the model field."""
    if isinstance(value, str):
        return to_nfc(value.strip())
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def _target(raw: dict) -> dict:
    target = {**TARGET_DEFAULTS, **raw}
    if target.get("value") is not None:
        target["value"] = Decimal(str(target["value"]))
    return target


@cache
def _load() -> tuple[dict, ...]:
    with TEMPLATES_FILE.open(encoding="utf-8") as stream:
        data = _clean(yaml.safe_load(stream))
    templates = []
    for raw in data["templates"]:
        objectives = [
            {**objective, "targets": [_target(t) for t in objective.get("targets", [])]}
            for objective in raw.get("objectives", [])
        ]
        templates.append({**raw, "objectives": objectives, "guidance": data["guidance"]})
    return tuple(templates)


def official_templates() -> list[dict]:
    """Every official template, in the order they are offered. Callers get their own copies."""
    return copy.deepcopy(list(_load()))


def get_template(key: str) -> dict:
    """One template by key; KeyError for an unknown key."""
    for template in _load():
        if template["key"] == key:
            return copy.deepcopy(template)
    raise KeyError(key)


def guidance() -> str:
    """The guidance text on setting quality objectives (references 000/001)."""
    return _load()[0]["guidance"]

"""The content fields of a set, an objective and a target are listed once, on the models; the
places that cannot derive their list from them (the sheet's columns) are checked against it."""

import pytest

from objectives.excel.columns import COLUMNS
from objectives.models import Objective, ObjectiveSet, Target, fields_except


def test_every_content_field_is_a_model_field():
    for model in (ObjectiveSet, Objective, Target):
        for name in model.CONTENT_FIELDS:
            model._meta.get_field(name)
    assert set(ObjectiveSet.DECISION_FIELDS) <= set(ObjectiveSet.CONTENT_FIELDS)


def test_the_sheet_has_a_column_for_every_objective_and_target_field():
    keys = {column.key for column in COLUMNS} - {"number"}
    assert keys == {*Objective.CONTENT_FIELDS, *Target.CONTENT_FIELDS}


def test_fields_except_keeps_the_order_and_refuses_an_unknown_name():
    assert fields_except(("a", "b", "c"), "b") == ("a", "c")
    with pytest.raises(ValueError):
        fields_except(("a", "b"), "c")

"""No edit is ever lost (issue 18): a save writes only what its user changed from the version they
loaded (its history row), merged with what others saved since; a field both changed is a conflict
until the user chooses, per field, what is saved now (the default) or theirs."""

from decimal import Decimal

import pytest

from objectives.models import Target
from objectives.services import editing
from objectives.services.merging import UNKNOWN, merge_fields
from tests.factories import ObjectiveSetFactory, TargetFactory


@pytest.fixture
def draft(agency, people):
    return ObjectiveSetFactory(
        agency=agency, year=2025, with_objectives=2, with_objectives__numbered=True
    )


@pytest.fixture
def officer(people):
    return people["iso_officer"]


def first(objective_set):
    return objective_set.objectives.order_by("order").first()


def update(objective, actor, version=1, **kwargs):
    kwargs.setdefault("fields", {})
    return editing.objective_update(objective=objective, actor=actor, version=version, **kwargs)


def target_row(target, **changes) -> dict:
    """A target as the form posts it: its id and every content field."""
    values = {name: getattr(target, name) for name in editing.TARGET_FIELDS}
    return {"id": target.pk, **values, **changes}


# --- the merge itself -------------------------------------------------------------------------


def test_a_field_left_as_loaded_is_not_written():
    merged = merge_fields({"a": "1", "b": "1"}, {"a": "2", "b": "1"}, {"a": "1", "b": "3"})
    assert (merged.changes, merged.conflicts) == ({"b": "3"}, [])


def test_a_field_both_changed_differently_is_a_conflict_unless_kept_as_saved():
    merged = merge_fields({"a": "1"}, {"a": "2"}, {"a": "3"})
    assert [(c.key, c.saved, c.mine) for c in merged.conflicts] == [("a", "2", "3")]
    assert merge_fields({"a": "1"}, {"a": "2"}, {"a": "3"}, keep_saved={"a"}).changes == {}


def test_the_same_change_on_both_sides_is_no_conflict_and_no_write():
    merged = merge_fields({"a": "1"}, {"a": "2"}, {"a": "2"})
    assert (merged.changes, merged.conflicts) == ({}, [])


def test_without_a_base_every_difference_is_a_conflict():
    merged = merge_fields(UNKNOWN, {"a": "2", "b": "1"}, {"a": "3", "b": "1"})
    assert [c.key for c in merged.conflicts] == ["a"]


def test_text_from_a_browser_compares_without_carriage_returns():
    merged = merge_fields({"a": "x\ny"}, {"a": "x\ny"}, {"a": "x\r\ny"})
    assert merged.changes == {}


# --- objectives -------------------------------------------------------------------------------


def test_two_editors_changing_different_fields_both_keep_their_change(draft, officer):
    objective = first(draft)
    update(objective, officer, fields={"content": "Nội dung của A"})
    saved = update(objective, officer, fields={"content": objective.content, "measures": "Của B"})
    assert (saved.content, saved.measures, saved.version) == ("Nội dung của A", "Của B", 3)


def test_the_same_field_changed_by_both_is_offered_as_a_conflict(draft, officer):
    objective = first(draft)
    update(objective, officer, fields={"content": "Nội dung của A"})
    with pytest.raises(editing.EditConflict) as refused:
        update(objective, officer, fields={"content": "Nội dung của B", "measures": "Của B"})
    conflict = refused.value
    assert [(c.key, c.saved, c.mine) for c in conflict.conflicts] == [
        ("content", "Nội dung của A", "Nội dung của B")
    ]
    assert conflict.mine == {"content": "Nội dung của B", "measures": "Của B"}
    assert conflict.current_version == 2
    objective.refresh_from_db()
    assert (objective.content, objective.measures) == ("Nội dung của A", "")


def test_saving_again_without_choosing_keeps_what_is_saved(draft, officer):
    objective = first(draft)
    update(objective, officer, fields={"content": "Nội dung của A"})
    mine = {"content": "Nội dung của B", "measures": "Của B"}
    # The refused form again, as it was: refused again.
    with pytest.raises(editing.EditConflict):
        update(objective, officer, fields=mine)
    # The refused form as shown (version 2, each conflict's choice on "saved"): B's own change
    # goes in, A's stays.
    saved = update(objective, officer, version=2, fields=mine, keep_saved={"content"})
    assert (saved.content, saved.measures) == ("Nội dung của A", "Của B")


def test_choosing_mine_changes_only_that_field(draft, officer):
    objective = first(draft)
    update(objective, officer, fields={"content": "Nội dung của A", "resources": "Của A"})
    with pytest.raises(editing.EditConflict):
        update(objective, officer, fields={"content": "Nội dung của B", "resources": ""})
    saved = update(objective, officer, version=2, fields={"content": "Nội dung của B"})
    assert (saved.content, saved.resources, saved.version) == ("Nội dung của B", "Của A", 3)


def test_a_third_change_after_the_choice_is_offered_again(draft, officer):
    objective = first(draft)
    update(objective, officer, fields={"content": "A"})
    update(objective, officer, version=2, fields={"content": "C"})
    with pytest.raises(editing.EditConflict) as refused:
        update(objective, officer, version=2, fields={"content": "B"})
    assert refused.value.conflicts[0].saved == "C"


def test_supporting_units_merge_with_other_fields(draft, officer, department, other_department):
    objective = first(draft)
    update(objective, officer, fields={}, supporting_units=[department])
    saved = update(objective, officer, fields={"content": "Của B"}, supporting_units=[])
    assert saved.content == "Của B"
    assert list(saved.supporting_units.all()) == [department]
    with pytest.raises(editing.EditConflict) as refused:
        update(objective, officer, fields={}, supporting_units=[other_department])
    assert [c.key for c in refused.value.conflicts] == ["supporting_units"]


def test_an_unchanged_form_writes_nothing(draft, officer):
    objective = first(draft)
    update(objective, officer, fields={"content": "A"})
    saved = update(objective, officer, fields={"content": objective.content})
    assert (saved.content, saved.version) == ("A", 2)


# --- targets ----------------------------------------------------------------------------------


def test_targets_changed_in_different_fields_keep_both_changes(draft, officer):
    objective = first(draft)
    target = objective.targets.get()
    update(objective, officer, targets=[target_row(target, value=Decimal(95))])
    update(objective, officer, targets=[target_row(target, wording="ít nhất 91%")])
    target.refresh_from_db()
    assert (target.value, target.wording) == (Decimal(95), "ít nhất 91%")


def test_a_target_changed_by_both_is_a_conflict_keyed_by_its_id(draft, officer):
    objective = first(draft)
    target = objective.targets.get()
    update(objective, officer, targets=[target_row(target, value=Decimal(95))])
    mine = [target_row(target, value=Decimal(99))]
    with pytest.raises(editing.EditConflict) as refused:
        update(objective, officer, targets=mine)
    (conflict,) = refused.value.conflicts
    assert (conflict.key, conflict.saved, conflict.mine) == (f"t{target.pk}-value", 95, 99)
    update(objective, officer, version=2, targets=mine, keep_saved={conflict.key})
    assert objective.targets.get().value == 95
    update(objective, officer, version=2, targets=mine)
    assert objective.targets.get().value == 99


def test_a_target_added_by_someone_else_is_kept(draft, officer):
    objective = first(draft)
    target = objective.targets.get()
    new = {"id": None, "comparison": "at_most", "value": Decimal(0), "wording": "bằng không"}
    update(objective, officer, targets=[target_row(target), new])
    update(objective, officer, fields={"content": "Của B"}, targets=[target_row(target)])
    assert [t.wording for t in objective.targets.order_by("order")] == ["≥ 91%", "bằng không"]


def test_deleting_a_target_someone_changed_since_is_a_conflict(draft, officer):
    objective = first(draft)
    target = objective.targets.get()
    update(objective, officer, targets=[target_row(target, value=Decimal(95))])
    with pytest.raises(editing.EditConflict) as refused:
        update(objective, officer, targets=[], removed_targets=[target.pk])
    assert [c.key for c in refused.value.conflicts] == [f"t{target.pk}-"]
    update(objective, officer, version=2, targets=[], removed_targets=[target.pk])
    assert not Target.objects.filter(pk=target.pk).exists()


def test_deleting_an_untouched_target_removes_it(draft, officer):
    objective = first(draft)
    target = objective.targets.get()
    other = TargetFactory(objective=objective, order=2, wording="bằng không")
    update(objective, officer, fields={"content": "Của A"})
    update(objective, officer, targets=[target_row(other)], removed_targets=[target.pk])
    assert list(objective.targets.all()) == [other]


def test_a_target_someone_else_removed_stays_removed(draft, officer):
    objective = first(draft)
    target = objective.targets.get()
    update(objective, officer, targets=[], removed_targets=[target.pk])
    # Untouched in the other form: no conflict, nothing comes back.
    saved = update(objective, officer, fields={"content": "Của B"}, targets=[target_row(target)])
    assert saved.content == "Của B" and not saved.targets.exists()
    # Changed in it: the user is told, and still nothing comes back.
    with pytest.raises(editing.EditConflict) as refused:
        update(objective, officer, targets=[target_row(target, wording="Của B")])
    assert [(c.key, c.saved) for c in refused.value.conflicts] == [(f"t{target.pk}-", None)]


def test_a_target_of_another_objective_is_refused(draft, officer):
    one, two = draft.objectives.order_by("order")
    foreign = two.targets.get()
    with pytest.raises(editing.WorkflowError) as refused:
        update(one, officer, targets=[target_row(foreign)])
    assert refused.value.code == "invalid"


# --- the header and sections ------------------------------------------------------------------


def test_a_recipient_line_added_by_one_survives_a_title_saved_by_another(draft, officer):
    recipients = "- Ban Giám đốc;\n- Lưu: VT."
    editing.set_header_update(
        objective_set=draft,
        actor=officer,
        version=1,
        fields={"recipients": recipients.replace("\n", "\n- Các phòng;\n")},
    )
    saved = editing.set_header_update(
        objective_set=draft,
        actor=officer,
        version=1,
        fields={"title": "Mục tiêu 2025", "recipients": draft.recipients},
    )
    assert saved.title == "Mục tiêu 2025"
    assert "Các phòng" in saved.recipients


def test_recipients_changed_by_both_are_a_conflict_and_the_saved_ones_stay(draft, officer):
    mine = {"recipients": "- Sở Nội vụ;", "title": "Của B"}
    editing.set_header_update(
        objective_set=draft, actor=officer, version=1, fields={"recipients": "- Các phòng;"}
    )
    with pytest.raises(editing.EditConflict) as refused:
        editing.set_header_update(objective_set=draft, actor=officer, version=1, fields=mine)
    assert [c.key for c in refused.value.conflicts] == ["recipients"]
    saved = editing.set_header_update(
        objective_set=draft, actor=officer, version=2, fields=mine, keep_saved={"recipients"}
    )
    assert (saved.recipients, saved.title) == ("- Các phòng;", "Của B")


def test_a_section_renamed_by_both_is_a_conflict(draft, officer):
    section = draft.sections.get()
    editing.section_rename(section=section, actor=officer, title="I. Của A", version=1)
    with pytest.raises(editing.EditConflict) as refused:
        editing.section_rename(section=section, actor=officer, title="I. Của B", version=1)
    assert [(c.saved, c.mine) for c in refused.value.conflicts] == [("I. Của A", "I. Của B")]
    kept = editing.section_rename(
        section=section, actor=officer, title="I. Của B", version=2, keep_saved={"title"}
    )
    assert kept.title == "I. Của A"
    taken = editing.section_rename(section=section, actor=officer, title="I. Của B", version=2)
    assert (taken.title, taken.version) == ("I. Của B", 3)

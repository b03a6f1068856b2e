"""Every write of the objectives app: workflow transitions (workflow.py, issuing.py), starting a
set (starting.py) and versioned edits (editing.py).

Kept free of imports so that models may import qms_objectives.errors without a cycle.
"""

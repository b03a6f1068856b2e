"""Objective sets in and out of Excel: export (export.py), the blank template (template.py) and
import into a new draft (import_.py). The columns all three share are in columns.py."""

"""The record editor, generated from a form definition (sections, fields, groups, computed)."""

"""The shape of a form id (``energy_report``): lower-case ASCII, a letter first, at most 40
characters. Its own module so that the form registry can check an id without loading the forms
engine."""

from __future__ import annotations

import re

FORM_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")

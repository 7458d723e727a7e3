"""Cross-field rules of the data standard, each with a stable id and a severity.

``rules/<form>.py`` registers a form's rules with ``@rule(…)``; this package imports every
module in it, and a module added later is found by its name when its form is first checked.
A form version can also declare rules in its file (``[[rule]]``, see ``declared.py``).
"""

import sys

from ..registry import load_package_modules
from .base import REGISTRY, Finding, Rule, RuleContext, rules_for
from .declared import form_rules

__all__ = ["REGISTRY", "Finding", "Rule", "RuleContext", "form_rules", "rules_for"]

load_package_modules(sys.modules[__name__])

"""Cross-field rules of the data standard, each with a stable id and a severity."""

from . import common, cp_audit, energy_budget, energy_report, org, pilot_application  # noqa: F401
from .base import REGISTRY, Finding, Rule, RuleContext, rules_for

__all__ = ["REGISTRY", "Finding", "Rule", "RuleContext", "rules_for"]

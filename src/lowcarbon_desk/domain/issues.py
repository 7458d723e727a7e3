"""Issues found in a record: errors block, warnings need a justification, infos just travel."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
SEVERITY_LABELS = {ERROR: ("错误", "error"), WARNING: ("警告", "warning"), INFO: ("提示", "info")}


@dataclass(frozen=True)
class Issue:
    """One finding of a rule about one field (``field`` is a path like ``lines[1].feedstock_use``)."""

    rule: str
    severity: str
    field: str
    message_zh: str
    message_en: str
    justification: str | None = None

    @property
    def key(self) -> str:
        """Identifies the finding for its justification: rule and field path."""
        return f"{self.rule}@{self.field}"

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def severity_label(self, lang: str = "zh") -> str:
        zh, en = SEVERITY_LABELS[self.severity]
        return en if lang == "en" else zh

    def to_json(self, lang: str = "zh") -> dict[str, str | None]:
        """The issue as in ``record show --json``."""
        return {"rule": self.rule, "severity": self.severity, "field": self.field,
                "message": self.message(lang), "message_zh": self.message_zh,
                "message_en": self.message_en, "justification": self.justification}


def sort_issues(issues: list[Issue]) -> list[Issue]:
    """Errors first, then warnings, then infos; stable within each."""
    return sorted(issues, key=lambda i: SEVERITY_ORDER[i.severity])


def blocking(issues: list[Issue]) -> list[Issue]:
    """What stops a submission: every error and every warning without a justification."""
    return [i for i in issues
            if i.severity == ERROR or (i.severity == WARNING and not (i.justification or "").strip())]

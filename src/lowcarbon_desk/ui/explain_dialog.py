"""Explain this number: how a computed value of the open record was obtained, in a dialog.

Everything the dialog says comes from ``domain.explain`` run on the editor's data as typed (not
yet saved): the traced computation that produced the value (``explain``, ``as_dict``), never a
formula of the window's own. It shows the formula in words and symbols, the working with its
numbers, the intermediate results, the entered values (each a link to its field) and the
reference factors with their source and the reference-data version.

Following an entered value's link closes the dialog and puts the cursor on the field: the
dialog would otherwise cover the field on a small screen, and its numbers would no longer be
those of the record once the user changes the value. Clicking the result again (or F1) shows
the explanation of the changed record.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ..domain.explain import EMPTY, Explanation, as_dict, explain, number_text, text_lines
from ..domain.forms import ComputedDef, FormDef
from ..domain.issues import Issue
from ..domain.labels import computed_text, unit_text
from ..domain.normalise import normalise
from ..domain.reference import ReferenceData
from .screen_fit import FitsScreen

FIELD_SCHEME = "field"  # an entered value's link: field:<position in the list of inputs>
MUTED = "color:#6c757d;"
PROBLEM = "color:#b02a37;"


@dataclass(frozen=True)
class LiveExplanation:
    """One computed value explained on the editor's current data."""

    path: str
    form: FormDef
    ref: ReferenceData
    lang: str
    data: dict  # the clean data the value was computed from
    explanation: Explanation | None  # None: the form computes no value at this path
    problems: dict[str, str]  # entered values that could not be read: path → message

    @property
    def item(self) -> dict:
        """``domain.explain.as_dict`` of the value: the numbers and words the dialog shows."""
        if self.explanation is None:
            return {}
        return as_dict(self.explanation, self.form, self.data, self.ref, self.lang)

    def plain_text(self) -> str:
        """The explanation as the command line prints it (``record explain``)."""
        if self.explanation is None:
            return ""
        return "\n".join(text_lines(self.explanation, self.form, self.data, self.ref, self.lang))


def explain_live(form: FormDef, ref: ReferenceData, lang: str, typed: dict, path: str) -> LiveExplanation:
    """The explanation of the computed value at ``path`` for the data as typed in the editor:
    read as the stored record would be (``normalise``), then explained by the domain."""
    clean, problems = normalise(form, typed, ref)
    found = [e for e in explain(form.id, clean, ref, form.version) if e.path == path]
    return LiveExplanation(path, form, ref, lang, clean, found[0] if found else None,
                           _problem_messages(problems, lang))


def _problem_messages(problems: list[Issue], lang: str) -> dict[str, str]:
    return {p.field: p.message(lang) for p in problems if p.field}


def _unit(unit: str) -> str:
    return unit_text(unit or "")


def _number(value: object, unit: str, lang: str, digits: int = 6) -> str:
    """A value as ``domain.explain`` writes it: all its digits, thousands separated, its unit."""
    if value is None:
        return EMPTY[lang]
    text = number_text(value, digits, lang)
    unit = _unit(unit)
    return f"{text} {unit}" if unit else text


def _source_text(factor: dict) -> str:
    """A factor's publication in the explanation's language where the domain gives it
    (``source_text``), else the reference set's own text."""
    return factor.get("source_text") or (factor.get("source") or {}).get("text", "")


def _table(rows: str) -> str:
    return f"<table cellspacing='0' cellpadding='3' width='100%'>{rows}</table>"


def result_text(form: FormDef, spec: ComputedDef, value: object, lang: str, ref: ReferenceData,
                exact: bool) -> str:
    """The computed value: as the editor shows it (rounded to the form's decimals, a grid factor
    by its label), or ``exact`` with every digit the computation gave."""
    if value is None:
        return EMPTY[lang]
    if exact and spec.type in ("number", "int") and not isinstance(value, bool):
        return _number(value, spec.unit(lang), lang)
    text = computed_text(form, spec, value, lang, ref)
    unit = _unit(spec.unit(lang)) if spec.type in ("number", "int") else ""
    return f"{text} {unit}" if unit else text


class ExplainDialog(FitsScreen, QDialog):
    """The explanation of one computed value; ``fieldRequested(path)`` when an entered value's
    link is followed (the dialog closes first)."""

    fieldRequested = Signal(str)

    def __init__(self, live: LiveExplanation, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("explain_dialog")
        self.live = live
        self.input_paths: list[str] = []
        spec = live.explanation.spec if live.explanation is not None else None
        label = spec.label(live.lang) if spec is not None else live.path
        self.setWindowTitle(self.tr("计算说明：%1").replace("%1", label))
        self.browser = QTextBrowser()
        self.browser.setObjectName("explain_text")
        self.browser.setAccessibleName(self.windowTitle())
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._anchor_clicked)
        self.browser.setHtml(self._html())
        hint = QLabel(self.tr("点击带下划线的填报值，可跳到该字段。"))
        hint.setObjectName("explain_hint")
        hint.setWordWrap(True)
        hint.setStyleSheet(MUTED)
        hint.setVisible(bool(self.input_paths))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.copy_button = buttons.addButton(self.tr("复制文字"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("explain_copy")
        self.copy_button.setToolTip(self.tr("复制与命令行 record explain 相同的文字"))
        self.copy_button.clicked.connect(self.copy_text)
        self.copy_button.setEnabled(live.explanation is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self._fit(parent)

    def _fit(self, parent: QWidget | None) -> None:
        """About 760 wide and as tall as the text (at most 600), never larger than the window it
        explains (1024×700 screens): a short explanation leaves the table behind it in view."""
        width, most = 760, 600
        window = parent.window() if parent is not None else None
        if window is not None and window.width() > 0:
            width = min(width, max(window.width() - 40, 420))
            most = min(most, max(window.height() - 60, 320))
        document = self.browser.document()
        document.setTextWidth(width - 40)
        chrome = 2 * self.browser.frameWidth() + 120  # the hint, the buttons and the margins
        self.resize(width, min(most, max(int(document.size().height()) + chrome, 260)))

    # --- content -------------------------------------------------------------------------
    def _html(self) -> str:
        live = self.live
        if live.explanation is None:
            missing = self.tr("这里没有计算值：%1").replace("%1", live.path)
            return f"<p>{escape(missing)}</p>"
        item = live.item
        spec = live.explanation.spec
        lang = live.lang
        shown = result_text(live.form, spec, item["value"], lang, live.ref, exact=False)
        exact = result_text(live.form, spec, item["value"], lang, live.ref, exact=True)
        version = item["reference_data_version"]
        colon = ": " if lang == "en" else "："
        words = {"formula": self.tr("公式"), "working": self.tr("计算"), "steps": self.tr("中间结果"),
                 "inputs": self.tr("填报值"), "factors": self.tr("参考数据（版本 %1）").replace("%1", version),
                 "version": self.tr("参考数据版本：%1").replace("%1", version),
                 "rounded": self.tr("计算结果保留全部位数，显示时四舍五入为 %1。").replace("%1", shown)}
        parts = [f"<h3>{escape(item['label'])} = {escape(shown)}</h3>",
                 f"<p style='{MUTED}'>{escape(item['path'])}</p>"]
        if item["formula"]:
            symbols = f"<br/><i>{escape(item['symbols'])}</i>" if item["symbols"] else ""
            parts.append(f"<p><b>{escape(words['formula'])}</b>{colon}{escape(item['formula'])}{symbols}</p>")
        parts.append(f"<p><b>{escape(words['working'])}</b>{colon}{escape(item['working'])} = <b>{escape(exact)}</b></p>")
        if shown != exact:
            parts.append(f"<p style='{MUTED}'>{escape(words['rounded'])}</p>")
        if live.problems:
            unread = self.tr("有 %1 处填报值无法读取，按空值计算（见问题列表）。").replace("%1", str(len(live.problems)))
            parts.append(f"<p style='{PROBLEM}'>{escape(unread)}</p>")
        if item["steps"]:
            rows = "".join(
                f"<tr><td>{escape(s['label'])}</td><td>= {escape(s['working'])}</td>"
                f"<td align='right'>= <b>{escape(_number(s['value'], s['unit'], lang, 4))}</b></td></tr>"
                for s in item["steps"])
            parts.append(f"<h4>{escape(words['steps'])}</h4>{_table(rows)}")
        if item["inputs"]:
            rows = ""
            for position, entered in enumerate(item["inputs"]):
                self.input_paths.append(entered["path"])
                problem = live.problems.get(entered["path"])
                note = f"<br/><span style='{PROBLEM}'>{escape(problem)}</span>" if problem else ""
                rows += (f"<tr><td><a href='{FIELD_SCHEME}:{position}'>{escape(entered['label'])}</a>"
                         f" <span style='{MUTED}'>{escape(entered['path'])}</span>{note}</td>"
                         f"<td align='right'>{escape(_number(entered['value'], entered['unit'], lang))}</td></tr>")
            parts.append(f"<h4>{escape(words['inputs'])}</h4>{_table(rows)}")
        if item["factors"]:
            rows = ""
            for factor in item["factors"]:
                source = factor["source"] or {}
                where = f"{source['table']}: {source['key']}" if source else ""
                rows += (f"<tr><td>{escape(factor['label'])}</td>"
                         f"<td align='right'>{escape(_number(factor['value'], factor['unit'], lang))}</td>"
                         f"<td>{escape(_source_text(factor))} <span style='{MUTED}'>{escape(where)}</span></td></tr>")
            parts.append(f"<h4>{escape(words['factors'])}</h4>{_table(rows)}")
        else:
            parts.append(f"<p style='{MUTED}'>{escape(words['version'])}</p>")
        return "".join(parts)

    # --- actions -------------------------------------------------------------------------
    def _anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() != FIELD_SCHEME:
            return
        try:
            path = self.input_paths[int(url.path())]
        except (ValueError, IndexError):
            return
        self.follow(path)

    def follow(self, path: str) -> None:
        """Close, then ask the editor to put the cursor on ``path``."""
        self.accept()
        self.fieldRequested.emit(path)

    def copy_text(self) -> None:
        """The explanation as text on the clipboard, for a note or an e-mail to the enterprise."""
        QGuiApplication.clipboard().setText(self.live.plain_text())

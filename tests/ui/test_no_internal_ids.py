"""No internal id in what the window shows: field paths, snake_case ids of the forms' fields,
computed values, energy codes and grid factor sets, UUIDs, audit actions, raw JSON. Every form's
record open (draft and submitted), in Chinese and English, with its history dialog.

Tooltips may name ids (they are the "on demand" place for them) and are not read.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTabBar,
    QWidget,
)

from domain.samples import sample
from lowcarbon_desk.domain.forms import RECORD_FORMS, get_form
from lowcarbon_desk.domain.reference import shipped_reference

from .conftest import ENTERPRISE, sample_record

UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)
PATH = re.compile(r"\w+\[\d+\]\.\w+")
AUDIT = re.compile(r"\brecord\.\w+")
JSON = re.compile(r"\{\"")
PLURAL = re.compile(r"\b1 (errors|warnings|infos|records|files|issues|items|values|organisations)\b")


def internal_ids() -> set[str]:
    """The ids a reader must never see: of the forms' fields, columns and computed values, of
    the energy codes and of the grid factor sets (those with an underscore or a digit: plain
    words such as "heat" are also English)."""
    ids: set[str] = set()
    for form_id in (*RECORD_FORMS, "org"):
        form = get_form(form_id)
        for field in form.fields:
            ids.add(field.id)
            ids.update(column.id for column in field.columns)
        ids.update(computed.id for computed in form.computed)
    ref = shipped_reference()
    ids.update(ref.energy)
    ids.update(ref.grid)
    return {i for i in ids if "_" in i or any(c.isdigit() for c in i)}


IDS = internal_ids()
ID_PATTERN = re.compile(r"(?<![\w.])(" + "|".join(sorted(map(re.escape, IDS), key=len, reverse=True))
                        + r")(?![\w(])")


def leaks(text: str) -> list[str]:
    """The internal ids found in ``text``."""
    text = unescape(re.sub(r"<[^>]+>", " ", text))
    found = [m.group(0) for pattern in (UUID, PATH, AUDIT, JSON, PLURAL) for m in pattern.finditer(text)]
    found += [m.group(0) for m in ID_PATTERN.finditer(text)]
    return found


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of what ``root`` shows: labels, buttons, group titles, tabs, combo boxes,
    the cells and headers of every visible item view (DisplayRole)."""
    texts = [("title", root.windowTitle())]
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append((name, widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append((name, widget.title()))
        elif isinstance(widget, QTabBar):
            texts += [(name, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            texts += [(name, widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                texts.append((name, str(model.headerData(column, Qt.Orientation.Horizontal) or "")))
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    texts.append((name, str(model.index(row, column).data() or "")))
    return texts


def problems(root: QWidget, context: str) -> list[str]:
    return [f"{context}: {where}: {found} in {text!r}" for where, text in visible_texts(root)
            for found in leaks(text)]


def test_the_pattern_finds_what_it_must():
    assert leaks("lines[0].closing_stock") and leaks("raw_coal") and leaks("(total_tce)")
    assert leaks("电网因子：mee_2023_2025") and leaks("record.update") and leaks('{"energy": 1}')
    assert leaks("记录编号 6f1c2b9e-1d2a-4c3b-9a8e-0123456789ab") and leaks("1 errors, 1 warnings")
    assert not leaks("原煤 1,000 吨") and not leaks("第 1 行 原煤 · 期末库存量")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_organisation_forms_name_their_problems_by_label(window, qtbot, tmp_path, lang):
    from lowcarbon_desk.ui.welcome import WelcomeDialog

    window.set_language(lang)
    dialog = window.new_org()
    dialog.bindings["org_id"].set_value("123")
    dialog.accept()  # refused: several problems
    assert dialog.isVisible() and dialog.error.text()
    found = problems(dialog, "new organisation")
    dialog.close()
    welcome = WelcomeDialog(tmp_path / "x.db", lang)
    qtbot.addWidget(welcome)
    welcome.show()
    assert welcome.confirm() is False and welcome.error.text()
    found += problems(welcome, "welcome page")
    welcome.close()
    window.set_language("zh")
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_internal_id_is_shown(window, qtbot, lang):
    window.set_language(lang)
    service = window.service
    found: list[str] = []
    for form_id in RECORD_FORMS:
        org, data = sample_record(form_id)
        draft = service.create_record(form_id, org, data)
        window.open_record(draft)
        changed = dict(data)
        service.save_draft(draft, changed)
        submitted = service.create_record(form_id, org, data)
        service.submit(submitted)
        for record_id in (draft, submitted):
            window.open_record(record_id)
            pane = window.pane
            for expanded in (True, False):
                pane.editor.computed_panel.set_expanded(expanded)
                for tab in range(pane.tabs.count()):
                    pane.tabs.setCurrentIndex(tab)
                    QApplication.processEvents()
                    found += problems(window, f"{form_id} {record_id[:8]} tab {tab}")
            found += [f"{form_id} status bar: {m}" for m in leaks(window.statusBar().currentMessage())]
            history = window.show_history()
            qtbot.waitExposed(history)
            for tab in range(2):
                history.findChild(QTabBar).setCurrentIndex(tab)
                QApplication.processEvents()
                found += problems(history, f"{form_id} history tab {tab}")
            history.close()
        window.open_record(draft)
        first = next(c.id for c in get_form(form_id).computed_for("record"))
        explained = window.pane.editor.explain(first)
        qtbot.waitExposed(explained)
        found += problems(explained, f"{form_id} explanation of {first}")
        explained.close()
        confirm = window.submit()
        if confirm is not None:
            found += problems(confirm, f"{form_id} submit confirmation")
            confirm.close()
    # a draft with a warning and an error on a line: the issues panel names them by labels
    report = sample("energy_report")
    report["lines"][0].update(closing_stock=80, feedstock_use=99999)
    window.open_record(service.create_record("energy_report", ENTERPRISE, report))
    window.pane.validate()
    QApplication.processEvents()
    found += problems(window, "energy report with issues")
    found += [f"issues: status bar: {m}" for m in leaks(window.statusBar().currentMessage())]
    for page in (1, 2):
        window.pages.setCurrentIndex(page)
        qtbot.wait(50)
        found += problems(window, f"page {page}")
    window.pages.setCurrentIndex(0)
    window.set_language("zh")
    assert found == [], "\n".join(sorted(set(found)))

"""Every editor at 1024×700, in Chinese and English: no label, button or header narrower than its
text (wrapped labels must have the height their lines need), the navigator folded away."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QStyle,
    QStyleOptionGroupBox,
    QWidget,
)

from lowcarbon_desk.domain.forms import RECORD_FORMS
from lowcarbon_desk.ui.editor.banded_header import PAD, BandedHeader

from .conftest import sample_record

SMALL = (1024, 700)


def _text(widget: QWidget) -> str:
    text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def clipped(root: QWidget) -> list[str]:
    """Visible labels, buttons and group box titles under ``root`` that do not show all their
    text, and table header sections narrower than a word of their label."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QLabel, QAbstractButton, QGroupBox)):
            continue
        text = _text(widget)
        if not text.strip():
            continue
        metrics = widget.fontMetrics()
        name = f"{type(widget).__name__} {widget.objectName()!r} {text!r}"
        if isinstance(widget, QLabel):
            room = widget.contentsRect().width() - 2 * widget.margin()
            if widget.wordWrap():
                if widget.heightForWidth(widget.width()) > widget.height() + 1:
                    found.append(f"{name}: wrapped text needs {widget.heightForWidth(widget.width())} px "
                                 f"of height, has {widget.height()}")
                longest = max((metrics.horizontalAdvance(w) for w in text.split()), default=0)
                if longest > room and not any("\u4e00" <= c <= "\u9fff" for c in text):
                    found.append(f"{name}: a word is {longest} px, the label {room} px")
            else:
                needed = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
                if room < needed:
                    found.append(f"{name}: {room} px for {needed} px of text")
        elif isinstance(widget, QAbstractButton):
            if widget.width() < widget.sizeHint().width() or widget.width() < metrics.horizontalAdvance(text):
                found.append(f"{name}: {widget.width()} px, needs {widget.sizeHint().width()}")
        else:
            option = QStyleOptionGroupBox()
            widget.initStyleOption(option)
            label = widget.style().subControlRect(QStyle.ComplexControl.CC_GroupBox, option,
                                                  QStyle.SubControl.SC_GroupBoxLabel, widget)
            if label.width() < metrics.horizontalAdvance(text) or label.right() > widget.width():
                found.append(f"{name}: title clipped")
    for header in root.findChildren(BandedHeader):
        if not header.isVisible():
            continue
        metrics = header.fontMetrics()
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            words = header.label(section).split()
            longest = max((metrics.horizontalAdvance(w) for w in words if w.isascii()), default=0)
            if longest + 2 * PAD > header.sectionSize(section):
                found.append(f"header {header.label(section)!r}: {header.sectionSize(section)} px")
        if header.height() < header.needed_height():
            found.append(f"header of {header.parent().objectName()}: {header.height()} px tall, "
                         f"needs {header.needed_height()}")
    return found


def settle(qtbot, window) -> None:
    QApplication.processEvents()
    qtbot.wait(20)
    QApplication.processEvents()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_editor_fits_1024_by_700(window, qtbot, lang):
    window.set_language(lang)
    window.resize(*SMALL)
    settle(qtbot, window)
    assert window.width() <= SMALL[0] and window.height() <= SMALL[1]  # nothing forces it wider
    assert not window.compact.navigator_shown()  # folded on a small screen
    pane = window.pane
    assert pane.width() >= 0.55 * window.width()
    service = window.service
    checked = 0
    for form_id in RECORD_FORMS:
        org, data = sample_record(form_id)
        draft = service.create_record(form_id, org, data)
        submitted = service.create_record(form_id, org, data)
        service.store.submit(submitted, "tester")
        for record_id in (draft, submitted):
            window.open_record(record_id)
            for expanded in (True, False):
                pane.editor.computed_panel.set_expanded(expanded)
                for tab in range(pane.tabs.count()):
                    pane.tabs.setCurrentIndex(tab)
                    settle(qtbot, window)
                    problems = clipped(pane)
                    assert problems == [], f"{form_id} ({lang}, tab {tab}, computed "\
                        f"{'open' if expanded else 'folded'}):\n" + "\n".join(problems)
                    checked += 1
        assert pane.editor.scroll_area.viewport().width() > 400
    assert checked >= len(RECORD_FORMS) * 4
    window.set_language("zh")


def test_the_navigator_folds_below_the_threshold_and_comes_back(window, qtbot):
    window.resize(1500, 900)
    settle(qtbot, window)
    assert window.compact.navigator_shown()
    window.resize(*SMALL)
    settle(qtbot, window)
    assert not window.compact.navigator_shown() and window.main_splitter.sizes()[0] == 0
    window.act_navigator.trigger()  # View → Navigator (F9)
    assert window.compact.navigator_shown()
    window.act_navigator.trigger()
    assert not window.compact.navigator_shown()
    window.resize(1500, 900)
    settle(qtbot, window)
    assert window.compact.navigator_shown()
    assert "F9" in window.act_navigator.toolTip()

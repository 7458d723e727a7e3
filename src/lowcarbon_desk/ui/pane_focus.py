"""F6 / Shift+F6 (and Ctrl+Tab / Ctrl+Shift+Tab): the keyboard focus from pane to pane.

On the records page the panes are the navigator, the record list, the editor and the issues
panel, in that order; on the other pages the navigator and the page. A hidden pane (the
navigator folded away on a small screen, no record open) is passed over. Coming back to a
pane puts the focus where it was when the pane was left, as Qt Creator and Anki do; the first
time, on its main widget (the list's table, the editor's first field, the issues table).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from shiboken6 import isValid

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTabWidget

    from .navigator_view import NavigatorView
    from .record_list_view import RecordListView
    from .record_pane import RecordPane


class PanedWindow(Protocol):
    """What the cycle needs of the main window (typed apart: the window creates the cycle)."""

    navigator: NavigatorView
    list_view: RecordListView
    pane: RecordPane
    pages: QTabWidget

    @property
    def is_ready(self) -> bool: ...

# a pane: its name, the widget holding it, and what takes the focus there the first time
Pane = tuple[str, QWidget, Callable[[], QWidget | None]]


class PaneCycle(QObject):
    """Moves the focus between the panes of ``window`` (see the module docstring)."""

    def __init__(self, window: PanedWindow):
        super().__init__(window if isinstance(window, QObject) else None)  # the window owns the cycle
        self.window = window
        self._last: dict[str, QWidget] = {}
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def panes(self) -> list[Pane]:
        """The panes shown now, in F6 order."""
        w = self.window
        panes: list[Pane] = [("navigator", w.navigator, lambda: w.navigator)]
        if w.pages.currentIndex() == 0:
            panes.append(("list", w.list_view, lambda: w.list_view.table))
            editor = w.pane.tabs.currentWidget()
            if editor is not None:
                panes.append(("editor", w.pane.tabs, self._editor_entry))
            elif w.pane.banner.isVisible():
                panes.append(("editor", w.pane.banner, lambda: next(
                    (b for b in w.pane.banner.findChildren(QPushButton) if b.isVisible()), None)))
            panes.append(("issues", w.pane.issues, lambda: w.pane.issues.view))
        else:
            page = w.pages.currentWidget()
            panes.append((f"page{w.pages.currentIndex()}", page, lambda: page))
        # a pane folded away (the navigator on a small screen) is visible but shows nothing
        return [p for p in panes if p[1].isVisible() and p[1].width() > 0]

    def follow_folding(self, navigator: QWidget) -> None:
        """While folded to nothing, the navigator is no Tab stop (an invisible one)."""
        navigator.installEventFilter(self)
        self._fold(navigator)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and isinstance(watched, QWidget):
            self._fold(watched)
        return False

    @staticmethod
    def _fold(navigator: QWidget) -> None:
        navigator.setFocusPolicy(Qt.FocusPolicy.StrongFocus if navigator.width() > 0
                                 else Qt.FocusPolicy.NoFocus)

    def _editor_entry(self) -> QWidget | None:
        pane = self.window.pane
        if pane.editor is not None and pane.tabs.currentWidget() is pane.editor:
            pane.editor.focus_first()
            return QApplication.focusWidget()
        return pane.tabs.currentWidget()

    def current(self) -> str | None:
        """The name of the pane holding the focus (None: the focus is in none of them)."""
        focus = QApplication.focusWidget()
        if focus is None:
            return None
        for name, holder, _entry in self.panes():
            if focus is holder or holder.isAncestorOf(focus):
                return name
        pane = self.window.pane
        if focus is pane or pane.isAncestorOf(focus):  # the banner's buttons belong to the editor
            return "editor"
        return None

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not isValid(self.window) or not self.window.is_ready:
            return
        for name, holder, _entry in self.panes():
            if new is holder or holder.isAncestorOf(new):
                self._last[name] = new
                return

    def next(self) -> str | None:
        """F6: the next pane (after the last, the first); returns its name."""
        return self._move(1)

    def previous(self) -> str | None:
        """Shift+F6: the pane before."""
        return self._move(-1)

    def _move(self, step: int) -> str | None:
        panes = self.panes()
        if not panes:
            return None
        names = [p[0] for p in panes]
        here = self.current()
        position = (names.index(here) + step) % len(panes) if here in names else (0 if step > 0 else -1)
        name, holder, entry = panes[position]
        remembered = self._last.get(name)
        if (remembered is not None and isValid(remembered) and remembered.isVisible()
                and remembered.isEnabled() and holder.isAncestorOf(remembered)):
            remembered.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            target = entry()
            if target is not None and QApplication.focusWidget() is not target:
                target.setFocus(Qt.FocusReason.OtherFocusReason)
        return name

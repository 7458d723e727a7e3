"""Small screens: the navigator folds away and the record pane gets the larger share.

Below ``COMPACT_WIDTH`` (a 1024×768 or 1366×768 laptop) the navigator takes room the record
editor needs, so it is folded when the window becomes that narrow and unfolded when it grows
wide again, and the toolbar shows its icons without their texts (named in tooltips); View → Navigator (F9) shows or hides it at any time, and the splitter handle can
drag it out. Only a change across the threshold moves anything: positions the user chose in
between are kept.

The record editor folds the short sections that follow a table (``editor/fold_box.py``) on a
window that ``folds_sections`` (narrower than ``COMPACT_WIDTH`` or lower than ``COMPACT_HEIGHT``),
so the table keeps its rows; on a large window they are unfolded.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QSplitter, QToolBar, QWidget

COMPACT_WIDTH = 1280
COMPACT_HEIGHT = 800  # a 1366×768 laptop: the sections after a table fold there too
NAVIGATOR_WIDTH = 230
LIST_SHARE = 0.36  # the record list's share of the records page on a narrow window


def folds_sections(width: int, height: int) -> bool:
    """Whether a window ``width`` × ``height`` is small enough to fold the sections after a table."""
    return width < COMPACT_WIDTH or height < COMPACT_HEIGHT


class CompactLayout(QObject):
    """Watches ``window``'s width and folds or unfolds the navigator of the splitters given to
    ``attach`` (the window rebuilds them when the language changes)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self.main: QSplitter | None = None
        self.toolbar: QToolBar | None = None
        self.records: QSplitter | None = None
        self.compact: bool | None = None
        self._navigator_width = NAVIGATOR_WIDTH
        window.installEventFilter(self)

    def attach(self, main: QSplitter, records: QSplitter) -> None:
        """Use these splitters (navigator | pages, and list | record pane)."""
        self.main, self.records = main, records
        main.setCollapsible(0, True)
        # a rebuilt window (language change) keeps the folding it had
        self.compact = self.window.width() < COMPACT_WIDTH if self.window.isVisible() else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self.apply(self.window.width())
        return False

    def apply(self, width: int) -> None:
        """Fold or unfold for a window ``width`` wide, if that crosses the threshold."""
        compact = width < COMPACT_WIDTH
        if compact == self.compact or self.main is None:
            return
        self.compact = compact
        if self.toolbar is not None:
            self.style_toolbar(self.toolbar)
        if compact:
            self.set_navigator_shown(False)
            self._share_records(width)
        else:
            self.set_navigator_shown(True)

    def style_toolbar(self, toolbar: QToolBar) -> None:
        """Icons with their texts beside them; icons only while the window is narrow."""
        self.toolbar = toolbar
        toolbar.setIconSize(QSize(20, 20))
        narrow = self.compact if self.compact is not None else self.window.width() < COMPACT_WIDTH
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly if narrow
                                   else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def navigator_shown(self) -> bool:
        return self.main is not None and self.main.sizes()[0] > 0

    def set_navigator_shown(self, shown: bool) -> None:
        if self.main is None:
            return
        sizes = self.main.sizes()
        total = sum(sizes)
        if shown and sizes[0] == 0:
            width = min(self._navigator_width, max(total // 4, 120))
            self.main.setSizes([width, max(total - width, 0)])
        elif not shown and sizes[0] > 0:
            self._navigator_width = max(sizes[0], 120)
            self.main.setSizes([0, total])

    def toggle_navigator(self) -> bool:
        """Show the navigator if hidden, hide it if shown; returns whether it is shown now."""
        self.set_navigator_shown(not self.navigator_shown())
        return self.navigator_shown()

    def _share_records(self, width: int) -> None:
        if self.records is None:
            return
        if not self.records.isVisible():  # the first show: the splitter is laid out after it
            QTimer.singleShot(0, self, lambda: self._share_records(width) if self.compact else None)
            return
        total = sum(self.records.sizes()) or width
        listed = int(total * LIST_SHARE)
        self.records.setSizes([listed, total - listed])

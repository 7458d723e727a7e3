"""The main window: navigator, record list, record pane, county overview, review queue; menus
and toolbar (package actions through ``submissions.PackageActions``).

Views get the ``DeskService``; the window wires their signals together and owns the
actions. The whole interface can be rebuilt in place when the language changes.

Start-up shows the window before the database and the views exist: ``MainWindow.opening``
is the frame alone (title, menu bar, size; this module imports only Qt and small modules),
``attach`` builds the views on the service once the database is open and emits ``ready``.
``MainWindow(service)`` does both at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

# message boxes and file dialogs are looked up when used: importing them costs the frame 2 ms
from PySide6 import QtWidgets
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from ..domain.errors import LowcarbonError
from . import i18n, view_state
from .settings import WindowSettings

if TYPE_CHECKING:  # the frame needs none of these: each is imported where it is used
    from PySide6.QtGui import QAction, QCloseEvent, QKeySequence

    from .database_menu import NextStep
    from .history_dialog import HistoryDialog
    from .new_record_dialog import NewRecordDialog
    from .operations import Operation, OperationHub
    from .org_dialog import OrgDialog
    from .service import DeskService
    from .submissions.review_view import ReviewQueueView
    from .trends.org_page import OrgTrendDialog


class _LazyQt:
    """``PySide6.QtCore.Qt``, looked up on first use: importing the namespace creates its
    hundred-odd enum classes (20-40 ms, more than the rest of the frame), which the frame
    shown at start-up does not need."""

    def __getattr__(self, name: str):
        from PySide6.QtCore import Qt as namespace

        return getattr(namespace, name)


Qt = _LazyQt()


def run_task(*args, **kwargs):
    """``workers.run_task``, imported when first used: the workers import the storage layer,
    which the window's frame must not wait for."""
    from .workers import run_task as run

    return run(*args, **kwargs)


REVIEW_PAGE = 2
STATUS_GAP = 40  # between a status message and the operator's name (grip and margins included)


def _bound(handler, args: tuple):
    """``handler(*args)`` as a slot taking nothing."""
    return (lambda: handler(*args)) if args else handler


class MainWindow(QMainWindow):
    listLoaded = Signal()
    languageChanged = Signal(str)
    ready = Signal()  # ``attach`` has built the views: the window works from here on
    # a few of the actions ``action_table.ACTIONS`` sets by name, used here directly
    act_zh: QAction
    act_en: QAction
    act_records: QAction
    act_overview: QAction
    act_review: QAction

    def __init__(self, service: DeskService | None = None, settings: WindowSettings | None = None,
                 parent=None, *, db_path: Path | None = None):
        super().__init__(parent)
        self.setObjectName("main_window")
        self.service: DeskService = None  # type: ignore[assignment]  # set by attach
        self.settings = settings or WindowSettings()
        self._rows: list[tuple] = []  # the record list's rows before its model exists
        self.next_step: NextStep | None = None  # set by the File menu: the database launch opens next
        self._close_asked = False  # closed while opening: close when ready
        self._unopened = False  # the database could not be opened: close without saving
        self._restore_geometry()
        if service is None:
            self._build_frame(db_path)
        else:
            self.attach(service)

    @classmethod
    def opening(cls, db_path: Path, settings: WindowSettings | None = None) -> MainWindow:
        """The frame shown while the database opens: title (with the demo mark), menu bar,
        saved size, "reading the record list" in the status bar; ``attach`` fills it."""
        return cls(None, settings, db_path=db_path)

    @property
    def rows(self) -> list[tuple]:
        """The record list's rows (its model keeps them current as writes are announced)."""
        model = getattr(self, "list_model", None)
        return model.rows if model is not None else self._rows

    @property
    def is_ready(self) -> bool:
        """Whether the views are built (``ready`` has been emitted)."""
        return self.service is not None

    def attach(self, service: DeskService) -> None:
        """Build the views, menus and toolbar on ``service`` (its database is open), restore
        the saved layout and emit ``ready``. A close asked for while the frame was opening
        happens on the next turn of the event loop."""
        from .county import CountyActions
        from .database_menu import DatabaseMenu
        from .submissions.controller import PackageActions

        self.service = service
        self.operations: OperationHub = service.hub  # every write's Changes: the views follow it
        self.operations.window = self  # its failure boxes and progress dialogs sit on the window
        self.operations.failed.connect(self.show_message)
        self.packages = PackageActions(service, self.operations, self)
        self.packages.message.connect(self.show_message)
        self.county = CountyActions(service, self.operations, self)
        self.county.message.connect(self.show_message)
        self.database_menu = DatabaseMenu(self)
        self._build()
        self._restore_layout()
        self.statusBar().clearMessage()  # the frame's "reading…": the list's own message follows
        self.ready.emit()
        if self._close_asked:
            QTimer.singleShot(0, self.close)

    # --- building ------------------------------------------------------------------------
    def _title(self, db_path: Path | str | None) -> str:
        return self.tr("低碳填报助手 — %1").replace("%1", str(db_path or ""))

    def _menu_titles(self) -> list[str]:
        from .action_table import MENUS

        return [self.tr(title) for _key, title in MENUS]

    def _build_frame(self, db_path: Path | None) -> None:
        """What shows before the database is open: the title as it will be, the menu bar's
        menus (empty until ``attach``), an empty page and a status line."""
        from .demo_file import is_demo_database

        title = self._title(db_path)
        if is_demo_database(db_path):  # the same mark (and translation) as the File menu sets
            title = QCoreApplication.translate("DatabaseMenu", "【示范数据】") + " " + title
        self.setWindowTitle(title)
        for text in self._menu_titles():
            self.menuBar().addMenu(text).setEnabled(False)
        self.setCentralWidget(QWidget())
        self.statusBar().showMessage(self.tr("正在读取记录列表…"))

    def _build(self) -> None:
        from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget

        from .models.record_list import RecordFilterProxy, RecordListModel
        from .navigator_view import NavigatorView
        from .overview_view import OverviewView
        from .record_list_view import RecordListView
        from .record_pane import RecordPane
        from .responsive import CompactLayout
        from .submissions.review_view import ReviewQueueView

        lang = self.service.lang
        self.setWindowTitle(self._title(self.service.db_path))
        rows = self.rows  # a rebuild (language change) keeps the rows read before
        self.list_model = RecordListModel(lang, self)
        self.list_model.set_rows(rows)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.list_model)
        self.navigator = NavigatorView(self.service)
        self.navigator_model = self.navigator.navigator_model
        self.navigator.selectionModel().currentChanged.connect(self._navigate)
        self.list_view = RecordListView(self.list_model, self.proxy, self.service.record_forms(), lang)
        self.list_view.follow(self.operations, self.service.index_rows)
        self.list_view.recordActivated.connect(self.open_record)
        self.pane = RecordPane(self.service)
        self.pane.message.connect(self.show_message)
        self.pane.recordOpened.connect(self._record_opened)
        self.overview = OverviewView(self.service, self.operations)
        self.overview.openFigure.connect(self.open_figure)
        records_page = QSplitter(Qt.Orientation.Horizontal)
        records_page.setObjectName("records_splitter")
        records_page.addWidget(self.list_view)
        records_page.addWidget(self.pane)
        records_page.setStretchFactor(0, 2)
        records_page.setStretchFactor(1, 3)
        records_page.setSizes([540, 1060])
        self.records_splitter = records_page
        self.pages = QTabWidget()
        self.pages.setObjectName("pages")
        self.pages.addTab(records_page, self.tr("填报记录"))
        self.pages.addTab(self.overview, self.tr("全县概览"))
        self.review = ReviewQueueView(self.service, self.operations)
        self.review.openRecord.connect(self._open_from_review)
        self.review.message.connect(self.show_message)
        self.review.failed.connect(self._failed)
        self.review.openTrend.connect(self.show_trend)
        self.pages.addTab(self.review, self.tr("待审核"))
        self.pages.currentChanged.connect(self._page_changed)
        main = QSplitter(Qt.Orientation.Horizontal)
        main.setObjectName("main_splitter")
        main.addWidget(self.navigator)
        main.addWidget(self.pages)
        main.setStretchFactor(1, 1)
        main.setSizes([240, 1400])
        self.main_splitter = main
        self.setCentralWidget(main)
        if not hasattr(self, "compact"):
            self.compact = CompactLayout(self)  # small screens: the navigator folds away
        if not hasattr(self, "panes"):
            from .accessible import DialogNamer
            from .focus_style import apply_focus_style
            from .pane_focus import PaneCycle

            self.panes = PaneCycle(self)  # F6 / Shift+F6 from pane to pane
            apply_focus_style(self)
            DialogNamer(self)  # each dialog's controls named from their labels
        self.panes.follow_folding(self.navigator)
        self.compact.attach(main, records_page)
        self._build_actions()
        old_label = getattr(self, "status_label", None)
        if old_label is not None:
            self.statusBar().removeWidget(old_label)
            old_label.deleteLater()
        self.status_label = QLabel()
        self.status_label.setObjectName("operator_label")
        self.status_label.setContentsMargins(12, 0, 4, 0)  # apart from the message before it
        self.statusBar().addPermanentWidget(self.status_label)
        self.status_label.setText(self.tr("操作人：%1").replace("%1", self.service.operator))
        self.reload_orgs()
        self.name_controls()

    def _action(self, text: str, slot, shortcut: QKeySequence | str | list | None = None,
                name: str = "") -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        action.setObjectName(name)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self._chrome.append(action)
        return action

    def _build_actions(self) -> None:
        """The actions of ``action_table.ACTIONS`` in their menus, the toolbar and the
        navigator's context menu (a rebuild, on a language change, replaces them all)."""
        from PySide6.QtGui import QAction, QActionGroup, QKeySequence
        from PySide6.QtWidgets import QToolBar

        from .action_table import ACTIONS, ENABLED_RULES, MENUS, SUBMENUS, TOOLBAR_TITLE, resolve
        from .icons import toolbar_icon

        self._drop_actions()
        menus = {key: self.menuBar().addMenu(self.tr(title)) for key, title in MENUS}
        self.database_menu.build(menus["file"], self._action)  # new/open/recent database, back up, restore
        groups: dict[str, QActionGroup] = {}
        toolbar = QToolBar(self.tr(TOOLBAR_TITLE), self)
        for entry in ACTIONS:
            keys = [QKeySequence(getattr(QKeySequence.StandardKey, key.removeprefix("standard:")))
                    if key.startswith("standard:") else QKeySequence(key) for key in entry.shortcut]
            keys = [key for key in keys if not key.isEmpty()]  # a standard key this system lacks (Quit)
            action = self._action(self.tr(entry.text) if entry.translate else entry.text,
                                  _bound(resolve(self, entry.handler), entry.args), keys, entry.object_name)
            setattr(self, entry.attr, action)
            if entry.enabled_when and entry.rule_at_build:
                action.setEnabled(ENABLED_RULES[entry.enabled_when](self.pane))
            if entry.group:
                action.setCheckable(True)
                if entry.group not in groups:
                    groups[entry.group] = QActionGroup(self)
                    self._chrome.append(groups[entry.group])
                groups[entry.group].addAction(action)
            if entry.icon:
                action.setIcon(toolbar_icon(entry.icon))
                toolbar.addAction(action)
            for place in entry.places:
                if place == "navigator":
                    self.navigator.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
                    self.navigator.addAction(action)
                    continue
                key = place.lstrip("-")
                if key not in menus:  # a submenu, made where its first action goes
                    parent, title = SUBMENUS[key]
                    menus[key] = menus[parent].addMenu(self.tr(title))
                if place.startswith("-"):
                    menus[key].addSeparator()
                menus[key].addAction(action)
        self._sync_page_actions(self.pages.currentIndex())
        self.act_zh.setChecked(self.service.lang == "zh")
        self.act_en.setChecked(self.service.lang == "en")
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        toolbar.setObjectName("main_toolbar")
        self.compact.style_toolbar(toolbar)  # text beside the icons; icons only on small screens
        for action in self.findChildren(QAction):
            if action.shortcut() and action.text():
                action.setToolTip(f"{action.text()} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")

    def _drop_actions(self) -> None:
        """A rebuild (language change) drops the old actions and menus, not just their places."""
        self.menuBar().clear()
        for old_item in [*getattr(self, "_chrome", []), *self.menuBar().findChildren(QMenu)]:
            old_item.setParent(None)
            old_item.deleteLater()
        self._chrome: list[QObject] = []
        old = getattr(self, "toolbar", None)
        if old is not None:
            self.removeToolBar(old)
            old.setParent(None)
            old.deleteLater()

    # --- data loading --------------------------------------------------------------------
    def reload_orgs(self) -> None:
        """Rebuild the navigator, keeping its current node (``NavigatorView.reload_orgs``)."""
        self.navigator.reload_orgs()

    def reload_records(self, synchronous: bool = False) -> None:
        """Load the record list (on a worker with its own connection unless ``synchronous``)."""
        if synchronous or self.service.db_path is None:
            self._rows_loaded(self.service.index_rows())
            return
        from ..storage.record_index import record_index

        self.statusBar().showMessage(self.tr("正在读取记录列表…"))
        run_task(self, "", "", self.service.db_path, lambda store, progress: record_index(store),
                 self._rows_loaded, self.show_message, lang=self.service.lang, show_progress=False)

    def _rows_loaded(self, rows: object) -> None:
        self.list_model.set_rows(list(rows))  # type: ignore[call-overload]
        self.statusBar().showMessage(self.tr("共 %1 条记录").replace("%1", str(len(self.rows))), 5000)
        last = self.settings.text("last_record")
        if last and self.pane.doc is None and self.list_model.row_of(last) >= 0:
            self.open_record(last)
            self.list_view.select_record(last)
        self.listLoaded.emit()

    # --- navigation ----------------------------------------------------------------------
    def _navigate(self, current, _previous=None) -> None:
        from .models.roles import FORM_ROLE, KIND_ROLE

        if not current.isValid():
            return
        kind = current.data(KIND_ROLE)
        org_ids = list(self.navigator_model.org_ids(current))
        text = current.data(Qt.ItemDataRole.DisplayRole)
        if kind == "all":
            self.list_view.set_scope("", None, None)
        elif kind == "form":
            parent = current.parent().data(Qt.ItemDataRole.DisplayRole)
            self.list_view.set_scope(f"{parent} › {text}", org_ids, current.data(FORM_ROLE))
        else:
            self.list_view.set_scope(text, org_ids, None)
        self.pages.setCurrentIndex(0)

    def open_figure(self, record_ids: list, org_ids: list, title: str) -> None:
        """Show the records behind an overview figure (or the organisations' records), with no
        search text or other filter left over from before."""
        self.list_view.show_records(title, record_ids, org_ids)
        self.pages.setCurrentIndex(0)

    def open_record(self, record_id: str) -> None:
        self.pane.open_record(record_id)

    def _record_opened(self, record_id: str) -> None:
        self.settings.set_text("last_record", record_id)
        self.list_view.select_record(record_id)
        from .action_table import ACTIONS, ENABLED_RULES

        for entry in ACTIONS:
            if entry.enabled_when:
                getattr(self, entry.attr).setEnabled(ENABLED_RULES[entry.enabled_when](self.pane))
        self.name_controls()

    def name_controls(self) -> None:
        """Accessible names for the controls built since (``accessible.name_controls``), and
        Tab leaving their tables (``table_keys.let_tab_leave``)."""
        from .accessible import name_controls
        from .table_keys import let_tab_leave

        name_controls(self)
        let_tab_leave(self)

    def _sync_page_actions(self, index: int) -> None:
        for position, action in enumerate((self.act_records, self.act_overview, self.act_review)):
            action.setChecked(position == index)

    def _page_changed(self, index: int) -> None:
        if hasattr(self, "act_review"):
            self._sync_page_actions(index)
            self.name_controls()
        if index == 1 and self.overview.overview is None:
            self.overview.fill_years()
            self.overview.refresh()
        if index == REVIEW_PAGE:
            self.review.refresh()

    def selected_org_id(self) -> str | None:
        """The organisation selected in the navigator (or of the open record), if any."""
        from .models.roles import KIND_ROLE

        current = self.navigator.currentIndex()
        if current.isValid() and current.data(KIND_ROLE) in ("org", "form"):
            org_ids = self.navigator_model.org_ids(current)
            if org_ids:
                return org_ids[0]
        return self.pane.doc["org_id"] if self.pane.doc else None

    def navigator_org_id(self) -> str | None:
        """The organisation of the navigator's current node (None on "all" or a county)."""
        from .models.roles import KIND_ROLE

        current = self.navigator.currentIndex()
        if current.isValid() and current.data(KIND_ROLE) in ("org", "form"):
            org_ids = self.navigator_model.org_ids(current)
            return org_ids[0] if org_ids else None
        return None

    def show_trend(self, org_id: str | None = None) -> OrgTrendDialog | None:
        """The organisation's page with its years: ``org_id``, else the open record's
        organisation, else the navigator's."""
        from .trends.org_page import OrgTrendDialog

        org_id = org_id or (self.pane.doc["org_id"] if self.pane.doc else None) or self.navigator_org_id()
        if not org_id:
            self.show_message(self.tr("请先打开一条记录或在导航栏选择单位"))
            return None
        dialog = OrgTrendDialog(self.service, org_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.openRecord.connect(self._open_from_review)
        dialog.show()
        return dialog

    def show_navigator_trend(self) -> OrgTrendDialog | None:
        """The navigator's context menu: the years of the organisation under the cursor."""
        return self.show_trend(self.navigator_org_id())

    def show_review(self) -> ReviewQueueView:
        """The review page, its queue read again (on a worker: tests wait on ``review.loaded``)."""
        if self.pages.currentIndex() == REVIEW_PAGE:
            self.review.refresh()
        else:
            self.pages.setCurrentIndex(REVIEW_PAGE)  # _page_changed reads the queue
        return self.review

    def _open_from_review(self, record_id: str) -> None:
        self.pages.setCurrentIndex(0)
        self.open_record(record_id)

    # --- actions -------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        """``text`` in the status line for ten seconds: elided in the middle (a path keeps its
        file name) so that it ends before the operator's name; the whole text in the tooltip."""
        bar = self.statusBar()
        label = getattr(self, "status_label", None)
        room = bar.width() - (label.sizeHint().width() if label is not None else 0) - STATUS_GAP
        shown = bar.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, max(room, 80))
        bar.setToolTip(text if shown != text else "")
        bar.showMessage(shown, 10000)

    def new_org(self) -> OrgDialog:
        from .org_dialog import OrgDialog

        dialog = OrgDialog(self.service, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def new_record(self) -> NewRecordDialog:
        from .models.roles import FORM_ROLE, KIND_ROLE
        from .new_record_dialog import NewRecordDialog

        org_id, form_id = None, None
        current = self.navigator.currentIndex()
        if current.isValid() and current.data(KIND_ROLE) in ("org", "form"):
            org_ids = self.navigator_model.org_ids(current)
            org_id = org_ids[0] if org_ids else None
            form_id = current.data(FORM_ROLE) or None
        dialog = NewRecordDialog(self.service, org_id, form_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        def created() -> None:
            if dialog.record_id:
                self._created(dialog.record_id)

        dialog.accepted.connect(created)
        dialog.open()
        return dialog

    def _created(self, record_id: str) -> None:
        self.pages.setCurrentIndex(0)
        self.open_record(record_id)
        self.pane.focus_first_field()  # typing starts in the new record's first field

    def find_records(self) -> None:
        self.pages.setCurrentIndex(0)
        self.list_view.focus_search()

    def validate(self) -> None:
        self.pane.validate()

    def submit(self):
        """Ctrl+Enter: the confirmation dialog (None when the record cannot be submitted)."""
        return self.pane.submit()

    def revise(self) -> str | None:
        return self.pane.revise()

    def delete_draft(self) -> QtWidgets.QMessageBox | None:
        """Ask, naming the draft, before deleting it (the box is returned; Yes deletes)."""
        record_id = self.pane.record_id
        if not record_id or self.pane.read_only or self.pane.doc is None:
            return None
        from ..domain.text import printable

        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, self.tr("删除草稿"), self.tr(
            "确定删除这份从未提交的草稿吗？\n%1").replace("%1", printable(self.service.heading(self.pane.doc))),
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No, self)
        box.setObjectName("delete_draft_confirm")
        box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.button(QtWidgets.QMessageBox.StandardButton.Yes).clicked.connect(lambda: self.delete_confirmed(record_id))
        box.open()
        return box

    def delete_confirmed(self, record_id: str) -> None:
        """Delete the draft ``record_id`` (the confirmation was accepted)."""
        try:
            self.service.delete_draft(record_id)  # the list and the pane follow the Changes
        except LowcarbonError as exc:
            self.show_message(exc.message(self.service.lang))

    def show_history(self) -> HistoryDialog | None:
        from .history_dialog import HistoryDialog

        if not self.pane.record_id:
            return None
        dialog = HistoryDialog(self.service, self.pane.record_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.openRecord.connect(self.open_record)
        dialog.open()
        return dialog

    def export(self, path: Path | None = None, explain: bool = False) -> Operation | None:
        """Ctrl+E: the standard PDF of the open record, written on a worker; with ``explain``
        the appendix 计算说明 follows, in the window's language."""
        record_id = self.pane.record_id
        if not record_id:
            self.show_message(self.tr("请先打开一条记录"))
            return None
        self.pane.save_now()
        path = path or self._save_path(self.tr("导出 PDF"), self.service.record_file_name(record_id, ".pdf"),
                                       "PDF (*.pdf)")
        if path is None:
            return None
        from .operations import Operation
        from .operations.records import record_pdf_op

        appendix = self.service.lang if explain else None
        op = Operation(self.operations, record_pdf_op(record_id, path, appendix), title=self.tr("导出 PDF"),
                       label=self.tr("正在生成 PDF…"))
        return op.success(lambda written: self._written(self.tr("导出 PDF"), [written], self.tr(
            "已导出：%1").replace("%1", str(written)))).run_in_background()

    def export_explained(self) -> Operation | None:
        """The open record's PDF with the appendix 计算说明."""
        return self.export(explain=True)

    def export_selected_package(self) -> None:
        """The submission package of the navigator's (or the open record's) organisation."""
        self.packages.export_package(self.selected_org_id())

    def export_workbook(self, path: Path | None = None) -> Operation | None:
        """The standard workbook of the records the list shows."""
        record_ids = [record_id for row in range(self.proxy.rowCount())
                      if (record_id := self.proxy.record_id_at(row)) is not None]
        self.pane.save_now()
        path = path or self._save_path(self.tr("导出工作簿"), "records.xlsx", "Excel (*.xlsx)")
        if path is None:
            return None
        from .operations import Operation
        from .operations.records import records_workbook_op

        op = Operation(self.operations, records_workbook_op(record_ids, path), title=self.tr("导出工作簿"),
                       label=self.tr("正在生成工作簿…"))
        return op.success(lambda written: self._written(self.tr("导出工作簿"), [written.path], self.tr(
            "已导出 %1 条记录：%2").replace("%1", str(written.records)).replace("%2", str(written.path)))
        ).run_in_background()

    def _written(self, title: str, paths: list, message: str) -> None:
        """An export is written: the status line and a box saying where, with 打开文件夹."""
        from .written import show_written

        self.show_message(message)
        self.last_written = show_written(self, title, paths)

    def import_workbook(self, path: Path | None = None) -> Operation | None:
        """A filled standard workbook: all its rows or none; the views follow what changed."""
        if path is None:
            chosen, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("导入工作簿"), "", "Excel (*.xlsx)")
            if not chosen:
                return None
            path = Path(chosen)
        self.pane.save_now()  # the import may update the open draft: nothing typed may be pending
        from .operations import Operation
        from .operations.records import workbook_import_op

        op = Operation(self.operations, workbook_import_op(path, self.service.operator),
                       title=self.tr("导入工作簿"), label=self.tr("正在检查并导入工作簿…"))
        return op.success(self._workbook_imported).run_in_background()

    def _workbook_imported(self, result) -> None:
        text = (self.tr("导入完成：新增 %1 条记录，更新 %2 条，%3 条未变；新增单位 %4 个")
                .replace("%1", str(len(result.added))).replace("%2", str(len(result.updated)))
                .replace("%3", str(len(result.unchanged))).replace("%4", str(len(result.orgs_added))))
        if result.to_justify:  # as the command line says: which drafts cannot be submitted yet
            drafts = [self.tr("%1（%2 条警告）").replace("%1", self._draft_label(record_id)).replace("%2", str(count))
                      for record_id, count in result.to_justify.items()]
            text += self.tr("。%1 条草稿有警告须说明理由后才能提交（在问题列表中按 Ctrl+J）：%2").replace(
                "%1", str(len(drafts))).replace("%2", self.tr("；").join(drafts))
        self.show_message(text)

    def _draft_label(self, record_id: str) -> str:
        """A draft as people know it: period, form and organisation."""
        return " · ".join(self.service.heading(self.service.record(record_id)).split(" · ")[:2])

    def _save_path(self, title: str, name: str, filter_text: str) -> Path | None:
        chosen, _ = QtWidgets.QFileDialog.getSaveFileName(self, title, name, filter_text)
        return Path(chosen) if chosen else None

    def _failed(self, message: str) -> None:
        self.show_message(message)
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, self.tr("操作失败"), message,
                          QtWidgets.QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_shortcuts(self):
        """Help ▸ 快捷键: every shortcut of the menus and the keys inside tables."""
        from .shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.menuBar(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def about(self) -> QtWidgets.QMessageBox:
        """Help → About: what the program is and its version (not modal: tests close it)."""
        from .. import __version__

        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Information, self.tr("关于"), self.tr(
            "低碳填报助手：离线填报能源报表、用能预算、清洁生产审核和低碳试点申报。") + "\n\n"
            + self.tr("版本 %1").replace("%1", __version__), QtWidgets.QMessageBox.StandardButton.Ok, self)
        box.setObjectName("about_box")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def set_language(self, lang: str) -> None:
        """Switch the interface language now (the open record is saved and reopened)."""
        if lang == self.service.lang:
            return
        record_id = self.pane.record_id
        self.pane.save_now()
        self._save_layout()
        arranged = view_state.capture(self)
        self.settings.lang = lang
        self.service.lang = lang
        i18n.install(lang)
        # a transient message was written in the old language: drop it rather than leave it showing
        self.statusBar().clearMessage()
        old = self.centralWidget()
        self._build()
        if old is not None:
            old.deleteLater()
        if record_id:
            self.open_record(record_id)
        # the window keeps its size, page, splitters, filters and open record as they were
        view_state.restore(self, arranged)
        self.languageChanged.emit(lang)

    # --- layout and closing --------------------------------------------------------------
    def close_unopened(self) -> None:
        """Close the window when start-up failed (launch has said why), even while opening."""
        self._unopened = True
        self.close()

    def _save_layout(self) -> None:
        self.settings.set_bytes("geometry", self.saveGeometry())
        self.settings.set_bytes("state", self.saveState())
        self.settings.set_int_list("main_splitter", self.main_splitter.sizes())
        self.settings.set_int_list("records_splitter", self.records_splitter.sizes())
        self.settings.set_int_list("record_splitter", self.pane.splitter.sizes())
        self.settings.sync()

    def _restore_geometry(self) -> None:
        """The saved geometry where it fits the screen, else the designed size fitted to it."""
        from .screen_fit import restore_window

        restore_window(self, self.settings.bytes_value("geometry"))

    def _restore_layout(self) -> None:
        """Toolbar, docks and splitters as saved (the size came first, with the frame)."""
        state = self.settings.bytes_value("state")
        if state is not None:
            self.restoreState(state)
        for key, splitter in (("main_splitter", self.main_splitter),
                              ("records_splitter", self.records_splitter),
                              ("record_splitter", self.pane.splitter)):
            sizes = self.settings.int_list(key)
            if sizes and len(sizes) == splitter.count() and all(s >= 0 for s in sizes):
                splitter.setSizes(sizes)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.is_ready:
            if self._unopened:
                super().closeEvent(event)
            else:  # still opening: close once the views are there (see attach)
                self._close_asked = True
                event.ignore()
            return
        self.pane.save_now()
        self._save_layout()
        super().closeEvent(event)

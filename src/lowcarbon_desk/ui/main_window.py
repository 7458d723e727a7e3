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

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from ..domain.errors import LowcarbonError
from . import i18n, view_state
from .settings import WindowSettings

if TYPE_CHECKING:  # the frame needs none of these: each is imported where it is used
    from PySide6.QtGui import QAction, QCloseEvent, QKeySequence

    from .history_dialog import HistoryDialog
    from .new_record_dialog import NewRecordDialog
    from .operations import Changes, Operation
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


class MainWindow(QMainWindow):
    listLoaded = Signal()
    languageChanged = Signal(str)
    ready = Signal()  # ``attach`` has built the views: the window works from here on

    def __init__(self, service: DeskService | None = None, settings: WindowSettings | None = None,
                 parent=None, *, db_path: Path | None = None):
        super().__init__(parent)
        self.setObjectName("main_window")
        self.service: DeskService = None  # type: ignore[assignment]  # set by attach
        self.settings = settings or WindowSettings()
        self.rows: list[tuple] = []
        self.next_step = None  # set by the File menu: the database launch opens next
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
    def is_ready(self) -> bool:
        """Whether the views are built (``ready`` has been emitted)."""
        return self.service is not None

    def attach(self, service: DeskService) -> None:
        """Build the views, menus and toolbar on ``service`` (its database is open), restore
        the saved layout and emit ``ready``. A close asked for while the frame was opening
        happens on the next turn of the event loop."""
        from .county import CountyActions
        from .database_menu import DatabaseMenu
        from .operations import OperationHub
        from .submissions.controller import PackageActions

        self.service = service
        self.service.recordsChanged.connect(self._records_changed)
        self.service.orgsChanged.connect(self.reload_orgs)
        self.operations = OperationHub(service, self)
        self.operations.executed.connect(self._operation_executed)
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
        return [self.tr("文件(&F)"), self.tr("记录(&R)"), self.tr("数据包(&P)"), self.tr("汇总(&C)"),
                self.tr("视图(&V)"), self.tr("帮助(&H)")]

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
        from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QTreeView

        from .models.navigator import NavigatorModel
        from .models.record_list import RecordFilterProxy, RecordListModel
        from .overview_view import OverviewView
        from .record_list_view import RecordListView
        from .record_pane import RecordPane
        from .responsive import CompactLayout
        from .submissions.review_view import ReviewQueueView

        lang = self.service.lang
        self.setWindowTitle(self._title(self.service.db_path))
        self.list_model = RecordListModel(lang, self)
        self.list_model.set_rows(self.rows)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.list_model)
        self.navigator_model = NavigatorModel(lang, self)
        self.navigator = QTreeView()
        self.navigator.setObjectName("navigator")
        self.navigator.setModel(self.navigator_model)
        self.navigator.setHeaderHidden(True)
        self.navigator.setUniformRowHeights(True)
        self.navigator.selectionModel().currentChanged.connect(self._navigate)
        self.list_view = RecordListView(self.list_model, self.proxy, self.service.record_forms(), lang)
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
        self.compact.attach(main, records_page)
        self._build_actions()
        old_label = getattr(self, "status_label", None)
        if old_label is not None:
            self.statusBar().removeWidget(old_label)
            old_label.deleteLater()
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.status_label.setText(self.tr("操作人：%1").replace("%1", self.service.operator))
        self.reload_orgs()

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
        from PySide6.QtGui import QAction, QActionGroup, QKeySequence
        from PySide6.QtWidgets import QToolBar

        from .icons import toolbar_icon

        # a rebuild (language change) drops the old actions and menus, not just their places
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
        a = self._action
        self.act_new_org = a(self.tr("新建单位…"), self.new_org, "Ctrl+Shift+N", "act_new_org")
        self.act_new = a(self.tr("新建记录…"), self.new_record, QKeySequence.StandardKey.New, "act_new")
        self.act_find = a(self.tr("查找"), self.find, QKeySequence.StandardKey.Find, "act_find")
        self.act_validate = a(self.tr("检查"), self.validate, "F5", "act_validate")
        self.act_submit = a(self.tr("提交"), self.submit,
                            [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")], "act_submit")
        self.act_revise = a(self.tr("修订"), self.revise, None, "act_revise")
        self.act_submit.setEnabled(not self.pane.read_only)  # nothing to submit before a draft opens
        self.act_revise.setEnabled(self.pane.can_revise)
        self.act_revise_latest = a(self.tr("修订并改用最新表单版本…"), self.pane.revise_to_latest, None,
                                   "act_revise_latest")
        self.act_revise_latest.setEnabled(self.pane.newer_version is not None)
        self.act_delete = a(self.tr("删除草稿"), self.delete_draft, None, "act_delete")
        self.act_history = a(self.tr("修订历史与审计日志…"), self.show_history, "Ctrl+H", "act_history")
        self.act_trend = a(self.tr("单位历年趋势…"), self.show_trend, "Ctrl+T", "act_trend")
        self.act_org_trend = a(self.tr("单位历年趋势…"), lambda: self.show_trend(self.navigator_org_id()),
                               None, "act_org_trend")
        self.navigator.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.navigator.addAction(self.act_org_trend)
        self.act_export = a(self.tr("导出当前记录 PDF…"), self.export, "Ctrl+E", "act_export")
        self.act_export_explained = a(self.tr("导出当前记录 PDF（附计算说明）…"),
                                      lambda: self.export(explain=True), None, "act_export_explained")
        self.act_export_xlsx = a(self.tr("导出列表中记录的工作簿…"), self.export_workbook,
                                 "Ctrl+Shift+E", "act_export_xlsx")
        self.act_import = a(self.tr("导入工作簿…"), self.import_workbook, "Ctrl+I", "act_import")
        self.act_save = a(self.tr("保存草稿"), self.pane.save_now, QKeySequence.StandardKey.Save,
                          "act_save")
        self.act_pull = a(self.tr("从月报汇总实际用能"), self.pane.pull_budget, None, "act_pull")
        self.act_overview = a(self.tr("全县概览"), lambda: self.pages.setCurrentIndex(1), "Ctrl+2",
                              "act_overview")
        self.act_records = a(self.tr("填报记录"), lambda: self.pages.setCurrentIndex(0), "Ctrl+1",
                             "act_records")
        p = self.packages
        self.act_export_package = a(self.tr("导出上报数据包…"), lambda: p.export_package(self.selected_org_id()),
                                    "Ctrl+Shift+P", "act_export_package")
        self.act_verify_package = a(self.tr("校验数据包…"), p.verify_package, None, "act_verify_package")
        self.act_import_packages = a(self.tr("导入数据包…"), p.import_packages, "Ctrl+Shift+I",
                                     "act_import_packages")
        self.act_review = a(self.tr("待审核记录"), self.show_review, "Ctrl+3", "act_review")
        self.act_key = a(self.tr("本机密钥…"), p.show_key, None, "act_key")
        self.act_navigator = a(self.tr("显示/隐藏导航栏"), self.compact.toggle_navigator, "F9",
                               "act_navigator")
        c = self.county
        self.act_rollup = a(self.tr("导出全县汇总…"), c.export_rollup, None, "act_rollup")
        self.act_template = a(self.tr("导出空白模板…"), c.export_template, None, "act_template")
        self.act_decisions = a(self.tr("导出审核结论包…"), c.export_decisions, None, "act_decisions")
        self.act_targets = a("Targets…" if self.service.lang == "en" else "目标…", self.overview.edit_targets, None,
                             "act_targets")
        self.act_quit = a(self.tr("退出"), self.close, QKeySequence.StandardKey.Quit, "act_quit")
        self.act_about = a(self.tr("关于"), self.about, None, "act_about")
        # the page actions show which page is current, whichever way it was reached
        pages = QActionGroup(self)
        self._chrome.append(pages)
        for action in (self.act_records, self.act_overview, self.act_review):
            action.setCheckable(True)
            pages.addAction(action)
        self._sync_page_actions(self.pages.currentIndex())
        languages = QActionGroup(self)
        self._chrome.append(languages)
        self.act_zh = a("中文", lambda: self.set_language("zh"), None, "act_lang_zh")
        self.act_en = a("English", lambda: self.set_language("en"), None, "act_lang_en")
        for action, code in ((self.act_zh, "zh"), (self.act_en, "en")):
            action.setCheckable(True)
            action.setChecked(self.service.lang == code)
            languages.addAction(action)
        titles = self._menu_titles()
        menu = self.menuBar().addMenu(titles[0])
        self.database_menu.build(menu, a)  # new/open/recent database, back up, restore
        for action in (self.act_new_org, self.act_new, self.act_save, None, self.act_export,
                       self.act_export_explained, self.act_export_xlsx, self.act_import, None, self.act_quit):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu = self.menuBar().addMenu(titles[1])
        for action in (self.act_find, self.act_validate, self.act_submit, self.act_revise,
                       self.act_revise_latest, self.act_delete, None, self.act_pull, None, self.act_history,
                       self.act_trend):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu = self.menuBar().addMenu(titles[2])
        for action in (self.act_export_package, self.act_verify_package, self.act_import_packages,
                       None, self.act_review, None, self.act_key):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu = self.menuBar().addMenu(titles[3])
        for action in (self.act_rollup, self.act_template, None, self.act_decisions, None, self.act_targets):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu = self.menuBar().addMenu(titles[4])
        menu.addAction(self.act_records)
        menu.addAction(self.act_overview)
        menu.addAction(self.act_review)
        menu.addAction(self.act_navigator)
        language_menu = menu.addMenu(self.tr("语言 / Language"))
        language_menu.addAction(self.act_zh)
        language_menu.addAction(self.act_en)
        menu = self.menuBar().addMenu(titles[5])
        menu.addAction(self.act_key)
        menu.addAction(self.act_about)
        toolbar = QToolBar(self.tr("常用"), self)
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        toolbar.setObjectName("main_toolbar")
        for action, icon in ((self.act_new, "new"), (self.act_find, "find"), (self.act_validate, "check"),
                             (self.act_submit, "submit"), (self.act_revise, "revise"),
                             (self.act_history, "history"), (self.act_export, "export_pdf"),
                             (self.act_overview, "overview"), (self.act_export_package, "export_package"),
                             (self.act_import_packages, "import_packages"), (self.act_review, "review")):
            action.setIcon(toolbar_icon(icon))
        self.compact.style_toolbar(toolbar)  # text beside the icons; icons only on small screens
        for action in (self.act_new, self.act_find, self.act_validate, self.act_submit,
                       self.act_revise, self.act_history, self.act_export, self.act_overview,
                       self.act_export_package, self.act_import_packages, self.act_review):
            toolbar.addAction(action)
        for action in self.findChildren(QAction):
            if action.shortcut() and action.text():
                action.setToolTip(f"{action.text()} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")

    # --- data loading --------------------------------------------------------------------
    def reload_orgs(self) -> None:
        """Rebuild the navigator, keeping its current node (or "all organisations") without
        navigating: a rebuild must not change the list's scope or the page under the user."""
        kept = self.navigator_model.node_key(self.navigator.currentIndex())
        selection = self.navigator.selectionModel()
        selection.blockSignals(True)
        try:
            self.navigator_model.set_orgs(self.service.orgs())
            self.navigator.expandToDepth(0)
            node = self.navigator_model.find_node(kept) or self.navigator_model.index(0, 0)
            self.navigator.setCurrentIndex(node)
        finally:
            selection.blockSignals(False)
        self.navigator.viewport().update()

    def reload_records(self, synchronous: bool = False) -> None:
        """Load the record list (on a worker with its own connection unless ``synchronous``)."""
        if synchronous or self.service.db_path is None:
            self._rows_loaded(self.service.index_rows())
            return
        from ..storage.record_index import record_index

        self.statusBar().showMessage(self.tr("正在读取记录列表…"))
        run_task(self, "", "", self.service.db_path, lambda store, progress: record_index(store.db),
                 self._rows_loaded, self.show_message, lang=self.service.lang, show_progress=False)

    def _rows_loaded(self, rows: object) -> None:
        self.rows = list(rows)  # type: ignore[arg-type]
        self.list_model.set_rows(self.rows)
        self.statusBar().showMessage(self.tr("共 %1 条记录").replace("%1", str(len(self.rows))), 5000)
        last = self.settings.text("last_record")
        if last and self.pane.doc is None and self.list_model.row_of(last) >= 0:
            self.open_record(last)
            self.list_view.select_record(last)
        self.listLoaded.emit()

    def _records_changed(self, record_ids: list) -> None:
        rows = self.service.index_rows(list(record_ids))
        found = {r[0] for r in rows}
        self.list_model.upsert_rows(rows)
        for record_id in record_ids:
            if record_id not in found:
                self.list_model.remove_record(record_id)
        self.rows = self.list_model.rows
        self.proxy.refilter()
        if self.pane.record_id:
            self.list_view.select_record(self.pane.record_id)

    def _operation_executed(self, changes: Changes, _operation=None) -> None:
        """An operation finished: each view reloads what its changes concern."""
        if changes.orgs:
            self.reload_orgs()
        if changes.records:
            self._records_changed(list(changes.records))
            opened = self.pane.record_id
            if opened in changes.records and not self.pane.dirty and self.list_model.row_of(opened) >= 0:
                self.open_record(opened)  # decided, or updated by an import: show it as stored
        if changes.database:
            self.overview.overview = None
            if self.pages.currentIndex() == 1:
                self.overview.refresh()
            if self.pages.currentIndex() == REVIEW_PAGE:
                self.review.refresh()
        for page in self.findChildren(QWidget, "org_trend_dialog"):  # open organisation pages
            page.follow(changes)

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
        read_only = self.pane.read_only
        self.act_submit.setEnabled(not read_only)
        self.act_revise.setEnabled(self.pane.can_revise)  # not for a record received in a package
        self.act_revise_latest.setEnabled(self.pane.newer_version is not None)
        self.act_delete.setEnabled(not read_only)

    def _sync_page_actions(self, index: int) -> None:
        for position, action in enumerate((self.act_records, self.act_overview, self.act_review)):
            action.setChecked(position == index)

    def _page_changed(self, index: int) -> None:
        if hasattr(self, "act_review"):
            self._sync_page_actions(index)
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
        self.statusBar().showMessage(text, 10000)

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
        dialog.accepted.connect(lambda: dialog.record_id and self._created(dialog.record_id))
        dialog.open()
        return dialog

    def _created(self, record_id: str) -> None:
        self.pages.setCurrentIndex(0)
        self.open_record(record_id)

    def find(self) -> None:
        self.pages.setCurrentIndex(0)
        self.list_view.focus_search()

    def validate(self) -> None:
        self.pane.validate()

    def submit(self):
        """Ctrl+Enter: the confirmation dialog (None when the record cannot be submitted)."""
        return self.pane.submit()

    def revise(self) -> str | None:
        return self.pane.revise()

    def delete_draft(self) -> None:
        record_id = self.pane.record_id
        if not record_id or self.pane.read_only:
            return
        answer = QMessageBox.question(self, self.tr("删除草稿"), self.tr("确定删除这份从未提交的草稿吗？"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.service.delete_draft(record_id)
        except LowcarbonError as exc:
            self.show_message(exc.message(self.service.lang))
            return
        self.pane.doc = None
        self.pane.clear()

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
        return op.success(lambda written: self.show_message(
            self.tr("已导出：%1").replace("%1", str(written)))).run_in_background()

    def export_workbook(self, path: Path | None = None) -> Operation | None:
        """The standard workbook of the records the list shows."""
        record_ids = [self.proxy.record_id_at(row) for row in range(self.proxy.rowCount())]
        self.pane.save_now()
        path = path or self._save_path(self.tr("导出工作簿"), "records.xlsx", "Excel (*.xlsx)")
        if path is None:
            return None
        from .operations import Operation
        from .operations.records import records_workbook_op

        op = Operation(self.operations, records_workbook_op(record_ids, path), title=self.tr("导出工作簿"),
                       label=self.tr("正在生成工作簿…"))
        return op.success(lambda written: self.show_message(
            self.tr("已导出 %1 条记录：%2").replace("%1", str(written.records))  # type: ignore[attr-defined]
            .replace("%2", str(written.path)))).run_in_background()  # type: ignore[attr-defined]

    def import_workbook(self, path: Path | None = None) -> Operation | None:
        """A filled standard workbook: all its rows or none; the views follow what changed."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("导入工作簿"), "", "Excel (*.xlsx)")
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
        self.show_message(self.tr("导入完成：新增 %1 条记录，更新 %2 条，%3 条未变；新增单位 %4 个")
                          .replace("%1", str(len(result.added))).replace("%2", str(len(result.updated)))
                          .replace("%3", str(len(result.unchanged))).replace("%4", str(len(result.orgs_added))))

    def _save_path(self, title: str, name: str, filter_text: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, title, name, filter_text)
        return Path(chosen) if chosen else None

    def _failed(self, message: str) -> None:
        self.show_message(message)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("操作失败"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def about(self) -> None:
        QMessageBox.about(self, self.tr("关于"), self.tr(
            "低碳填报助手：离线填报能源报表、用能预算、清洁生产审核和低碳试点申报。"))

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
        geometry = self.settings.bytes_value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1600, 960)

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

"""The pane that edits one record: banner, generated editor, budget tab, issues panel.

It owns the workflow of the open record: live evaluation as the user types, autosave of the
draft within ~2 s, justification in place, submit, revise. It talks to storage only through
the ``DeskService`` it is given, and follows the service's ``OperationHub``: when another
write changed the open record (an import, a decision in the review queue) and nothing typed
is pending, the record is shown again as stored; a deleted draft leaves the pane.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import LowcarbonError
from ..domain.evaluate import Evaluation
from ..domain.labels import field_label
from ..domain.records import state_label
from ..domain.text import printable
from ..domain.versions import VersionChanges, version_changes
from .budget.budget_view import BudgetView
from .confirm_dialog import ConfirmRecordsDialog
from .editor.record_editor import RecordEditor
from .issues_panel import IssuesPanel
from .service import DeskService
from .submissions.dialogs import ReturnDialog

if TYPE_CHECKING:
    from .operations import Changes

AUTOSAVE_MS = 1500
TALL_PANE = 760  # a pane at least this tall opens the computed values unfolded
ISSUES_SHORT = 110  # the issues panel's height on a short pane when there are issues


class RecordPane(QWidget):
    """Edits the record ``open_record`` loaded; emits what the window shows elsewhere."""

    message = Signal(str)  # status-bar text
    recordOpened = Signal(str)  # record id (also after revise)
    saved = Signal(str)
    decided = Signal(str, str)  # record id, "accepted" | "returned" (a received record)

    def __init__(self, service: DeskService, parent=None):
        super().__init__(parent)
        self.service = service
        self.lang = service.lang
        self.doc: dict | None = None
        self.editor: RecordEditor | None = None
        self.budget_view: BudgetView | None = None
        self.evaluation: Evaluation | None = None
        self.dirty = False
        # the computed values' strip as the user left it; None: open where the pane is tall
        self.computed_expanded: bool | None = None
        self._issues_folded: bool | None = None  # on a short pane, no issues: the summary line only
        self.last_error: str = ""
        service.hub.executed.connect(self._follow)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)

        self.title = QLabel(self.tr("请在左侧列表中选择一条记录，或新建记录（Ctrl+N）。"))
        self.title.setObjectName("record_title")
        self.title.setStyleSheet("font-size: 14px; font-weight: bold;")
        self.title.setWordWrap(True)
        self.banner = QWidget()
        self.banner.setObjectName("readonly_banner")
        self.banner.setStyleSheet("#readonly_banner { background: #e3f0fb; border: 1px solid #1f5fa8; }")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(6, 1, 2, 1)  # one line on a small screen: rows stay in view
        banner_layout.setSpacing(4)
        self.banner_text = QLabel()
        self.banner_text.setObjectName("readonly_banner_text")
        self.banner_text.setWordWrap(True)
        self.revise_button = QPushButton(self.tr("修订（生成新版本）"))
        self.revise_button.clicked.connect(self.revise)
        # offered only while a newer version of the record's form is installed
        self.latest_button = QPushButton(self.tr("修订并改用最新表单版本…"))
        self.latest_button.setObjectName("pane_revise_latest")
        self.latest_button.clicked.connect(self.revise_to_latest)
        # a record received in a package: the county decides on it instead of revising it
        self.accept_button = QPushButton(self.tr("接收…"))
        self.accept_button.setObjectName("pane_accept")
        self.accept_button.clicked.connect(self.accept_record)
        self.return_button = QPushButton(self.tr("退回…"))
        self.return_button.setObjectName("pane_return")
        self.return_button.clicked.connect(self.return_record)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.revise_button)
        banner_layout.addWidget(self.latest_button)
        banner_layout.addWidget(self.accept_button)
        banner_layout.addWidget(self.return_button)
        self.banner.hide()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("record_tabs")
        self.tabs.setTabBarAutoHide(True)  # a form alone needs no tab: its rows get the height
        # the tab bar is its own Tab stop while shown; the tab widget is none (hidden, its bar
        # would swallow Tab and keep the focus where it was)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.issues = IssuesPanel(self.lang)
        self.issues.fieldActivated.connect(self.focus_field)
        self.issues.model.justifyRequested.connect(self.justify)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("record_splitter")
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.issues)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 200])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    # --- opening -------------------------------------------------------------------------
    def _follow(self, changes: Changes, operation: object = None) -> None:
        """After another write changed the open record: show it as stored (unless something
        typed is pending), or nothing once it was deleted. This pane's own writes show their
        result themselves."""
        opened = self.record_id
        if opened is None or opened not in changes.records or getattr(operation, "origin", None) is self:
            return
        if not self.service.index_rows([opened]):  # the draft was deleted
            self.doc = None
            self.clear()
        elif not self.dirty:
            self.open_record(opened)

    @property
    def record_id(self) -> str | None:
        return self.doc["record_id"] if self.doc else None

    @property
    def read_only(self) -> bool:
        return self.doc is None or self.doc["state"] != "draft"

    def open_record(self, record_id: str) -> None:
        """Load a record into a freshly generated editor (saving the current draft first)."""
        if self.doc is not None and record_id != self.record_id:
            self.save_now()
        doc = self.service.record(record_id)
        form = self.service.form(doc["form"], doc["form_version"])
        ref = self.service.reference(doc["reference_data_version"])
        self.doc = doc
        self.dirty = False
        self._autosave.stop()
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if widget is not None:
                widget.deleteLater()
        self.editor = RecordEditor(form, ref, self.lang)
        self.editor.setObjectName("record_editor")
        self.editor.set_data(doc["data"])
        self.editor.edited.connect(self._edited)
        self._fold_computed()
        self.editor.computed_panel.toggledByUser.connect(
            lambda on: setattr(self, "computed_expanded", on))
        if self.editor.attachments is not None:
            self.editor.attachments.addRequested.connect(self.add_attachment)
            self.editor.attachments.openRequested.connect(self.open_attachment)
            self.editor.attachments.removeRequested.connect(self.remove_attachment)
        self.tabs.addTab(self.editor, self.tr("表单"))
        self.budget_view = None
        if form.id == "energy_budget":
            self.budget_view = BudgetView(ref)
            self.budget_view.pullRequested.connect(self.pull_budget)
            self.tabs.addTab(self.budget_view, self.tr("预算执行图"))
        self._show_header()
        self.editor.set_read_only(self.read_only)
        if self.budget_view is not None:
            self.budget_view.set_read_only(self.read_only)
        self.issues.model.editable = not self.read_only
        self.reevaluate()
        self.recordOpened.emit(record_id)

    def _fold_computed(self) -> None:
        """The computed strip as the user left it; until they choose, open on a tall pane only."""
        if self.editor is None:
            return
        expanded = self.computed_expanded
        self.editor.computed_panel.set_expanded(expanded if expanded is not None
                                                else self.height() >= TALL_PANE)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.computed_expanded is None:
            self._fold_computed()
        if self.doc is not None:
            self._fit_issues()

    def clear(self) -> None:
        self.save_now()
        self.doc = None
        self.editor = None
        self.budget_view = None
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if widget is not None:
                widget.deleteLater()
        self.issues.model.set_issues(None, [])
        self.banner.hide()

    def _show_header(self) -> None:
        doc = self.doc
        if doc is None:
            return
        form = self.service.form(doc["form"], doc["form_version"])
        org = self.service.org(doc["org_id"]) or {"name": doc["org_id"]}
        # period first: twelve monthly reports of one organisation differ there
        self.title.setText(
            self.tr("%1 %2 · %3 · 第 %4 版 · %5")
            .replace("%1", doc.get("period") or "—").replace("%2", form.title(self.lang))
            .replace("%3", printable(org["name"])).replace("%4", str(doc["revision"]))
            .replace("%5", state_label(doc["state"], self.lang)))
        self.title.setToolTip(f"{printable(org['name'])} ({doc['org_id']})\n{doc['record_id']}")
        if self.read_only:
            state = state_label(doc["state"], self.lang)
            # short, to stay on one line beside its buttons; the full sentence in the tooltip
            if self.can_decide:
                text = self.tr("待审核：核对后接收或退回。")
                tip = self.tr("收到的数据包中的记录，待审核：请核对后接收或退回。")
            elif self.received:
                text = self.tr("收到的记录，%1，只读。").replace("%1", state)
                tip = self.tr("收到的数据包中的记录，“%1”，只读。").replace("%1", state)
            else:
                text = self.tr("%1，只读；修改请点“修订”。").replace("%1", state)
                tip = self.tr("本记录“%1”，只读；如需修改，请点“修订”生成新的草稿版本。").replace("%1", state)
            if doc.get("decision_comment"):
                comment = self.tr("审核意见：") + printable(doc["decision_comment"])
                text, tip = f"{text} {comment}", f"{tip}\n{comment}"
            self.banner_text.setText(text)
            self.banner_text.setToolTip(tip)
            self.revise_button.setVisible(self.can_revise)
            self.latest_button.setVisible(self.newer_version is not None)
            self.accept_button.setVisible(self.can_decide)
            self.return_button.setVisible(self.can_decide)
            self.banner.show()
        else:
            self.banner.hide()

    # --- editing -------------------------------------------------------------------------
    def _edited(self) -> None:
        self.dirty = True
        self._autosave.start()
        self.reevaluate()

    def reevaluate(self) -> Evaluation | None:
        """Evaluate the editor's current data and show computed values and issues."""
        if self.doc is None or self.editor is None:
            return None
        evaluation = self.service.evaluate(self.doc, self.editor.data())
        self.evaluation = evaluation
        self.editor.show_evaluation(evaluation)
        form = self.service.form(self.doc["form"], self.doc["form_version"])
        self.issues.model.set_issues(form, evaluation.issues, evaluation.data,
                                     self.service.reference(self.doc["reference_data_version"]))
        if self.budget_view is not None:
            self.budget_view.show_budget(evaluation.data, evaluation.computed)
        self._fit_issues()
        return evaluation

    def _fit_issues(self) -> None:
        """On a short pane the issues panel folds to its summary line while there is no issue
        (the record's rows get the height) and comes back, small, when there are some."""
        fold = self.issues.model.rowCount() == 0 and self.height() < TALL_PANE
        total = sum(self.splitter.sizes())
        if fold == self._issues_folded or total <= 0:
            return
        self._issues_folded = fold
        self.issues.view.setVisible(not fold)
        current = self.splitter.sizes()[1]
        height = (self.issues.summary.sizeHint().height() if fold
                  else max(current, min(ISSUES_SHORT, total // 3)) if self.height() < TALL_PANE else max(current, 160))
        self.splitter.setSizes([total - height, height])

    def save_now(self) -> bool:
        """Store the draft now if it changed; malformed values are kept in the editor only."""
        self._autosave.stop()
        if self.doc is None or self.editor is None or not self.dirty or self.read_only:
            return True
        evaluation = self.reevaluate()
        data = evaluation.data if evaluation is not None else self.editor.data()
        try:
            self.doc = self.service.save_draft(self.doc["record_id"], data, origin=self)
        except LowcarbonError as exc:
            self.last_error = exc.message(self.lang)
            self.message.emit(self.tr("草稿未能保存：") + self.last_error)
            return False
        self.dirty = False
        if evaluation is not None and evaluation.input_problems:
            self.message.emit(self.tr("草稿已保存；有 %1 处格式错误的值未保存，请更正。").replace(
                "%1", str(len(evaluation.input_problems))))
        else:
            self.message.emit(self.tr("草稿已自动保存"))
        self.saved.emit(self.doc["record_id"])
        return True

    def focus_field(self, path: str) -> bool:
        if self.editor is None:
            return False
        self.tabs.setCurrentWidget(self.editor)
        return self.editor.focus_field(path)

    def validate(self) -> Evaluation | None:
        """F5: check now and go to the first blocking issue."""
        evaluation = self.reevaluate()
        if evaluation is None:
            return None
        blocking = evaluation.blocking
        if blocking:
            self.focus_field(blocking[0].field)
            self.message.emit(self.tr("检查完成：%1 项须处理后才能提交").replace("%1", str(len(blocking))))
        else:
            self.message.emit(self.tr("检查完成：可以提交"))
        return evaluation

    # --- workflow ------------------------------------------------------------------------
    def justify(self, rule: str, field: str, text: str) -> bool:
        """Store a warning's justification (the draft is saved first: the warning must be stored)."""
        if self.doc is None or self.read_only:
            return False
        if not self.save_now():
            self._warn(self.tr("不能填写说明"), self.last_error)
            return False
        try:
            self.service.justify(self.doc["record_id"], rule, field, text, origin=self)
        except LowcarbonError as exc:
            self._warn(self.tr("不能填写说明"), exc.message(self.lang))
            return False
        self.doc = self.service.record(self.doc["record_id"])
        self.reevaluate()
        self.message.emit(self.tr("说明已保存"))
        return True

    def justify_next(self) -> int:
        """Ctrl+J: type the justification of the selected (or first unjustified) warning."""
        if self.doc is None or self.read_only:
            return -1
        row = self.issues.justify_next()
        if row < 0:
            self.message.emit(self.tr("没有需要说明理由的警告"))
        return row

    def focus_first_field(self) -> bool:
        """The focus on the open record's first field (after it was created)."""
        if self.editor is None:
            return False
        self.tabs.setCurrentWidget(self.editor)
        return self.editor.focus_first()

    def submit(self) -> ConfirmRecordsDialog | None:
        """Ctrl+Enter: save, then ask for confirmation showing the totals and the justified
        warnings; refused with the reasons while anything blocks. The record is submitted only
        when the confirmation is accepted (``submit_confirmed``)."""
        if self.doc is None:
            return None
        if self.read_only:
            self._warn(self.tr("不能提交"), self.tr("本记录已提交或已处理。"))
            return None
        if not self.save_now():
            self._warn(self.tr("不能提交"), self.last_error)
            return None
        evaluation = self.reevaluate()
        blocking = evaluation.blocking if evaluation is not None else []
        if blocking:
            lines = [(self.tr("错误：") if i.severity == "error" else self.tr("未说明的警告："))
                     + i.message(self.lang) for i in blocking]
            self._warn(self.tr("不能提交"), "\n".join(lines))
            return None
        record_id = self.doc["record_id"]
        dialog = ConfirmRecordsDialog(
            self.tr("提交记录"),
            self.tr("提交后记录只读，可随上报数据包报送；如需修改，须“修订”生成新的版本。请核对："),
            self.tr("提交"), [self.service.summary(record_id)], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.submit_confirmed(record_id))
        dialog.open()
        return dialog

    def submit_confirmed(self, record_id: str) -> bool:
        """Submit ``record_id`` (the confirmation was accepted)."""
        try:
            self.service.submit(record_id, origin=self)
        except LowcarbonError as exc:
            self.reevaluate()
            self._warn(self.tr("不能提交"), exc.message(self.lang))
            return False
        self.open_record(record_id)
        self.message.emit(self.tr("已提交"))
        return True

    # --- a received record: the upper level's decision -------------------------------------
    @property
    def received(self) -> bool:
        """The open record came in a package (the county reviews it; it never revises it)."""
        return self.doc is not None and self.service.received(self.doc)

    @property
    def can_pull_budget(self) -> bool:
        """An energy budget draft is open: its monthly actuals can be taken from the reports."""
        return (self.doc is not None and not self.read_only and self.editor is not None
                and "monthly_actual_tce" in self.editor.months)

    @property
    def can_revise(self) -> bool:
        return self.doc is not None and self.read_only and not self.received

    @property
    def can_decide(self) -> bool:
        return self.received and self.doc is not None and self.doc["state"] == "submitted"

    def accept_record(self) -> ConfirmRecordsDialog | None:
        """Accept the open received record after a confirmation showing its totals and warnings."""
        if not self.can_decide or self.doc is None:
            return None
        record_id = self.doc["record_id"]
        dialog = ConfirmRecordsDialog(
            self.tr("接收记录"), self.tr("接收后，记录可随本县数据包上报。请核对："), self.tr("接收"),
            [self.service.summary(record_id)], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.decide(record_id, "accepted"))
        dialog.open()
        return dialog

    def return_record(self) -> ReturnDialog | None:
        """Return the open received record with the comment the dialog asks for (and, as the
        dialog offers by default, the decision package for the enterprise)."""
        if not self.can_decide or self.doc is None:
            return None
        record_id = self.doc["record_id"]
        dialog = ReturnDialog(1, self, [self.service.heading(self.doc)])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.decide(record_id, "returned", dialog.text(),
                                                    dialog.writes_package()))
        dialog.open()
        return dialog

    def decide(self, record_id: str, decision: str, comment: str | None = None,
               write_package: bool = False) -> bool:
        """Accept or return the open received record; ``write_package``: also write the signed
        decision package into a folder the user chooses (cancelling the choice decides nothing)."""
        folder = None
        if write_package:
            folder = self.service.chooser.directory(self, self.tr("审核结论包保存到"))
            if folder is None:
                return False
        try:
            made = self.service.decide([record_id], decision, comment, folder, origin=self)
        except LowcarbonError as exc:
            self._warn(self.tr("不能审核"), exc.message(self.lang))
            return False
        self.open_record(record_id)
        text = self.tr("已接收") if decision == "accepted" else self.tr("已退回")
        if made:
            text += self.tr("；审核结论包：%1").replace("%1", made[0].path.name)
        self.message.emit(text)
        self.decided.emit(record_id, decision)
        return True

    def revise(self) -> str | None:
        if not self.can_revise or self.doc is None:
            return None
        try:
            new_id = self.service.revise(self.doc["record_id"], origin=self)
        except LowcarbonError as exc:
            self._warn(self.tr("不能修订"), exc.message(self.lang))
            return None
        self.open_record(new_id)
        self.message.emit(self.tr("已生成新版本（草稿）"))
        return new_id

    @property
    def newer_version(self) -> int | None:
        """The newest version of the open record's form, when it can be revised onto it."""
        if not self.can_revise or self.doc is None:
            return None
        newest = self.service.form(self.doc["form"]).version
        return newest if newest > self.doc["form_version"] else None

    def revise_to_latest(self) -> QMessageBox | None:
        """Ask, naming both versions and what differs, before revising onto the newest version."""
        newest = self.newer_version
        if newest is None:
            return None
        doc = self.doc
        assert doc is not None
        old_form = self.service.form(doc["form"], doc["form_version"])
        new_form = self.service.form(doc["form"])
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("改用最新表单版本"), self.tr(
            "为这条记录生成新的草稿版本，表单由“%1”第 %2 版改用第 %3 版。填写的值按字段带入新版本；"
            "原记录保持不变。").replace("%1", new_form.title(self.lang)).replace(
            "%2", str(old_form.version)).replace("%3", str(newest)),
            QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("revise_latest_confirm")
        confirm = box.addButton(self.tr("修订为第 %1 版").replace("%1", str(newest)),
                                QMessageBox.ButtonRole.AcceptRole)
        confirm.setObjectName("revise_latest_ok")
        changes = version_changes(old_form, new_form)
        box.setInformativeText("\n".join(self._change_lines(changes)) if changes.any
                               else self.tr("两个版本的字段相同。"))
        if changes.any:
            box.setDetailedText("\n".join(changes.lines(self.lang)))  # with the field ids, as the CLI says it
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        record_id = doc["record_id"]
        confirm.clicked.connect(lambda: self.revise_to_latest_confirmed(record_id))
        box.open()
        return box

    def revise_to_latest_confirmed(self, record_id: str) -> str | None:
        """Revise ``record_id`` onto the newest version of its form (the confirmation was accepted)."""
        try:
            move = self.service.revise_to_latest(record_id, origin=self)
        except LowcarbonError as exc:
            self._warn(self.tr("不能修订"), exc.message(self.lang))
            return None
        old_form = self.service.form(move.changes.form_id, move.changes.from_version)
        old_data = self.doc["data"] if self.doc else None
        self.open_record(move.record_id)
        text = self.tr("已生成新版本（草稿），改用表单第 %1 版").replace("%1", str(move.changes.to_version))
        if move.dropped:
            self._warn(text, self.tr("以下值新版本没有对应的字段，未带入（原版本中仍保留）：") + "\n" + "\n".join(
                f"{field_label(old_form, path, self.lang, old_data)}：{value}" for path, value in move.dropped))
        else:
            self.message.emit(text)
        return move.record_id

    def _change_lines(self, changes: VersionChanges) -> list[str]:
        """The field changes between two versions by their labels (the ids are in the details)."""
        en = self.lang == "en"
        separator = "; " if en else "；"
        lines = []
        if changes.added:
            lines.append(self.tr("新增字段：%1").replace("%1", separator.join(
                c.label_en if en else c.label_zh for c in changes.added)))
        if changes.removed:
            lines.append(self.tr("删除的字段（值不再带入）：%1").replace("%1", separator.join(
                c.label_en if en else c.label_zh for c in changes.removed)))
        if changes.relabelled:
            lines.append(self.tr("名称改变的字段：%1").replace("%1", separator.join(
                f"“{c.old_label_en}” → “{c.label_en}”" if en else f"「{c.old_label_zh}」→「{c.label_zh}」"
                for c in changes.relabelled)))
        return lines

    def pull_budget(self) -> str:
        """Take the year's monthly report totals into the budget's monthly actuals."""
        if self.doc is None or self.editor is None or self.read_only:
            return ""
        months = self.editor.months.get("monthly_actual_tce")
        if months is None:
            return ""
        data = self.editor.data()
        if not data.get("year"):
            self._warn(self.tr("不能汇总"), self.tr("请先填写预算年度。"))
            return ""
        result = self.service.pull_budget(self.doc, data)
        months.model.set_values(result.merged_into(months.model.values()))
        self._edited()
        note = result.summary(self.lang)
        if self.budget_view is not None:
            self.budget_view.show_pull_note(note)
        self.message.emit(note)
        return note

    # --- attachments ---------------------------------------------------------------------
    def add_attachment(self, path: Path | None = None) -> bool:
        if self.doc is None or self.read_only:
            return False
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("选择附件"), "",
                self.tr("证明材料 (*.pdf *.jpg *.jpeg *.png *.xlsx *.docx)"))
            if not chosen:
                return False
            path = Path(chosen)
        if not self.save_now():
            self._warn(self.tr("不能添加附件"), self.last_error)
            return False
        try:
            self.service.add_attachment(self.doc["record_id"], Path(path), origin=self)
        except (LowcarbonError, OSError) as exc:
            text = exc.message(self.lang) if isinstance(exc, LowcarbonError) else str(exc)
            self._warn(self.tr("不能添加附件"), text)
            return False
        self.open_record(self.doc["record_id"])
        return True

    def open_attachment(self, index: int) -> Path | None:
        if self.editor is None or self.editor.attachments is None:
            return None
        items = self.editor.attachments.items()
        if not 0 <= index < len(items):
            return None
        path = self.service.attachment_file(items[index])
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def remove_attachment(self, index: int) -> bool:
        if self.doc is None or self.read_only:
            return False
        if not self.save_now():
            return False
        try:
            self.service.remove_attachment(self.doc["record_id"], index, origin=self)
        except LowcarbonError as exc:
            self._warn(self.tr("不能移除附件"), exc.message(self.lang))
            return False
        self.open_record(self.doc["record_id"])
        return True

    def _warn(self, title: str, text: str) -> None:
        self.last_error = text
        self.message.emit(f"{title}：{text}".replace("\n", " "))
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("warning_box")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

"""Dialogs of the package actions: this installation's key, export choices and result,
verification result, import results, a changed sender key, a return comment.

Each is opened with ``open()`` (window-modal, not blocking) by ``PackageActions``; they show
what the headless API returned and never touch the database. Text from a package (sender,
operator, time, record entries) is shown through ``domain.text.printable`` and as plain text,
never as rich text: a sender cannot reorder a line with bidirectional controls or style a
label with HTML.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ...domain.forms import get_form
from ...domain.records import state_label
from ...domain.text import printable
from ...packages.create import left_out_note
from ...packages.keys import InstallationKey
from ...packages.verify import VerifiedPackage
from ..dialog_buttons import ok_cancel
from ..models.import_results import DETAIL, FILE, RECORDS, RESULT, SENDER, ImportResultsModel
from ..models.rows_model import Column, RowsTableModel
from ..screen_fit import FitsScreen
from .tasks import KEY_CHANGED, ExportOutcome, FileResult, PinnedKey, VerifyOutcome, first_use_keys

ERROR_STYLE = "color: #b23c17;"
OK_STYLE = "color: #2e7d32;"


def _mono() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    return font


def _selectable(text: str = "", mono: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a sender's "<b>…" is text, not markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    if mono:
        label.setFont(_mono())
    return label


def _table(model, stretch_last: bool = True) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.resizeColumnsToContents()
    for column in range(model.columnCount()):
        view.setColumnWidth(column, min(view.columnWidth(column) + 12, 360))
    view.horizontalHeader().setStretchLastSection(stretch_last)
    return view


def form_title(form: str, version: int | None, lang: str) -> str:
    try:
        return get_form(form, version).title(lang)
    except Exception:  # a form version unknown here
        return form


MAX_NAMED = 6  # records named in a return dialog; more are counted

class KeyDialog(FitsScreen, QDialog):
    """This installation's public-key fingerprint: what the upper level pins and checks."""

    def __init__(self, key: InstallationKey, parent=None):
        super().__init__(parent)
        self.setObjectName("key_dialog")
        self.setWindowTitle(self.tr("本机密钥"))
        self.fingerprint = _selectable(key.fingerprint, mono=True)
        self.fingerprint.setObjectName("key_fingerprint")
        big = self.fingerprint.font()
        big.setPointSizeF(big.pointSizeF() * 1.25)
        self.fingerprint.setFont(big)
        form = QFormLayout()
        form.addRow(self.tr("密钥指纹"), self.fingerprint)
        form.addRow(self.tr("公钥"), _selectable(key.public_base64, mono=True))
        form.addRow(self.tr("私钥文件"), _selectable(str(key.path or "")))
        note = QLabel(self.tr(
            "本机签发的每个数据包都带有这把密钥的签名。上级单位第一次收到本单位的数据包时会登记这个指纹；"
            "请在电话中与对方核对。私钥只保存在本机，请勿复制给他人；重装电脑会生成新密钥，"
            "上级须确认后才接收。"))
        note.setWordWrap(True)
        copy = QPushButton(self.tr("复制指纹"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(key.fingerprint))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(720, self.sizeHint().height())


class ExportDialog(FitsScreen, QDialog):
    """Which organisation and period to package; the folder is chosen after OK."""

    def __init__(self, orgs: list[dict], org_id: str | None, period: str, parent=None):
        super().__init__(parent)
        self.setObjectName("export_package_dialog")
        self.setWindowTitle(self.tr("导出上报数据包"))
        self.org_box = QComboBox()
        self.org_box.setObjectName("export_org")
        for org in orgs:
            self.org_box.addItem(f"{org['name']}（{org['org_id']}）", org["org_id"])
        if org_id and self.org_box.findData(org_id) >= 0:
            self.org_box.setCurrentIndex(self.org_box.findData(org_id))
        self.period = QLineEdit(period)
        self.period.setObjectName("export_period")
        self.period.setPlaceholderText(self.tr("如 2025（含各月）或 2025-03；留空为全部"))
        form = QFormLayout()
        form.addRow(self.tr("单位"), self.org_box)
        form.addRow(self.tr("期间"), self.period)
        note = QLabel(self.tr("只打包已提交或已接收的记录（每条记录的最新此类版本），附每条记录的 PDF 和汇总工作簿，"
                              "并用本机密钥签名。确定后选择保存的文件夹或 U 盘。"))
        note.setWordWrap(True)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    def choose(self, org_id: str, period: str = "") -> None:
        self.org_box.setCurrentIndex(self.org_box.findData(org_id))
        self.period.setText(period)

    def org_id(self) -> str | None:
        return self.org_box.currentData()

    def period_text(self) -> str:
        return self.period.text().strip()


def _record_columns(lang: str) -> list[Column]:
    return [
        Column("form", QCoreApplication.translate("PackageDialogs", "表单")),
        Column("period", QCoreApplication.translate("PackageDialogs", "期间")),
        Column("revision", QCoreApplication.translate("PackageDialogs", "版本"), align_right=True),
        Column("state", QCoreApplication.translate("PackageDialogs", "状态"), lambda v: state_label(str(v), lang)),
        Column("record_id", QCoreApplication.translate("PackageDialogs", "记录编号")),
    ]


def _verify_columns(lang: str) -> list[Column]:
    """The record columns plus each record's content fingerprint, as printed under the PDF's QR code."""
    return [*_record_columns(lang),
            Column("fingerprint", QCoreApplication.translate("PackageDialogs", "数据指纹（SHA-256，与 PDF 二维码对照）"),
                   mono=True)]


def _with_titles(rows: list[dict], lang: str) -> list[dict]:
    return [{**r, "form": form_title(r["form"], r.get("form_version"), lang)} for r in rows]


class ExportResultDialog(FitsScreen, QDialog):
    """The written file and what went in; what was left out and why (its state)."""

    def __init__(self, outcome: ExportOutcome, lang: str, parent=None):
        super().__init__(parent)
        self.setObjectName("export_result_dialog")
        self.setWindowTitle(self.tr("导出上报数据包"))
        self.outcome = outcome
        layout = QVBoxLayout(self)
        made = outcome.created
        if made is None:
            self.headline = _selectable(self.tr("未生成数据包：%1").replace("%1", outcome.nothing))
            self.headline.setStyleSheet(ERROR_STYLE)
            layout.addWidget(self.headline)
            layout.addWidget(QLabel(self.tr("请先在“填报记录”中检查并提交记录，然后再导出。")))
        else:
            parts = made.parts or []
            # a county's package in parts (package.md, "Packages in parts"): every file, one a line
            names = "\n".join(p.path.name for p in parts) if len(parts) > 1 else made.path.name
            self.headline = _selectable(self.tr("已写出数据包：%1").replace("%1", names))
            self.headline.setStyleSheet(OK_STYLE)
            self.headline.setObjectName("export_file_name")
            layout.addWidget(self.headline)
            form = QFormLayout()
            form.addRow(self.tr("保存位置"), _selectable(str(made.path.parent)))
            form.addRow(self.tr("密钥指纹"), _selectable(made.fingerprint, mono=True))
            if len(parts) > 1:
                for part in parts:
                    form.addRow(f"{part.path.name} SHA-256", _selectable(part.sha256, mono=True))
            else:
                form.addRow("SHA-256", _selectable(made.sha256, mono=True))
            layout.addLayout(form)
        self.included = RowsTableModel(_record_columns(lang), _with_titles(outcome.included, lang),
                                       id_key="record_id", parent=self)
        if made is not None:
            box = QGroupBox(self.tr("已打包 %1 条记录").replace("%1", str(len(outcome.included))))
            QVBoxLayout(box).addWidget(_table(self.included))
            layout.addWidget(box, 2)
            if made.nested or made.left_out:
                rows = [{**r, "sender_name": printable(r["sender_name"]), "note": self.tr("已全部接收，原样转报")}
                        for r in made.nested] + [
                    {**r, "sender_name": printable(r["sender_name"]), "note": left_out_note(r, lang)}
                    for r in made.left_out]
                self.forwarded = RowsTableModel([
                    Column("sender_name", self.tr("企业")), Column("sender_org_id", self.tr("代码")),
                    Column("records", self.tr("记录数"), align_right=True), Column("note", self.tr("说明")),
                ], rows, parent=self)
                box = QGroupBox(self.tr("企业数据包"))
                QVBoxLayout(box).addWidget(_table(self.forwarded))
                layout.addWidget(box, 1)
        self.left_out = RowsTableModel(_record_columns(lang), _with_titles(outcome.left_out, lang),
                                       id_key="record_id", parent=self)
        if outcome.left_out:
            box = QGroupBox(self.tr("未打包 %1 条记录（草稿或已退回的记录须提交后才能上报）").replace(
                "%1", str(len(outcome.left_out))))
            QVBoxLayout(box).addWidget(_table(self.left_out))
            layout.addWidget(box, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 560)


class VerifyDialog(FitsScreen, QDialog):
    """A verified package's sender, fingerprint and records, or the first reason it failed."""

    def __init__(self, outcome: VerifyOutcome, lang: str, parent=None):
        super().__init__(parent)
        self.setObjectName("verify_dialog")
        self.setWindowTitle(self.tr("校验数据包 — %1").replace("%1", outcome.path.name))
        self.outcome = outcome
        layout = QVBoxLayout(self)
        package = outcome.package
        self.records = RowsTableModel(_verify_columns(lang), [], id_key="record_id", parent=self)
        if package is None:
            self.headline = _selectable(self.tr("未通过校验：%1").replace("%1", printable(outcome.error, keep_lines=True)))
            self.headline.setStyleSheet(ERROR_STYLE)
            layout.addWidget(self.headline)
            layout.addWidget(QLabel(self.tr("请勿导入这个文件；请对方重新导出并发送。")))
        else:
            self.headline = _selectable(self.tr("校验通过：签名有效，文件完整，记录通过校验"))
            self.headline.setStyleSheet(OK_STYLE)
            layout.addWidget(self.headline)
            sender = package.sender
            kind = self.tr("审核结论包") if package.kind == "decision" else self.tr("报送包")
            form = QFormLayout()
            self.sender_label = _selectable(f"{printable(sender['name'])}（{printable(sender['org_id'])}）")
            self.sender_label.setObjectName("verify_sender")
            form.addRow(self.tr("发送方"), self.sender_label)
            self.operator = _selectable(printable(sender.get("operator") or ""))
            self.operator.setObjectName("verify_operator")
            form.addRow(self.tr("操作人"), self.operator)
            form.addRow(self.tr("类型"), QLabel(kind))
            self.created_at = _selectable(printable(package.manifest.raw.get("created_at", "")))
            self.created_at.setObjectName("verify_created_at")
            form.addRow(self.tr("生成时间"), self.created_at)
            self.fingerprint = _selectable(package.fingerprint, mono=True)
            self.fingerprint.setObjectName("verify_fingerprint")
            form.addRow(self.tr("密钥指纹"), self.fingerprint)
            form.addRow("SHA-256", _selectable(package.sha256, mono=True))
            layout.addLayout(form)
            self.records.set_rows(self._rows(package, lang))
            box = QGroupBox(self.tr("记录（%1 条）").replace("%1", str(self.records.rowCount())))
            self.records_view = _table(self.records)
            self.records_view.setObjectName("verify_records")
            self.records_view.resizeColumnToContents(self.records.columnCount() - 1)
            QVBoxLayout(box).addWidget(self.records_view)
            layout.addWidget(box, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 560 if package is not None else 220)

    def _rows(self, package: VerifiedPackage, lang: str, prefix: str = "") -> list[dict]:
        # a submission record's content fingerprint: what its PDF's QR code holds (decisions have none)
        fingerprints = {r.record_id: r.fingerprint for r in package.records}
        rows = [{**{k: printable(v) if isinstance(v, str) else v for k, v in entry.items()},
                 "form": prefix + printable(form_title(entry["form"], entry.get("form_version"), lang)),
                 "fingerprint": fingerprints.get(entry["record_id"], "")}
                for entry in package.manifest.records]
        for inner in package.nested:
            rows += self._rows(inner, lang, f"{printable(inner.sender['name'])} › ")
        return rows


class ImportResultsDialog(FitsScreen, QDialog):
    """One row per file: sender, records, imported / already imported / refused and why."""

    def __init__(self, rows: list[FileResult], parent=None):
        super().__init__(parent)
        self.setObjectName("import_results_dialog")
        self.setWindowTitle(self.tr("导入数据包"))
        self.model = ImportResultsModel(rows, self)
        self.view = _table(self.model)
        self.view.setObjectName("import_results")
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.view.horizontalHeader()
        for column, width in ((FILE, 320), (SENDER, 300)):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), width))
        for column in (RECORDS, RESULT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # a sender seen for the first time: its fingerprint, to read out on the phone and copy
        self.keys_box = QGroupBox(self.tr("首次收到这些单位的数据包，已登记其密钥指纹（请与对方电话核对）"))
        self.keys_box.setObjectName("first_use_keys")
        self.keys_form = QFormLayout(self.keys_box)
        self.key_labels: dict[str, QLabel] = {}
        self.model.dataChanged.connect(self.update_summary)
        self.model.modelReset.connect(self.update_summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.keys_box)
        layout.addWidget(buttons)
        self.resize(1000, 520)
        self.update_summary()

    def update_summary(self) -> None:
        counts: dict[str, int] = {}
        for row in self.model.rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        self.summary.setText(self.tr("共 %1 个文件：导入 %2 个，此前已导入 %3 个，拒绝 %4 个").replace(
            "%1", str(self.model.rowCount())).replace("%2", str(counts.get("imported", 0))).replace(
            "%3", str(counts.get("already_imported", 0))).replace(
            "%4", str(counts.get("refused", 0) + counts.get(KEY_CHANGED, 0))))
        self.view.resizeRowsToContents()
        self._show_keys(first_use_keys(self.model.rows))

    def _show_keys(self, keys: list[PinnedKey]) -> None:
        while self.keys_form.rowCount():
            self.keys_form.removeRow(0)
        self.key_labels = {}
        for key in keys:
            fingerprint = _selectable(key.fingerprint, mono=True)
            fingerprint.setObjectName("first_use_fingerprint")
            fingerprint.setToolTip(key.file_name)
            copy = QPushButton(self.tr("复制指纹"))
            copy.clicked.connect(lambda _c=False, text=key.fingerprint: QGuiApplication.clipboard().setText(text))
            row = QHBoxLayout()
            row.addWidget(fingerprint, 1)
            row.addWidget(copy)
            self.keys_form.addRow(_selectable(f"{printable(key.sender_name)}（{printable(key.sender_org_id)}）"), row)
            self.key_labels[key.sender_org_id] = fingerprint
        self.keys_box.setVisible(bool(keys))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # narrow (a small screen): file and sender give way, the explanation keeps its room
        width = self.view.viewport().width()
        for column, most, share in ((FILE, 320, 0.24), (SENDER, 300, 0.22)):
            self.view.setColumnWidth(column, min(most, max(int(width * share), 120)))
        self.view.resizeRowsToContents()


class KeyChangeDialog(FitsScreen, QDialog):
    """A sender's packages are signed by a new key: both fingerprints, and an explicit choice."""

    def __init__(self, rows: list[FileResult], parent=None):
        super().__init__(parent)
        self.setObjectName("key_change_dialog")
        self.setWindowTitle(self.tr("发送方密钥已更换"))
        self.rows = rows
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "以下数据包由与此前登记不同的密钥签名，已拒绝，未做任何改动。对方重装电脑或更换电脑时会出现这种情况，"
            "也可能是他人冒充。请打电话给发送方，请对方在“帮助 → 本机密钥”中念出新指纹，逐组核对。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.fingerprint_labels: list[tuple[QLabel, QLabel]] = []
        for row in rows:
            box = QGroupBox(f"{printable(row.sender_name)}（{printable(row.sender_org_id)}） — {printable(row.file_name)}")
            form = QFormLayout(box)
            old = _selectable(row.previous_fingerprint, mono=True)
            new = _selectable(row.fingerprint, mono=True)
            new.setStyleSheet("color: #b26a00; font-weight: bold;")
            form.addRow(self.tr("已登记的指纹"), old)
            form.addRow(self.tr("数据包的新指纹"), new)
            self.fingerprint_labels.append((old, new))
            layout.addWidget(box)
        self.confirm = QCheckBox(self.tr("我已与发送方电话核对，新指纹无误"))
        self.confirm.setObjectName("key_change_confirm")
        layout.addWidget(self.confirm)
        self.buttons = QDialogButtonBox()
        self.accept_button = self.buttons.addButton(self.tr("接受新密钥并导入"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("不接受"), QDialogButtonBox.ButtonRole.RejectRole)
        self.accept_button.setEnabled(False)
        self.confirm.toggled.connect(self.accept_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, self.sizeHint().height())

    def accept(self) -> None:
        if not self.confirm.isChecked():
            return
        super().accept()


class ReturnDialog(FitsScreen, QDialog):
    """The comment a return needs (sent back to the enterprise with the decision)."""

    def __init__(self, count: int, parent=None, names: list[str] | None = None):
        """``names``: the records as people read them (``DeskService.heading``), listed above
        the comment so that the officer sees what is returned."""
        super().__init__(parent)
        self.setObjectName("return_dialog")
        self.setWindowTitle(self.tr("退回记录"))
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("return_comment")
        self.comment.setPlaceholderText(self.tr("退回原因和修改要求（必填），企业会看到这段意见"))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("退回"))
        self.ok.setEnabled(False)
        self.comment.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.comment.toPlainText().strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # on by default: a returned enterprise learns why only from the decision package
        self.write_package = QCheckBox(self.tr("同时写出给企业的审核结论包（选择文件夹或 U 盘）"))
        self.write_package.setObjectName("return_write_package")
        self.write_package.setChecked(True)
        layout = QVBoxLayout(self)
        names = [printable(name) for name in names or []]
        if len(names) == 1:
            intro = self.tr("退回“%1”，意见：").replace("%1", names[0])
        else:
            intro = self.tr("退回所选 %1 条记录，意见：").replace("%1", str(count))
            if names:
                shown = names[:MAX_NAMED]
                more = len(names) - len(shown)
                intro += "\n" + "\n".join(f"· {name}" for name in shown) + (
                    "\n" + self.tr("…… 另有 %1 条").replace("%1", str(more)) if more else "")
        self.intro = QLabel(intro)
        self.intro.setObjectName("return_intro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addWidget(self.comment)
        layout.addWidget(self.write_package)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 300)

    def text(self) -> str:
        return self.comment.toPlainText().strip()

    def writes_package(self) -> bool:
        return self.write_package.isChecked()

    def accept(self) -> None:
        if not self.text():
            self.error.setText(self.tr("退回必须填写意见"))
            return
        super().accept()

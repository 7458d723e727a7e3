"""First start (and File ▸ New database): the user chooses what the database is for.

Nothing is written until a choice is confirmed: an empty database for my enterprise (credit
code, name, county division code, industry, contact), for my county (division code, name,
contact) or for my province (its division code ending in 0000, name, contact: the province's
desk, which imports the counties' packages), an existing file,
or the fictional demo county in its own file (``demo.db`` in the user data folder, marked
示范数据 / DEMO in the title bar). An existing file is checked (read only) before it is taken:
one that is not a database of this program is named in one line and left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from .demo_file import DEMO_FILE as DEMO_FILE
from .demo_file import demo_database_path
from .demo_file import is_demo_database as is_demo_database

# the demo file's place is decided in demo_file (no Qt); still importable from here
from .screen_fit import FitsScreen

NEW_ENTERPRISE, NEW_COUNTY, OPEN_FILE, OPEN_DEMO = "enterprise", "county", "open", "demo"
NEW_PROVINCE = "province"
NEW_DATABASES = (NEW_ENTERPRISE, NEW_COUNTY, NEW_PROVINCE)


@dataclass
class WelcomeChoice:
    """What the user chose: ``action`` and the database path, with the organisation to add."""

    action: str
    path: Path
    org: dict = field(default_factory=dict)


def existing_database_problem(path: Path, lang: str) -> str | None:
    """Why ``path`` cannot be opened as an existing database, as one line naming it; ``None``
    when it can. Reads only. A missing or empty file is refused as well: opening it would
    make a new database there rather than open one."""
    from ..domain.errors import LowcarbonError  # here: the welcome page shows before storage loads
    from ..fileio import file_error
    from ..storage.health import check_database

    try:
        if not path.is_file() or path.stat().st_size == 0:
            return QCoreApplication.translate("WelcomeDialog", "%1 不是已有的数据库文件").replace("%1", str(path))
        check_database(path, quick=False)
    except LowcarbonError as exc:
        return exc.message(lang)
    except OSError as exc:
        return file_error(exc, path).message(lang)
    return None


def create_database(path: Path, org: dict, operator: str) -> None:
    """A new database at ``path`` holding only the user's own organisation."""
    from ..storage import Store  # here, not at the top: the welcome page shows before storage loads

    with Store.open(path) as store:
        store.add_orgs([org], operator)


class WelcomeDialog(FitsScreen, QDialog):
    """The choices of a first start; ``choice`` is set when the user confirms one."""

    def __init__(self, db_path: Path, lang: str = "zh", parent: QWidget | None = None, *,
                 first_start: bool = True):
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("welcome_dialog")
        self.db_path = Path(db_path)
        self.choice: WelcomeChoice | None = None
        self.setWindowTitle(self.tr("欢迎使用低碳填报助手") if first_start else self.tr("新建数据库"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("数据库 %1 还不存在。请选择如何开始（选择之前不会写入任何内容）：").replace(
            "%1", str(self.db_path)) if first_start else self.tr("新数据库的用途："))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        self.fields: dict[str, QLineEdit] = {}
        choices = [(NEW_ENTERPRISE, self.tr("为本企业新建空数据库")),
                   (NEW_COUNTY, self.tr("为本县新建空数据库")),
                   (NEW_PROVINCE, self.tr("为本省新建数据库（导入各县的数据包）"))]
        if first_start:
            choices += [(OPEN_FILE, self.tr("打开已有的数据库文件…")),
                        (OPEN_DEMO, self.tr("打开示范县（虚构的示范数据，单独的文件，不影响您的数据库）"))]
        for action, text in choices:
            radio = QRadioButton(text)
            radio.setObjectName(f"welcome_{action}")
            self.group.addButton(radio)
            self.radios[action] = radio
            layout.addWidget(radio)
            if action in NEW_DATABASES:
                layout.addWidget(self._org_form(action))
            radio.toggled.connect(self._update)
        self.error = QLabel()
        self.error.setObjectName("welcome_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()  # the constructor taking the buttons loads Qt's namespace
        buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("开始"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出") if first_start
                                                                       else self.tr("取消"))
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.radios[NEW_ENTERPRISE].setChecked(True)
        self._update()

    def _org_form(self, action: str) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(24, 0, 0, 0)
        rows = ([("org_id", self.tr("统一社会信用代码")), ("name", self.tr("企业名称")),
                 ("admin_code", self.tr("所在县（区）行政区划代码")),
                 ("industry_code", self.tr("国民经济行业代码（如 C3011）"))] if action == NEW_ENTERPRISE else
                [("org_id", self.tr("县（区）行政区划代码")), ("name", self.tr("县（区）名称"))] if action == NEW_COUNTY else
                [("org_id", self.tr("省行政区划代码（如 410000）")), ("name", self.tr("省名称"))])
        rows += [("contact_name", self.tr("联系人")), ("contact_phone", self.tr("联系电话"))]
        for key, label in rows:
            edit = QLineEdit()
            edit.setObjectName(f"welcome_{action}_{key}")
            self.fields[f"{action}.{key}"] = edit
            form.addRow(label, edit)
        return box

    def _update(self) -> None:
        for key, edit in self.fields.items():
            edit.setEnabled(self.radios[key.split(".")[0]].isChecked())
            edit.setStyleSheet("")
            edit.setToolTip("")
        self._set_error("")
        if self.isVisible():
            self.focus_first_field()

    def focus_first_field(self) -> QWidget:
        """The keyboard starts on the chosen way's first field (its radio button when it has none)."""
        action = self.selected()
        fields = [edit for key, edit in self.fields.items() if key.startswith(action + ".")]
        target: QWidget = fields[0] if fields else self.radios[action]
        # setFocus()'s reason is OtherFocusReason; naming it would load Qt's namespace
        # (20-40 ms) before the welcome page shows
        target.setFocus()
        return target

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.focus_first_field()

    def _show_problems(self, action: str, problems: list) -> None:
        """One line per problem; each field at fault marked, with its reason as its tooltip,
        and the first of them focused. The dialog grows to hold the lines (its fields keep
        their height)."""
        from ..domain.labels import without_field_ids

        ids = [key.split(".", 1)[1] for key in self.fields] + ["kind"]  # the label says which field
        lines = [without_field_ids(p.message_en if self.lang == "en" else p.message_zh, ids) for p in problems]
        first = None
        for problem, line in zip(problems, lines, strict=True):
            edit = self.fields.get(f"{action}.{problem.field}")
            if edit is not None:
                edit.setStyleSheet("QLineEdit { border: 1px solid #b00020; }")
                edit.setToolTip(line)
                first = first or edit
        self._set_error("\n".join(lines))
        if first is not None:
            first.setFocus()

    def _set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        if self.isVisible():
            from .screen_fit import fit_widget

            layout = self.layout()
            needed = (layout.totalHeightForWidth(self.width()) if layout is not None and layout.hasHeightForWidth()
                      else self.sizeHint().height())
            if needed > self.height():
                self.resize(self.width(), needed)
                fit_widget(self)

    def selected(self) -> str:
        return next(action for action, radio in self.radios.items() if radio.isChecked())

    def select(self, action: str, **values: str) -> None:
        """Choose ``action`` and fill its fields (what a user would type)."""
        self.radios[action].setChecked(True)
        for key, value in values.items():
            self.fields[f"{action}.{key}"].setText(value)

    def _org(self, action: str) -> dict:
        value = {key.split(".")[1]: edit.text().strip() for key, edit in self.fields.items()
                 if key.startswith(action + ".")}
        value = {k: v for k, v in value.items() if v}
        if action in (NEW_COUNTY, NEW_PROVINCE):  # the province is county-kind with a xx0000 code
            return {**value, "kind": "county", "admin_code": value.get("org_id", "")}
        return {**value, "kind": "enterprise"}

    def _division_problem(self, action: str, code: str) -> str:
        """Why ``code`` is not a province's (for a province) or is one (for a county), or ""."""
        province = len(code) == 6 and code.isdigit() and code.endswith("0000")
        if action == NEW_PROVINCE and not province:
            return self.tr("省行政区划代码 %1 应为 6 位数字并以 0000 结尾（如 410000）").replace("%1", code)
        if action == NEW_COUNTY and province:
            return self.tr("%1 是省的行政区划代码：请选择“为本省新建数据库”").replace("%1", code)
        return ""

    def confirm(self, open_path: Path | None = None) -> bool:
        """Check the choice; on success set ``choice`` and close. Nothing is written here."""
        action = self.selected()
        if action in NEW_DATABASES:
            from ..domain.evaluate import evaluate_org

            org = self._org(action)
            problems = evaluate_org(org).errors
            if problems:
                self._show_problems(action, problems)
                return False
            wrong = self._division_problem(action, org["org_id"])
            if wrong:
                self.error.setText(wrong)
                return False
            self.choice = WelcomeChoice(action, self.db_path, org)
        elif action == OPEN_FILE:
            if open_path is None:
                from PySide6.QtWidgets import QFileDialog  # here: the page shows without it

                chosen, _ = QFileDialog.getOpenFileName(self, self.tr("打开数据库"), str(self.db_path.parent),
                                                        self.tr("数据库 (*.db *.sqlite);;所有文件 (*)"))
                if not chosen:
                    return False
                open_path = Path(chosen)
            problem = existing_database_problem(Path(open_path), self.lang)
            if problem is not None:
                self._set_error(problem)
                return False
            self.choice = WelcomeChoice(action, Path(open_path))
        else:
            self.choice = WelcomeChoice(action, demo_database_path())
        self.accept()
        return True

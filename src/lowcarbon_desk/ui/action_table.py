"""The main window's actions as one table: what each is called, its shortcut, icon, handler,
the menus it sits in and when it is enabled. ``MainWindow._build_actions`` builds them in a
short loop; nothing else about an action is decided elsewhere.

Texts are the Chinese source strings of the ``MainWindow`` translation context (marked here
with ``QT_TRANSLATE_NOOP`` for lupdate, translated when the actions are built). The module
imports no Qt: the frame shown at start-up reads its menu titles from it. The order of
the table is the order inside each menu and on the toolbar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


def QT_TRANSLATE_NOOP(_context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for lupdate in ``_context``; it is translated when the action is built."""
    return text


@dataclass(frozen=True)
class ActionEntry:
    """One action of the window.

    ``attr``: the window's attribute (``window.act_new``); ``name``: the object name (tests find
    actions by it; the attribute's name unless given). ``handler``: a dotted path from the
    window (``"pane.save_now"``), resolved when the actions are built and called with ``args``.
    ``shortcut``: key sequences (``"Ctrl+E"``) or standard keys (``"standard:Save"``).
    ``places``: menus (see ``MENUS``), ``"-menu"`` with a separator before the action,
    ``"navigator"`` for the navigator's context menu. ``icon``: a toolbar icon (``icons.py``);
    an action with one is on the toolbar. ``enabled_when``: a rule of ``ENABLED_RULES`` over the
    record pane, applied whenever a record opens (and when built, unless ``rule_at_build`` is
    False). ``group``: the exclusive group of checkable actions it belongs to.
    """

    attr: str
    text: str
    handler: str
    shortcut: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    icon: str = ""
    enabled_when: str = ""
    rule_at_build: bool = True
    group: str = ""
    args: tuple[object, ...] = ()
    name: str = ""
    translate: bool = True

    @property
    def object_name(self) -> str:
        return self.name or self.attr


A = ActionEntry

# menu key → title; the menu bar shows them in this order. "language" is the View menu's submenu.
MENUS: tuple[tuple[str, str], ...] = (
    ("file", QT_TRANSLATE_NOOP("MainWindow", "文件(&F)")),
    ("records", QT_TRANSLATE_NOOP("MainWindow", "记录(&R)")),
    ("packages", QT_TRANSLATE_NOOP("MainWindow", "数据包(&P)")),
    ("county", QT_TRANSLATE_NOOP("MainWindow", "汇总(&C)")),
    ("view", QT_TRANSLATE_NOOP("MainWindow", "视图(&V)")),
    ("help", QT_TRANSLATE_NOOP("MainWindow", "帮助(&H)")),
)
SUBMENUS: dict[str, tuple[str, str]] = {
    "language": ("view", QT_TRANSLATE_NOOP("MainWindow", "语言 / Language")),
}
TOOLBAR_TITLE = QT_TRANSLATE_NOOP("MainWindow", "常用")

ACTIONS: tuple[ActionEntry, ...] = (
    A("act_new_org", QT_TRANSLATE_NOOP("MainWindow", "新建单位…"),
      "new_org", ("Ctrl+Shift+N",), ("file",)),
    A("act_new", QT_TRANSLATE_NOOP("MainWindow", "新建记录…"),
      "new_record", ("standard:New",), ("file",), icon="new"),
    A("act_find", QT_TRANSLATE_NOOP("MainWindow", "查找"),
      "find_records", ("standard:Find",), ("records",), icon="find"),
    A("act_validate", QT_TRANSLATE_NOOP("MainWindow", "检查"),
      "validate", ("F5",), ("records",), icon="check"),
    A("act_justify", QT_TRANSLATE_NOOP("MainWindow", "说明理由…"),
      "pane.justify_next", ("Ctrl+J",), ("records",), enabled_when="draft_open", rule_at_build=False),
    A("act_submit", QT_TRANSLATE_NOOP("MainWindow", "提交"),
      "submit", ("Ctrl+Return", "Ctrl+Enter"), ("records",), icon="submit", enabled_when="draft_open"),
    A("act_revise", QT_TRANSLATE_NOOP("MainWindow", "修订"),
      "revise", (), ("records",), icon="revise", enabled_when="revisable"),
    A("act_revise_latest", QT_TRANSLATE_NOOP("MainWindow", "修订并改用最新表单版本…"),
      "pane.revise_to_latest", (), ("records",), enabled_when="newer_version"),
    A("act_delete", QT_TRANSLATE_NOOP("MainWindow", "删除草稿"),
      "delete_draft", (), ("records",), enabled_when="draft_open", rule_at_build=False),
    A("act_pull", QT_TRANSLATE_NOOP("MainWindow", "从月报汇总实际用能"),
      "pane.pull_budget", (), ("-records",), enabled_when="budget_draft"),
    A("act_history", QT_TRANSLATE_NOOP("MainWindow", "修订历史与审计日志…"),
      "show_history", ("Ctrl+H",), ("-records",), icon="history"),
    A("act_trend", QT_TRANSLATE_NOOP("MainWindow", "单位历年趋势…"),
      "show_trend", ("Ctrl+T",), ("records",)),
    A("act_org_trend", QT_TRANSLATE_NOOP("MainWindow", "单位历年趋势…"),
      "show_navigator_trend", (), ("navigator",)),
    A("act_save", QT_TRANSLATE_NOOP("MainWindow", "保存草稿"),
      "pane.save_now", ("standard:Save",), ("file",)),
    A("act_export", QT_TRANSLATE_NOOP("MainWindow", "导出当前记录 PDF…"),
      "export", ("Ctrl+E",), ("-file",), icon="export_pdf"),
    A("act_export_explained", QT_TRANSLATE_NOOP("MainWindow", "导出当前记录 PDF（附计算说明）…"),
      "export_explained", (), ("file",)),
    A("act_export_xlsx", QT_TRANSLATE_NOOP("MainWindow", "导出列表中记录的工作簿…"),
      "export_workbook", ("Ctrl+Shift+E",), ("file",)),
    A("act_import", QT_TRANSLATE_NOOP("MainWindow", "导入工作簿…"),
      "import_workbook", ("Ctrl+I",), ("file",)),
    A("act_quit", QT_TRANSLATE_NOOP("MainWindow", "退出"),
      "close", ("standard:Quit",), ("-file",)),
    A("act_records", QT_TRANSLATE_NOOP("MainWindow", "填报记录"),
      "pages.setCurrentIndex", ("Ctrl+1",), ("view",), group="pages", args=(0,)),
    A("act_overview", QT_TRANSLATE_NOOP("MainWindow", "全县概览"),
      "pages.setCurrentIndex", ("Ctrl+2",), ("view",), icon="overview", group="pages", args=(1,)),
    A("act_export_package", QT_TRANSLATE_NOOP("MainWindow", "导出上报数据包…"),
      "export_selected_package", ("Ctrl+Shift+P",), ("packages",), icon="export_package"),
    A("act_verify_package", QT_TRANSLATE_NOOP("MainWindow", "校验数据包…"),
      "packages.verify_package", (), ("packages",)),
    A("act_import_packages", QT_TRANSLATE_NOOP("MainWindow", "导入数据包…"),
      "packages.import_packages", ("Ctrl+Shift+I",), ("packages",), icon="import_packages"),
    A("act_review", QT_TRANSLATE_NOOP("MainWindow", "待审核记录"),
      "show_review", ("Ctrl+3",), ("-packages", "view"), icon="review", group="pages"),
    A("act_key", QT_TRANSLATE_NOOP("MainWindow", "本机密钥…"),
      "packages.show_key", (), ("-packages", "help")),
    A("act_navigator", QT_TRANSLATE_NOOP("MainWindow", "显示/隐藏导航栏"),
      "compact.toggle_navigator", ("F9",), ("view",)),
    A("act_next_pane", QT_TRANSLATE_NOOP("MainWindow", "下一个窗格"),
      "panes.next", ("F6", "Ctrl+Tab"), ("-view",)),
    A("act_previous_pane", QT_TRANSLATE_NOOP("MainWindow", "上一个窗格"),
      "panes.previous", ("Shift+F6", "Ctrl+Shift+Tab"), ("view",)),
    A("act_rollup", QT_TRANSLATE_NOOP("MainWindow", "导出全县汇总…"),
      "county.export_rollup", (), ("county",)),
    A("act_template", QT_TRANSLATE_NOOP("MainWindow", "导出空白模板…"),
      "county.export_template", (), ("county",)),
    A("act_decisions", QT_TRANSLATE_NOOP("MainWindow", "导出审核结论包…"),
      "county.export_decisions", (), ("-county",)),
    A("act_targets", QT_TRANSLATE_NOOP("MainWindow", "目标…"),
      "overview.edit_targets", (), ("-county",)),
    A("act_shortcuts", QT_TRANSLATE_NOOP("MainWindow", "快捷键…"),
      "show_shortcuts", ("Ctrl+/",), ("-help",)),
    A("act_about", QT_TRANSLATE_NOOP("MainWindow", "关于"),
      "about", (), ("help",)),
    A("act_zh", "中文",
      "set_language", (), ("language",), group="languages", args=("zh",), name="act_lang_zh", translate=False),
    A("act_en", "English",
      "set_language", (), ("language",), group="languages", args=("en",), name="act_lang_en", translate=False),
)


class _Pane(Protocol):
    """What the enabled rules read of the record pane (``RecordPane``)."""

    @property
    def read_only(self) -> bool: ...

    @property
    def can_revise(self) -> bool: ...

    @property
    def newer_version(self) -> int | None: ...

    @property
    def can_pull_budget(self) -> bool: ...


ENABLED_RULES: dict[str, Callable[[_Pane], bool]] = {
    "draft_open": lambda pane: not pane.read_only,  # nothing to submit or delete but a draft
    "revisable": lambda pane: pane.can_revise,  # submitted here; never a record received in a package
    "newer_version": lambda pane: pane.newer_version is not None,
    "budget_draft": lambda pane: pane.can_pull_budget,  # only a budget draft takes the monthly actuals
}


def resolve(root: object, dotted: str) -> Callable[..., object]:
    """``root.a.b`` for ``"a.b"``."""
    target = root
    for part in dotted.split("."):
        target = getattr(target, part)
    assert callable(target), dotted
    return target

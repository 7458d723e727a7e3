"""``lowcarbon-desk --self-test``: check that this installation works, end to end.

Every step uses a throw-away folder: the database, the outputs, the signing key and the window
settings live under a temporary ``LOWCARBON_DESK_HOME`` for the duration of the test, so the
user's database and keys are never opened. One line per step on stdout (``ok …`` or
``FAILED …: reason``; the traceback of a failure goes to stderr); exit status 0 only when
every step passed. It runs the same in a checkout, an installed wheel and the frozen bundle,
which is why the bundle build and CI run it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .storage import Store

DEMO_COUNTY = "410199"
DEMO_ENTERPRISES = 3
DEMO_SEED = 2025
DEMO_YEAR = 2025
OPERATOR = "self-test"
# A known computation (reference set 2025.1): 1,000 t raw coal × 0.7143 tce/t.
RAW_COAL_TONNES = 1000
RAW_COAL_TCE = 714.3


class StepFailed(Exception):
    """A check inside a step did not hold; the message is the reason shown to the user."""


@dataclass
class Workspace:
    """What the steps share: the temporary folder, the open store, what earlier steps made."""

    folder: Path
    lang: str
    store: Store | None = None
    record_ids: list[str] = field(default_factory=list)
    org_id: str | None = None

    def t(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    @property
    def opened(self) -> Store:
        """The store the database step opened, for the steps after it."""
        if self.store is None:
            raise StepFailed("no database: the database step did not open one")
        return self.store

    @property
    def enterprise(self) -> str:
        """The demo enterprise the demo step chose, for the package step."""
        if self.org_id is None:
            raise StepFailed("no enterprise: the demo step did not choose one")
        return self.org_id


def _check(condition: bool, reason: str) -> None:
    if not condition:
        raise StepFailed(reason)


def step_data_files(ws: Workspace) -> str:
    from .domain.forms import RECORD_FORMS, all_forms
    from .domain.reference import catalog
    from .paths import data_root, font_path, icon_path

    forms = all_forms()
    missing = sorted({*RECORD_FORMS, "org"} - {form_id for form_id, _ in forms})
    _check(not missing, ws.t(f"缺少表单定义：{', '.join(missing)}", f"form definitions missing: {', '.join(missing)}"))
    font = font_path()
    _check(font.is_file() and font.stat().st_size > 1_000_000, ws.t(f"缺少字体 {font}", f"font missing: {font}"))
    for icon in (icon_path("png", 256), icon_path("ico")):
        _check(icon.is_file(), ws.t(f"缺少程序图标 {icon}", f"application icon missing: {icon}"))
    versions = ", ".join(catalog().versions())
    return ws.t(f"{len(forms)} 个表单，参考数据 {versions}，{data_root()}",
                f"{len(forms)} forms, reference data {versions}, {data_root()}")


def step_database(ws: Workspace) -> str:
    from .storage import open_store

    path = ws.folder / "self-test.db"
    ws.store = store = open_store(path)
    mode = store.journal_mode
    _check(mode == "wal", f"journal_mode {mode}")
    return ws.t(f"{path.name}，结构版本 {store.schema_version}，{mode}",
                f"{path.name}, schema {store.schema_version}, {mode}")


def step_demo(ws: Workspace) -> str:
    from .demo import build_demo

    summary = build_demo(ws.opened, county=DEMO_COUNTY, enterprises=DEMO_ENTERPRISES, seed=DEMO_SEED,
                         year=DEMO_YEAR, operator=OPERATOR)
    ws.record_ids = [r["record_id"] for r in ws.opened.list_records()]
    _check(len(ws.record_ids) == summary["records"],
           f"{len(ws.record_ids)} records listed, {summary['records']} stored")
    enterprises = ws.opened.list_orgs(kind="enterprise")
    _check(len(enterprises) == DEMO_ENTERPRISES, f"{len(enterprises)} enterprises")
    ws.org_id = enterprises[0]["org_id"]
    return ws.t(f"{summary['organisations']} 个单位，{summary['records']} 条记录",
                f"{summary['organisations']} organisations, {summary['records']} records")


def step_validation(ws: Workspace) -> str:
    from .domain.evaluate import evaluate
    from .domain.issues import ERROR, WARNING

    counts = {ERROR: 0, WARNING: 0}
    for record_id in ws.record_ids:
        for issue in ws.opened.issues(record_id):
            if issue.severity in counts:
                counts[issue.severity] += 1
    # a report whose closing stock does not balance: computed value and the stock rule
    line = {"energy": "raw_coal", "opening_stock": 0, "purchase_qty": RAW_COAL_TONNES, "purchase_value_k_yuan": 900,
            "consumption_total": RAW_COAL_TONNES, "industrial_use": RAW_COAL_TONNES, "non_industrial_use": 0,
            "feedstock_use": 0, "transport_use": 0, "closing_stock": 500}
    result = evaluate("energy_report", {"period": str(DEMO_YEAR), "value_added_10k_yuan": 52000, "lines": [line]})
    total = result.computed.get("total_tce")
    _check(total is not None and abs(float(total) - RAW_COAL_TCE) < 0.05,
           f"{RAW_COAL_TONNES} t raw coal computed as {total} tce, expected {RAW_COAL_TCE}")
    rules = {i.rule for i in result.issues}
    _check("energy_report.stock_balance" in rules, f"stock-balance rule did not fire ({sorted(rules)})")
    return ws.t(f"已校验 {len(ws.record_ids)} 条记录（{counts[ERROR]} 个错误，{counts[WARNING]} 个警告）；"
                f"{RAW_COAL_TONNES} 吨原煤 = {total} 吨标准煤",
                f"{len(ws.record_ids)} records checked ({counts[ERROR]} errors, {counts[WARNING]} warnings); "
                f"{RAW_COAL_TONNES} t raw coal = {total} tce")


def step_record_pdf(ws: Workspace) -> str:
    from .reports.accelerator import slow_functions
    from .reports.record_pdf import write_record_pdf

    # a bundle or installation without rl_accel writes the same PDFs, several times slower
    slow = slow_functions()
    _check(not slow, ws.t(f"reportlab 未使用其 C 加速模块（rl_accel），以下函数按纯 Python 运行：{', '.join(slow)}",
                          f"reportlab runs without its C accelerator (rl_accel): {', '.join(slow)}"))
    path = write_record_pdf(ws.opened, ws.record_ids[0], ws.folder / "记录 record.pdf")
    content = Path(path).read_bytes()
    _check(content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF"), f"{path} is not a complete PDF")
    _check(b"/FontFile2" in content or b"/FontFile" in content, f"{path} embeds no font")
    return ws.t(f"{Path(path).name}，{len(content):,} 字节", f"{Path(path).name}, {len(content):,} bytes")


def step_workbook(ws: Workspace) -> str:
    import openpyxl
    from openpyxl.xml import DEFUSEDXML, LXML

    from .reports.workbook import export_workbook

    # a user's workbook is parsed through defusedxml; a bundle that lost it would parse unguarded
    _check(DEFUSEDXML, "openpyxl does not find defusedxml")
    _check(not LXML, "openpyxl parses through lxml, not defusedxml")

    path = ws.folder / "工作簿 workbook.xlsx"
    count = export_workbook(ws.opened, path)
    _check(count == len(ws.record_ids), f"{count} of {len(ws.record_ids)} records written")
    with zipfile.ZipFile(path) as archive:
        _check(archive.testzip() is None, f"{path} is damaged")
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        sheets = book.sheetnames
    finally:
        book.close()
    _check(len(sheets) >= 2, f"{path} has sheets {sheets}")
    return ws.t(f"{count} 条记录，{len(sheets)} 个工作表", f"{count} records on {len(sheets)} sheets")


def step_package(ws: Workspace) -> str:
    from .packages.create import create_submission_package
    from .packages.verify import verify_file

    folder = ws.folder / "U 盘 usb"
    folder.mkdir()
    made = create_submission_package(ws.opened, ws.enterprise, folder, operator=OPERATOR, period=str(DEMO_YEAR))
    verified = verify_file(made.path)
    carried = {r.record_id for r in verified.records}
    _check(carried == set(made.record_ids), "the verified package does not hold the records written into it")
    _check(verified.sha256 == made.sha256, "the package's SHA-256 changed between writing and verifying")
    return ws.t(f"{len(carried)} 条记录已签名并核验，密钥 {made.fingerprint[:19]}",
                f"{len(carried)} records signed and verified, key {made.fingerprint[:19]}")


def _has_display() -> bool:
    if sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def step_window(ws: Workspace) -> str:
    if not os.environ.get("QT_QPA_PLATFORM") and not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # the window is the only Qt code; imported here so the headless steps run without it
    from .ui.selftest_window import open_and_close

    shown = open_and_close(ws.opened, OPERATOR, ws.lang)
    _check(shown.rows == len(ws.record_ids), f"the window lists {shown.rows} of {len(ws.record_ids)} records")
    _check(shown.has_icon, "the window has no icon")
    return ws.t(f"{shown.platform}，列出 {shown.rows} 条记录，{shown.width}×{shown.height}，已关闭",
                f"{shown.platform}, {shown.rows} records listed, {shown.width}×{shown.height}, closed")


@dataclass(frozen=True)
class Step:
    """One check: its name in both languages, the function, and the steps it builds on."""

    zh: str
    en: str
    run: Callable[[Workspace], str]
    needs: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


STEPS: tuple[Step, ...] = (
    Step("数据文件", "data files", step_data_files),
    Step("数据库", "database", step_database),
    Step("示范县", "demo county", step_demo, ("database",)),
    Step("校验", "validation", step_validation, ("demo county",)),
    Step("记录 PDF", "record PDF", step_record_pdf, ("demo county",)),
    Step("工作簿", "workbook", step_workbook, ("demo county",)),
    Step("数据包", "package create and verify", step_package, ("demo county",)),
    Step("窗口", "window", step_window, ("demo county",)),
)


@contextlib.contextmanager
def isolated_home(folder: Path) -> Iterator[None]:
    """Point the user data folder (database default, keys, settings) at ``folder`` for a while."""
    saved = {key: os.environ.get(key) for key in ("LOWCARBON_DESK_HOME", "LOWCARBON_DESK_DB")}
    os.environ["LOWCARBON_DESK_HOME"] = str(folder)
    os.environ.pop("LOWCARBON_DESK_DB", None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _reason(exc: BaseException, lang: str) -> str:
    from .domain.errors import LowcarbonError

    if isinstance(exc, LowcarbonError):
        return exc.message(lang)
    if isinstance(exc, StepFailed):
        return str(exc)
    return f"{type(exc).__name__}: {exc}".strip()


def self_test(lang: str = "zh", out=None, err=None) -> int:
    """Run every step; print one line each; 0 when all passed, else 1."""
    out = out or sys.stdout
    err = err or sys.stderr
    lang = "en" if (lang or "").startswith("en") else "zh"
    failed = 0
    passed: set[str] = set()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lowcarbon-desk-self-test-") as temp:
        ws = Workspace(Path(temp) / "工作 work", lang)
        ws.folder.mkdir()
        with isolated_home(Path(temp) / "home"):
            try:
                for step in STEPS:
                    failed_before = [n for n in step.needs if n not in passed]
                    if failed_before:
                        failed += 1
                        print(ws.t(f"FAILED {step.zh}: 未运行（依赖的步骤失败）",
                                   f"FAILED {step.en}: not run ({', '.join(failed_before)} failed)"),
                              file=out, flush=True)
                        continue
                    begin = time.perf_counter()
                    try:
                        detail = step.run(ws)
                    except Exception as exc:
                        failed += 1
                        print(f"FAILED {step.name(lang)}: {_reason(exc, lang)}", file=out, flush=True)
                        if not isinstance(exc, StepFailed):
                            traceback.print_exc(file=err)
                        continue
                    passed.add(step.en)
                    print(f"ok {step.name(lang)}: {detail} ({time.perf_counter() - begin:.2f} s)", file=out, flush=True)
            finally:
                if ws.store is not None:
                    ws.store.close()
    total = time.perf_counter() - started
    if failed:
        print(ws.t(f"自检失败：{failed} 个步骤失败（{total:.1f} 秒）", f"self-test FAILED: {failed} step(s) failed ({total:.1f} s)"),
              file=out, flush=True)
        return 1
    print(ws.t(f"自检通过：{len(STEPS)} 个步骤（{total:.1f} 秒）", f"self-test passed: {len(STEPS)} steps ({total:.1f} s)"),
          file=out, flush=True)
    return 0

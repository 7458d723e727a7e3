"""``lowcarbon-desk [--db PATH] [--operator NAME] [--lang zh|en] COMMAND …`` (shared/spec/cli.md)."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import time
from pathlib import Path

from .. import __version__, logs
from .context import CliContext

COMMAND_MODULES = (
    "lowcarbon_desk.cli.admin_commands",
    "lowcarbon_desk.cli.org_commands",
    "lowcarbon_desk.cli.record_commands",
    "lowcarbon_desk.cli.export_commands",
    "lowcarbon_desk.cli.package_commands",
)


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree; command modules that are not installed are left out."""
    parser = argparse.ArgumentParser(
        prog="lowcarbon-desk",
        description="lowcarbon-desk 低碳填报桌面程序 / offline low-carbon reporting. "
                    "Without a command it opens the desktop window.")
    parser.add_argument("--db", help="database file (default: $LOWCARBON_DESK_DB, else lowcarbon.db in the user data folder)")
    parser.add_argument("--operator", help="operator name written to the audit log")
    parser.add_argument("--lang", choices=["zh", "en"], help="message language (default zh, or $LOWCARBON_DESK_LANG)")
    parser.add_argument("--version", action="version", version=f"lowcarbon-desk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def _has_display() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_window(ctx: CliContext) -> int:
    """Open the desktop window, building the demo county first when there is no database."""
    if not _has_display():
        ctx.err(ctx.t(
            "没有图形显示，无法打开窗口。可在有桌面的电脑上运行；在服务器上可用 "
            "“xvfb-run lowcarbon-desk”，或直接使用命令行（lowcarbon-desk --help）。",
            "No graphical display, so the window cannot open. Run it on a desktop, or on a server "
            "use 'xvfb-run lowcarbon-desk', or use the command line (lowcarbon-desk --help)."))
        return 1
    try:
        from ..ui.launch import launch
    except ImportError as exc:
        ctx.err(ctx.t(f"无法加载桌面界面：{exc}", f"cannot load the desktop window: {exc}"))
        return 1
    make_demo = not Path(ctx.db_path).exists()
    return launch(Path(ctx.db_path), ctx.operator, ctx.lang, make_demo)


def first_start(ctx: CliContext) -> None:
    """Make this installation's key pair if it does not exist yet (package.md: "on first
    start"); a folder that cannot be written is reported, and the command still runs."""
    from ..packages.keys import ensure_key

    try:
        ensure_key()
    except OSError as exc:
        ctx.err(ctx.t(f"警告：无法生成本机签名密钥：{exc}", f"warning: cannot make this installation's signing key: {exc}"))


def run(argv: list[str]) -> int:
    """Run one command (or the window); returns the exit status of cli.md.

    Every failure ends as one line on stderr and exit 1; a bug's traceback goes only to the
    log (``logs.py``), whose path the line names.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    log_path = logs.start("command: " + " ".join(argv) if argv else "window")
    started = time.monotonic()
    previous_hook, sys.unraisablehook = sys.unraisablehook, logs.log_unraisable
    ctx: CliContext | None = None
    status: int | str | None = 1
    try:
        ctx = CliContext.from_args(args)
        handler = getattr(args, "handler", None)
        if args.command and handler is None:
            parser.parse_args([*argv, "--help"])
            status = 2
            return status
        first_start(ctx)
        sweep_leftovers()
        status = handler(args, ctx) if args.command else open_window(ctx)
        return status
    except KeyboardInterrupt:
        _err(ctx, args, "已中断，未做改动", "interrupted; nothing was changed")
        status = 1
        return status
    except BrokenPipeError:
        # the reader went away (``record list | head``): stop quietly, as other tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = 0
        return status
    except SystemExit as exc:
        status = exc.code
        raise
    except Exception as exc:
        status = 1
        report_failure(exc, args, ctx, log_path)
        return status
    finally:
        if ctx is not None:
            try:
                ctx.close()
            except Exception as exc:  # closing must not turn a result into a traceback
                logs.unexpected(exc, "closing the database")
        sys.unraisablehook = previous_hook
        logs.logger.info("exit %s after %.2f s", status, time.monotonic() - started)
        logs.stop()


def _lang(ctx: CliContext | None, args: argparse.Namespace) -> str:
    if ctx is not None:
        return ctx.lang
    lang = getattr(args, "lang", None) or os.environ.get("LOWCARBON_DESK_LANG", "zh")
    return "en" if lang.startswith("en") else "zh"


def _err(ctx: CliContext | None, args: argparse.Namespace, zh: str, en: str) -> None:
    print(en if _lang(ctx, args) == "en" else zh, file=sys.stderr)


def input_files(args: argparse.Namespace) -> list[str]:
    """The files the command reads (``--json FILE``, ``FILE``, ``FILE …``)."""
    names: list[str] = []
    for key in ("json_file", "file", "files"):
        value = getattr(args, key, None)
        for name in value if isinstance(value, list) else [value]:
            if isinstance(name, str) and name != "-":
                names.append(name)
    return names


def report_failure(exc: Exception, args: argparse.Namespace, ctx: CliContext | None,
                   log_path: Path | None) -> None:
    """One line on stderr: the reason of an expected failure, else "internal error" and the
    log's path (where the traceback goes)."""
    from ..failures import unexpected_message, user_error

    lang = _lang(ctx, args)
    database = ctx.db_path if ctx is not None else getattr(args, "db", None)
    error = user_error(exc, database=database, inputs=input_files(args))
    if error is not None:
        message = error.message(lang)
        logs.logger.warning("refused: %s", logs.one_line(error.message("en"), 2000))
        if error is not exc:
            logs.logger.info("(from %s: %s)", type(exc).__name__, logs.one_line(exc, 500))
    else:
        logs.unexpected(exc, "command " + (getattr(args, "command", None) or "window"))
        message = unexpected_message(exc, log_path, lang)
    print(printable(message), file=sys.stderr)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def printable(message: str) -> str:
    """``message`` with control characters of the user's input shown as escapes (``\\x1b``):
    they could break the line or send commands to the terminal."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


def sweep_leftovers() -> None:
    """Remove the temporary files of writes a previous run did not finish (``leftovers.py``)."""
    from ..leftovers import sweep

    for path in sweep():
        logs.logger.info("removed the leftover of an interrupted write: %s", path)

"""``lowcarbon-desk [--db PATH] [--operator NAME] [--lang zh|en] COMMAND …`` (shared/spec/cli.md)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from .. import __version__
from ..domain.errors import LowcarbonError
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
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation end to end in a temporary folder (never the user's "
                             "database or keys); one line per step, exit 0 when all passed")
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
    """Run one command (or the window); returns the exit status of cli.md."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:  # before the context: it must not touch the user's data folder
        from ..selftest import self_test

        return self_test(args.lang or os.environ.get("LOWCARBON_DESK_LANG", "zh"))
    ctx = CliContext.from_args(args)
    try:
        handler = getattr(args, "handler", None)
        if args.command and handler is None:
            parser.parse_args([*argv, "--help"])
            return 2
        first_start(ctx)
        if not args.command:
            return open_window(ctx)
        return handler(args, ctx)
    except LowcarbonError as exc:
        ctx.err(exc.message(ctx.lang))
        return 1
    except KeyboardInterrupt:
        ctx.err(ctx.t("已中断，未做改动", "interrupted; nothing was changed"))
        return 1
    except BrokenPipeError:
        # the reader went away (``record list | head``): stop quietly, as other tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    finally:
        ctx.close()

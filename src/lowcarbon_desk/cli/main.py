"""``lowcarbon-desk [--db PATH] [--operator NAME] [--lang zh|en] COMMAND …`` (docs/standard/cli.md)."""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from .context import CliContext
from .language import default_language
from .parser import CliParser, Texts, last_requested_language, parser_class
from .process_exit import skip_final_collections

COMMAND_MODULES = (
    "lowcarbon_desk.cli.admin_commands",
    "lowcarbon_desk.cli.org_commands",
    "lowcarbon_desk.cli.record_commands",
    "lowcarbon_desk.cli.export_commands",
    "lowcarbon_desk.cli.package_commands",
    "lowcarbon_desk.cli.target_commands",
)


# which module registers each command: a command line naming one builds only that module's
# commands (tests/cli/test_lazy_commands.py keeps this table equal to what the modules register)
COMMAND_MODULE = {
    **dict.fromkeys(("init", "demo", "convert", "backup", "restore", "reference"),
                    "lowcarbon_desk.cli.admin_commands"),
    "org": "lowcarbon_desk.cli.org_commands",
    "record": "lowcarbon_desk.cli.record_commands",
    **dict.fromkeys(("export", "import"), "lowcarbon_desk.cli.export_commands"),
    **dict.fromkeys(("package", "review", "key"), "lowcarbon_desk.cli.package_commands"),
    "target": "lowcarbon_desk.cli.target_commands",
}
# commands that write nothing: no installation key, no sweep of leftovers, no log unless they fail
WRITES_NOTHING = frozenset({"convert"})

WINDOW_OPTIONS = ("--db", "--operator", "--lang")


def build_parser(lang: str | None = None, *, commands: bool = True,
                 only: str | None = None) -> CliParser:
    """The whole command tree, its help in ``lang`` (``zh`` or ``en``); command modules that
    are not installed are left out. Without ``lang`` the parser speaks the language of the
    command line it parses (``--lang``, else ``LOWCARBON_DESK_LANG``, else the locale).
    ``commands=False``: the global options only (the command tree is most of the cost of
    starting the window, see ``opens_the_window``). ``only``: of the command tree, only the
    module that registers that command (``named_command``); usage and help of that command
    are those of the whole tree."""
    rebuild: Callable[[str], CliParser] | None = None
    if lang is None:
        lang = default_language()
        rebuild = functools.partial(build_parser, commands=commands, only=only)
    t = Texts(lang)
    parser = parser_class(lang)(
        prog="lowcarbon-desk", rebuild=rebuild,
        description=t("lowcarbon-desk 低碳填报桌面程序：离线填报和汇总能源购进消费与库存、用能预算、"
                      "清洁生产审核和低碳试点申报。不带命令时打开桌面窗口。",
                      "lowcarbon-desk: offline low-carbon reporting (energy reports, energy-use budgets, "
                      "cleaner-production audits, low-carbon pilot applications). Without a command it "
                      "opens the desktop window."),
        epilog=t("每个命令的说明：lowcarbon-desk 命令 --help。退出码：0 完成，1 输入或数据有误，2 用法错误。",
                 "Help on a command: lowcarbon-desk COMMAND --help. Exit status: 0 done, "
                 "1 wrong input or data, 2 wrong usage."))
    parser.add_argument("--db", metavar="PATH", type=database_option(t),
                        help=t("数据库文件（默认：环境变量 LOWCARBON_DESK_DB，否则为用户数据目录中的 lowcarbon.db）",
                               "database file (default: $LOWCARBON_DESK_DB, else lowcarbon.db in the user data folder)"))
    parser.add_argument("--operator", metavar="NAME",
                        help=t("写入修改日志的操作员姓名（默认：LOWCARBON_DESK_OPERATOR，否则为登录用户名）",
                               "operator name written to the audit log (default: $LOWCARBON_DESK_OPERATOR, "
                               "else the login name)"))
    parser.add_argument("--lang", choices=["zh", "en"],
                        help=t("提示和帮助的语言：zh 中文，en 英文（默认：环境变量 LOWCARBON_DESK_LANG）",
                               "language of messages and help: zh Chinese, en English (default: $LOWCARBON_DESK_LANG)"))
    parser.add_argument("--version", action="version", version=f"lowcarbon-desk {__version__}",
                        help=t("显示程序版本并退出", "show the program's version and exit"))
    parser.add_argument("--self-test", action="store_true",
                        help=t("在临时文件夹中完整检查本安装（不打开用户的数据库和密钥）；每步一行，全部通过时退出码为 0",
                               "check this installation end to end in a temporary folder (never the user's "
                               "database or keys); one line per step, exit 0 when all passed"))
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES if only is None else (COMMAND_MODULE[only],):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub, lang)
    return parser


def database_option(t: Texts):
    """``--db``'s type: an empty (or blank) value is a usage error, never the default
    database (``--db "$UNSET_VARIABLE"`` must not open the user's real one)."""

    def read(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(t("不能为空：请给出数据库文件，或不写 --db 以使用默认数据库",
                                               "must not be empty: give a database file, or leave --db "
                                               "out for the default database"))
        return value

    return read


def named_command(argv: list[str]) -> str | None:
    """The command ``argv`` names after ``--db``, ``--operator`` and ``--lang`` with their
    values, when it is one of ``COMMAND_MODULE``; None for anything else (help, ``--version``,
    an unknown option or command, a value argparse would refuse), which the whole tree parses."""
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if not word.startswith("-"):
            return word if word in COMMAND_MODULE else None
        name, equals, value = word.partition("=")
        if name not in WINDOW_OPTIONS:
            return None
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        if name == "--lang" and value not in ("zh", "en"):
            return None
    return None


def only_asks_version(argv: list[str]) -> bool:
    """``--version``, alone or with valid ``--db``, ``--operator`` and ``--lang``: the version
    is printed before any command would be read, so no command tree is needed."""
    return "--version" in argv and opens_the_window([word for word in argv if word != "--version"])


def opens_the_window(argv: list[str]) -> bool:
    """Whether ``argv`` is only ``--db``, ``--operator`` and ``--lang`` with their values: no
    command, no help, no value argparse would refuse. Anything else goes through the whole
    parser, so its usage and error messages stay those of the whole command tree."""
    rest = list(argv)
    while rest:
        name, equals, value = rest.pop(0).partition("=")
        if name not in WINDOW_OPTIONS:
            return False
        if not equals:
            if not rest or rest[0].startswith("-"):
                return False
            value = rest.pop(0)
        if name == "--lang" and value not in ("zh", "en"):
            return False
    return True


def _has_display() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _checkout_root() -> Path | None:
    """The repository this program runs from, when it runs from a checkout (not installed)."""
    root = Path(__file__).resolve().parents[3]
    if (root / "pyproject.toml").is_file() and (root / "scripts" / "run.sh").is_file():
        return root
    return None


def window_command() -> str:
    """How this copy of the program is started: ``bash scripts/run.sh`` in a checkout (as the
    README says), the bundle's own program when frozen, else the installed ``lowcarbon-desk``."""
    if getattr(sys, "frozen", False):
        return shlex.quote(sys.executable)
    root = _checkout_root()
    if root is None:
        return "lowcarbon-desk"
    script = Path("scripts") / "run.sh"
    if Path.cwd().resolve() != root:
        script = root / script
    return f"bash {shlex.quote(str(script))}"


def hint_language(ctx: CliContext) -> str:
    """The no-display hint's language: ``--lang``, else ``LOWCARBON_DESK_LANG``, else the locale
    (docs/standard/cli.md, "Language"): under ``LANG=C.UTF-8`` a server gets English."""
    return last_requested_language() or ("en" if ctx.lang == "en" else default_language())


def no_display_hint(lang: str) -> str:
    """One message: no display, and the two ways on (a virtual display, or the command line)."""
    program = window_command()
    if lang == "en":
        return (f"No graphical display, so the window cannot open. Run it on a desktop, or on a server "
                f"under a virtual display: xvfb-run {program}; or use the command line: {program} --help")
    return (f"没有图形显示，无法打开窗口。请在有桌面的电脑上运行；在服务器上可用虚拟显示运行："
            f"xvfb-run {program}；或使用命令行：{program} --help")


def open_window(ctx: CliContext) -> int:
    """Open the desktop window, building the demo county first when there is no database."""
    if not _has_display():
        ctx.err(no_display_hint(hint_language(ctx)))
        return 1
    try:
        from ..ui.launch import launch
    except ImportError as exc:
        ctx.err(ctx.t(f"无法加载桌面界面：{exc}", f"cannot load the desktop window: {exc}"))
        return 1
    make_demo = not Path(ctx.db_path).exists()
    return launch(Path(ctx.db_path), ctx.operator, ctx.lang, make_demo)


def first_start(ctx: CliContext, logged: bool) -> None:
    """Make this installation's key pair if it does not exist yet (package.md: "on first
    start"). A user data folder that cannot be written is one warning line (which also says
    when there is no log), and the command still runs; one that needs the key then fails
    with its own line."""
    from ..fileio import os_error_reason
    from ..packages.keys import ensure_key
    from ..paths import user_data_path

    try:
        ensure_key()
    except OSError as exc:
        zh, en = os_error_reason(exc)
        home = user_data_path()
        no_log_zh, no_log_en = ("", "") if logged else ("，本次运行也不写日志", "; this run is not logged either")
        ctx.err(ctx.t(f"警告：用户数据文件夹 {home} 无法写入（{zh}）：没有本机签名密钥，需要密钥的命令（如 package create）"
                      f"将无法执行{no_log_zh}",
                      f"warning: the user data folder {home} cannot be written ({en}): there is no signing key, "
                      f"so commands that need it (package create) will fail{no_log_en}"))


def run(argv: list[str]) -> int:
    """Run one command (or the window); returns the exit status of cli.md.

    Every failure ends as one line on stderr and exit 1; a bug's traceback goes only to the
    log (``logs.py``), whose path the line names.
    """
    command = named_command(argv)
    parser = build_parser(commands=not (opens_the_window(argv) or only_asks_version(argv)), only=command)
    args = parser.parse_args(argv)
    if args.command:
        skip_final_collections()  # 60-70 ms of a package's creation (process_exit.py)
    if args.self_test:  # before the context: it must not touch the user's data folder
        from ..selftest import self_test

        return self_test(args.lang or os.environ.get("LOWCARBON_DESK_LANG", "zh"))
    if args.command in WRITES_NOTHING:
        return run_quietly(args, argv)
    from .. import logs  # after parsing: --help and usage errors stay quick

    # the window holds its log until it knows the user is past the welcome page (ui/launch.py)
    log_path = logs.start("command: " + " ".join(argv) if argv else "window", hold=not args.command)
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
        if args.command:  # the window does both itself, once it shows (ui/launch.py)
            first_start(ctx, log_path is not None)
            sweep_leftovers()
        status = handler(args, ctx) if args.command and handler is not None else open_window(ctx)
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


def run_quietly(args: argparse.Namespace, argv: list[str]) -> int:
    """Run a command that writes nothing (``WRITES_NOTHING``): no installation key, no sweep
    of leftovers, and the log is opened only when the command fails, to record why."""
    ctx: CliContext | None = None
    try:
        ctx = CliContext.from_args(args)
        return args.handler(args, ctx)
    except KeyboardInterrupt:
        _err(ctx, args, "已中断，未做改动", "interrupted; nothing was changed")
        return 1
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        from .. import logs

        log_path = logs.start("command: " + " ".join(argv))
        try:
            report_failure(exc, args, ctx, log_path)
        finally:
            logs.logger.info("exit 1")
            logs.stop()
        return 1
    finally:
        if ctx is not None:
            ctx.close()


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
    from .. import logs
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


def printable(message: str) -> str:
    """``message`` with control characters, bidirectional formatting characters and lone
    surrogates of the user's input shown as escapes (``\\x1b``, ``\\u202e``, ``\\ud800``): they
    could break the line, send commands to the terminal, reorder the text, or fail to print."""
    from ..domain.text import printable as escaped

    return escaped(message, keep_lines=True)


def sweep_leftovers() -> None:
    """Remove the temporary files of writes a previous run did not finish (``leftovers.py``)."""
    from .. import logs
    from ..leftovers import sweep

    for path in sweep():
        logs.logger.info("removed the leftover of an interrupted write: %s", path)

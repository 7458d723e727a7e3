"""The test session's own home, temporary folder and user folders, and the guard that the
real ones gained nothing.

``redirect`` points ``HOME``, the XDG folders, ``TMPDIR`` and ``LOWCARBON_DESK_HOME`` at
folders inside the session's pytest base folder, for this process and every subprocess it
starts. What the program (platformdirs), Qt (QSettings, QStandardPaths, QtProject.conf),
fontconfig or GLib would write under the user's home lands there, and pytest removes it with
the base folder when the run passes (``tmp_path_retention_policy = "failed"``).

``HomeGuard`` watches, from before the redirect, the folders of the real home where this
program and Qt keep files (not the whole home, where editors and other programs write all the
time), two ways:

- a Python audit hook sees every write this process makes there (a file opened for writing,
  a folder made, a rename or copy onto, a SQLite database opened): each one fails the run;
- a listing at the start and at the end sees what Qt or a subprocess wrote there too, but
  also what another process wrote meanwhile (the program itself, or another test run, on the
  same account): under CI (``CI`` set, a machine of its own) a difference fails the run,
  elsewhere it is reported as a warning.

The session also fails when temporaries were left in its own ``TMPDIR``.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

APP_NAME = "lowcarbon-desk"
# Windows reads these rather than HOME; set too so a run there stays inside as well
WINDOWS_FOLDERS = {"USERPROFILE": "home", "APPDATA": "home/AppData/Roaming", "LOCALAPPDATA": "home/AppData/Local"}
XDG_FOLDERS = {"XDG_CONFIG_HOME": "home/.config", "XDG_DATA_HOME": "home/.local/share",
               "XDG_CACHE_HOME": "home/.cache", "XDG_STATE_HOME": "home/.local/state"}


def watched_folders() -> list[Path]:
    """Where the program and Qt write in the current user's home (read from the environment
    as it is now): the program's data, log, cache, state and config folders (QStandardPaths'
    and QSettings' folders for the program are inside them: its organisation and application
    names are both ``lowcarbon-desk``), and Qt's own ``QtProject.conf`` and ``QtProject/``."""
    import platformdirs

    folders = {
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    }
    config = Path(platformdirs.user_config_dir())
    folders |= {config / "QtProject.conf", config / "QtProject"}
    return sorted(folders)


def listing(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """``paths`` and everything under them: path -> (size, modification time in ns)."""
    found: dict[str, tuple[int, int]] = {}

    def note(path: str) -> None:
        try:
            info = os.lstat(path)
        except OSError:  # not there (yet), or gone meanwhile
            return
        found[path] = (0 if stat.S_ISDIR(info.st_mode) else info.st_size, info.st_mtime_ns)

    for top in paths:
        note(str(top))
        for root, dirs, files in os.walk(top):
            for name in (*dirs, *files):
                note(os.path.join(root, name))
    return found


WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


@dataclass
class WriteWatch:
    """An audit hook noting this process's writes under ``roots``."""

    roots: tuple[str, ...]
    writes: list[str] = field(default_factory=list)

    def targets(self, event: str, args: tuple) -> tuple:
        if event == "open":
            return (args[0],) if isinstance(args[2], int) and args[2] & WRITE_FLAGS else ()
        if event in ("os.mkdir", "sqlite3.connect"):
            return (args[0],)
        if event in ("os.rename", "shutil.copyfile", "os.link", "os.symlink"):
            return (args[1],)
        return ()

    def __call__(self, event: str, args: tuple) -> None:
        try:
            for target in self.targets(event, args):
                if isinstance(target, int):
                    continue
                path = os.path.abspath(os.fsdecode(target))
                if any(path == root or path.startswith(root + os.sep) for root in self.roots):
                    self.writes.append(f"{path} ({event})")
        except Exception:  # an audit hook must never break the call it watches
            pass


@dataclass
class HomeGuard:
    """The real home's watched folders as they were at the start of the session, and the
    writes into them since."""

    paths: list[Path]
    before: dict[str, tuple[int, int]] = field(default_factory=dict)
    watch: WriteWatch | None = None

    @classmethod
    def start(cls) -> HomeGuard:
        paths = watched_folders()
        watch = WriteWatch(tuple(str(p) for p in paths))
        sys.addaudithook(watch)  # stays for the life of the process (hooks cannot be removed)
        return cls(paths, listing(paths), watch)

    def written(self) -> list[str]:
        """This process's writes into the watched folders, in order (each path once)."""
        return list(dict.fromkeys(self.watch.writes)) if self.watch else []

    def gained(self) -> list[str]:
        """Files and folders that appeared or changed since ``start``, sorted."""
        now = listing(self.paths)
        return sorted(path for path, seen in now.items() if self.before.get(path) != seen)


def redirect(root: Path) -> dict[str, str]:
    """Point the session's home, temporary and user folders into ``root`` (created here);
    returns the variables set."""
    values = {"HOME": "home", "TMPDIR": "tmp", "TEMP": "tmp", "TMP": "tmp", "XDG_RUNTIME_DIR": "runtime",
              "LOWCARBON_DESK_HOME": "lowcarbon-home", **XDG_FOLDERS, **WINDOWS_FOLDERS}
    paths = {name: root / relative for name, relative in values.items()}
    for path in paths.values():
        path.mkdir(parents=True, exist_ok=True)
    # Qt refuses (with a warning on every start) a runtime folder others can read
    paths["XDG_RUNTIME_DIR"].chmod(0o700)
    os.environ.update({name: str(path) for name, path in paths.items()})
    os.environ.pop("LOWCARBON_DESK_DB", None)
    tempfile.tempdir = None  # gettempdir() caches its answer; read TMPDIR again
    return {name: str(path) for name, path in paths.items()}


def left_in(folder: Path) -> list[str]:
    """What is left in the session's temporary folder (the program's own temporaries)."""
    return sorted(str(p) for p in folder.iterdir()) if folder.is_dir() else []


SESSION = pytest.StashKey[tuple[HomeGuard, Path]]()
REPORT = pytest.StashKey[tuple[list[str], list[str]]]()


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """Before any test (and before Qt makes an application or reads a setting): the real
    home's watched folders noted, then the session's own folders in the base temporary folder
    (made from the real ``TMPDIR``, so pytest's retention still cleans it)."""
    guard = HomeGuard.start()
    root = config._tmp_path_factory.getbasetemp() / "session"
    redirect(root)
    config.stash[SESSION] = (guard, root)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Fail the run when the real home gained files, or the program's temporaries were left
    in the session's ``TMPDIR`` (before pytest removes the base folder)."""
    if SESSION not in session.config.stash:
        return
    guard, root = session.config.stash[SESSION]
    problems, warnings = [], []
    written = guard.written()
    if written:
        problems.append("the tests wrote into the real home:")
        problems += [f"  {path}" for path in written]
    gained = guard.gained()
    if gained:
        lines = [f"the real home's {APP_NAME} or Qt folders gained files during the test run (by Qt, a "
                 "subprocess, or another run of the program or of the tests at the same time):"]
        lines += [f"  {path}" for path in gained]
        (problems if os.environ.get("CI") else warnings).extend(lines)
    left = left_in(root / "tmp")
    if left:
        problems.append("temporary files were left behind (the program, or a test, did not remove them):")
        problems += [f"  {path}" for path in left]
    session.config.stash[REPORT] = (problems, warnings)
    if session.config.pluginmanager.get_plugin("terminalreporter") is None:
        for line in (*warnings, *problems):
            print(line, file=sys.stderr)
    if problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter) -> None:
    """What ``pytest_sessionfinish`` found, in the summary at the end of the run."""
    problems, warnings = terminalreporter.config.stash.get(REPORT, ([], []))
    if warnings:
        terminalreporter.write_sep("=", "the real home (warning)", yellow=True)
        for line in warnings:
            terminalreporter.write_line(line, yellow=True)
    if problems:
        terminalreporter.write_sep("=", "the session's own folders: failed", red=True)
        for line in problems:
            terminalreporter.write_line(line, red=True)

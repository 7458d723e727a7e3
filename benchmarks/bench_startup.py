"""Start-up speed measured from outside, as a user sees it.

    python benchmarks/bench_startup.py [--runs 5] [--paths new,empty,demo] [--db PATH]
                                       [--program [LABEL=]CMD …]

1. Window: launch to the mapping of the program's first window, on each start-up path:
   ``new`` (a database file that does not exist: the welcome page), ``empty`` (a database
   made by ``init``, no records) and ``demo`` (``--db``, else a 60-enterprise demo county
   made first; the main window). A virtual X screen (Xvfb) is started; ``map_watch.py``
   selects ``SubstructureNotify`` on its root window and takes the time (``perf_counter``,
   read just before the process starts) of the first ``MapNotify`` of a window whose
   ``_NET_WM_PID`` is the started process: no polling, the X server says when. Baseline: a
   bare PySide6 ``QMainWindow`` started the same way. Target: ≤ 1.5× the baseline.
2. ``lowcarbon-desk --help``: launch to exit. Baseline: ``python -c pass`` with the same
   interpreter. Target: ≤ 0.25 s.

``--program`` (repeatable, ``LABEL=CMD``) times several programs in the same runs, e.g. the
code before and after a change:
``--program "before=env PYTHONPATH=/old/src python -m lowcarbon_desk" --program "now=…"``
(``env`` and a shell ``exec`` keep the process id the window carries; a fork would not).

Needs Debian's ``xvfb`` and libX11 (no Python package) for the window part, which is skipped
with a note without them. Runs are interleaved (baseline, each program, baseline, …) so that
load on the machine hits all alike; the median of each is reported, with the minimum and
maximum, the ratio of the medians, the median of each run's ratio to the baseline started
just before it, and the ratio of the fastest runs (the last two steadier when other work
loads the machine). The programs run as installed, from bytecode written by an unmeasured
first start; the database lock a terminated run leaves is removed, so each start is a
normal one.
"""

from __future__ import annotations

import argparse
import ctypes.util
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from map_watch import MapWatcher, time_to_map

BARE_WINDOW = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1])\n"
    "w = QMainWindow(); w.setWindowTitle('bare-qmainwindow-baseline'); w.resize(1024, 700); w.show()\n"
    "app.exec()\n"
)
PATHS = ("new", "empty", "demo")


def program_commands(programs: list[str] | None) -> dict[str, list[str]]:
    """``--program`` values by label; default: this venv's entry point as ``program``."""
    if not programs:
        entry = Path(sys.executable).with_name("lowcarbon-desk")
        return {"program": [str(entry)] if entry.exists() else [sys.executable, "-m", "lowcarbon_desk"]}
    commands = {}
    for number, value in enumerate(programs, 1):
        label, equals, command = value.partition("=")
        if not equals or " " in label:
            label, command = f"program{number}", value
        commands[label] = shlex.split(command)
    return commands


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """A fresh Xvfb on a display number it picks itself (``-displayfd``: it writes the number
    once it accepts clients)."""
    read_end, write_end = os.pipe()
    # -noreset: by default the server resets when its last client leaves
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24",
                             "-nolisten", "tcp", "-noreset"], pass_fds=(write_end,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as ready:
        number = ready.readline().strip()  # empty when Xvfb exits without starting
    if not number.isdigit():
        proc.kill()
        proc.wait()
        raise RuntimeError("could not start Xvfb")
    return proc, f":{number}"


def time_to_window(watcher: MapWatcher, cmd: list[str], env: dict[str, str],
                   leaves: Path | None = None) -> float:
    """Seconds from starting ``cmd`` to the mapping of its first window. ``leaves`` is a file
    the program would remove when closed normally (the window's database lock): removed, so
    that each start is a normal one, not the first start after a crash."""
    try:
        with tempfile.TemporaryFile() as errors:
            try:
                return time_to_map(watcher, cmd, env, stderr=errors)
            except RuntimeError as exc:
                errors.seek(0)
                raise RuntimeError(f"{cmd}: {exc}: {errors.read().decode(errors='replace')[-2000:]}") from None
    finally:
        if leaves is not None:
            leaves.unlink(missing_ok=True)


def time_process(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from start to exit of ``cmd`` (which must succeed)."""
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def summary(values: list[float]) -> str:
    """``median (min–max)`` in seconds."""
    return f"{statistics.median(values):.3f} s ({min(values):.3f}–{max(values):.3f})"


def ratios(program: list[float], baseline: list[float]) -> str:
    """Ratio of the medians, median of the run-by-run ratios, ratio of the fastest runs."""
    ratio = statistics.median(program) / statistics.median(baseline)
    paired = statistics.median(p / b for p, b in zip(program, baseline, strict=True))
    fastest = min(program) / min(baseline)
    return f"ratio {ratio:.2f}× (target ≤ 1.5×; run by run {paired:.2f}×, fastest {fastest:.2f}×)"


def prepare_databases(paths: list[str], programs: dict[str, list[str]], env: dict[str, str], work: Path,
                      demo: Path | None) -> dict[str, Path]:
    """The database each path starts on (made with the first program where needed)."""
    maker = next(iter(programs.values()))
    databases = {}
    if "new" in paths:
        databases["new"] = work / "absent.db"
    if "empty" in paths:
        databases["empty"] = work / "empty.db"
        subprocess.run([*maker, "--db", str(databases["empty"]), "init"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
    if "demo" in paths:
        databases["demo"] = demo or work / "demo.db"
        if not databases["demo"].exists():
            subprocess.run([*maker, "--db", str(databases["demo"]), "demo", "--enterprises", "60"], env=env,
                           check=True, stdout=subprocess.DEVNULL)
    return databases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--paths", default=",".join(PATHS),
                        help="start-up paths to time, of new (welcome page), empty, demo")
    parser.add_argument("--db", type=Path, help="database of the demo path (default: a 60-enterprise demo made first)")
    parser.add_argument("--program", action="append",
                        help="[LABEL=]command that starts the program (default: this venv's lowcarbon-desk)")
    parser.add_argument("--no-help", action="store_true", help="skip the --help timing")
    args = parser.parse_args(argv)
    paths = [p for p in args.paths.split(",") if p]
    if unknown := set(paths) - set(PATHS):
        parser.error(f"unknown paths: {', '.join(sorted(unknown))}")

    work = Path(tempfile.mkdtemp(prefix="lowcarbon-startup-"))
    try:
        return _run(args, paths, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(args: argparse.Namespace, paths: list[str], work: Path) -> int:
    env = dict(os.environ, LOWCARBON_DESK_HOME=str(work / "home"))
    env.pop("QT_QPA_PLATFORM", None)
    # As installed: compiled bytecode, written by the first (unmeasured) start of each program
    # into a folder of this run (the checkout stays clean). Without it every start compiles
    # the program's modules again (PYTHONDONTWRITEBYTECODE is set on some machines).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    programs = program_commands(args.program)
    databases = prepare_databases(paths, programs, env, work, args.db)
    bare = [sys.executable, "-c", BARE_WINDOW]

    if not args.no_help:
        helps: dict[str, list[float]] = {"baseline": [], **{label: [] for label in programs}}
        time_process([sys.executable, "-c", "pass"], env)  # unmeasured: bytecode and page cache
        for cmd in programs.values():
            time_process([*cmd, "--help"], env)
        for _ in range(args.runs):
            helps["baseline"].append(time_process([sys.executable, "-c", "pass"], env))
            for label, cmd in programs.items():
                helps[label].append(time_process([*cmd, "--help"], env))
        print(f"--help   baseline python -c pass: {summary(helps['baseline'])}")
        for label in programs:
            print(f"  {label}: {summary(helps[label])}")

    if not (shutil.which("Xvfb") and ctypes.util.find_library("X11")):
        print("window:  skipped (needs Xvfb and libX11)")
        return 0
    xvfb, display = start_xvfb()
    try:
        env["DISPLAY"] = display
        with MapWatcher(display) as watcher:
            for path in paths:
                _time_path(watcher, path, databases[path], programs, bare, env, args.runs)
    finally:
        xvfb.terminate()
        xvfb.wait()
    return 0


def _time_path(watcher: MapWatcher, path: str, db: Path, programs: dict[str, list[str]], bare: list[str],
               env: dict[str, str], runs: int) -> None:
    """Interleaved runs of the bare window and each program on one start-up path; prints them."""
    lock = db.with_name(db.name + ".lock")  # ui/db_lock.py
    times: dict[str, list[float]] = {"baseline": [], **{label: [] for label in programs}}
    # one unmeasured start of each writes the bytecode and warms the page cache
    time_to_window(watcher, bare, env)
    for cmd in programs.values():
        time_to_window(watcher, [*cmd, "--db", str(db)], env, leaves=lock)
    for _ in range(runs):
        times["baseline"].append(time_to_window(watcher, bare, env))
        for label, cmd in programs.items():
            times[label].append(time_to_window(watcher, [*cmd, "--db", str(db)], env, leaves=lock))
    if path == "new" and db.exists():
        raise RuntimeError(f"the welcome page wrote {db}")
    print(f"window, {path} ({db.name})   bare QMainWindow: {summary(times['baseline'])}")
    for label in programs:
        print(f"  {label}: {summary(times[label])}   {ratios(times[label], times['baseline'])}")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())

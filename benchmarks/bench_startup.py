"""Start-up speed measured from outside, as a user sees it.

    python benchmarks/bench_startup.py [--runs 5] [--db PATH | --welcome] [--program CMD]

1. Window: launch to visible window. A virtual X screen (Xvfb) is started; each run starts the
   program as a new process and polls ``xdotool search --onlyvisible`` until a window with the
   program's title is mapped. Baseline: a bare PySide6 ``QMainWindow`` started the same way
   (a new ``python -c`` process on the same display). Target: ≤ 1.5× the baseline.
   ``--welcome``: the program is started on a database file that does not exist, so what
   shows is the welcome page (the first start of an installation), not the main window.
2. ``lowcarbon-desk --help``: launch to exit. Baseline: ``python -c pass`` with the same
   interpreter. Target: ≤ 0.25 s.

Needs Debian's ``xvfb`` and ``xdotool`` for the window part (skipped with a note without them).
Runs are interleaved (baseline, program, baseline, …) so that load on the machine hits both
alike; the median of each is reported, with the minimum and maximum, and the ratio of the
medians (also the median of each run's ratio and the ratio of the fastest runs, steadier
when other work loads the machine). The program runs as installed, from bytecode written by
an unmeasured first start; the database lock a terminated run leaves is removed, so each
start is a normal one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WINDOW_TITLE = "低碳填报助手"
BARE_TITLE = "bare-qmainwindow-baseline"
BARE_WINDOW = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1])\n"
    f"w = QMainWindow(); w.setWindowTitle({BARE_TITLE!r}); w.resize(1024, 700); w.show()\n"
    "app.exec()\n"
)


def program_command(program: str | None) -> list[str]:
    """The program to start: ``--program`` if given, else this checkout's venv entry point."""
    if program:
        return program.split()
    entry = Path(sys.executable).with_name("lowcarbon-desk")
    if entry.exists():
        return [str(entry)]
    return [sys.executable, "-m", "lowcarbon_desk"]


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """A fresh Xvfb on a display number it picks itself (``-displayfd``: it writes the number
    once it accepts clients)."""
    read_end, write_end = os.pipe()
    # -noreset: by default the server resets when its last client leaves; a program connecting
    # just as an ``xdotool`` poll disconnects would then fail to start
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


def time_to_window(cmd: list[str], title: str, env: dict[str, str], timeout: float = 30.0,
                   leaves: Path | None = None) -> float:
    """Seconds from starting ``cmd`` to a visible window whose title contains ``title``.

    The program is then terminated; ``leaves`` is a file it would remove when closed normally
    (the window's database lock): removed, so that each start is a normal one, not the first
    start after a crash (which checks and clears a stale lock).
    """
    try:
        with tempfile.TemporaryFile() as errors:
            return _time_to_window(cmd, title, env, timeout, errors)
    finally:
        if leaves is not None:
            leaves.unlink(missing_ok=True)


def _time_to_window(cmd: list[str], title: str, env: dict[str, str], timeout: float, errors) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
    try:
        while True:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title],
                                   env=env, capture_output=True, text=True)
            if found.stdout.strip():
                return time.perf_counter() - start
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {proc.returncode} before showing a window: "
                                   f"{_tail(errors)}")
            if time.perf_counter() - start > timeout:
                raise RuntimeError(f"no window titled {title!r} after {timeout} s")
            time.sleep(0.005)
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _tail(stream) -> str:
    """The last lines a failed program wrote to stderr."""
    stream.seek(0)
    return stream.read().decode(errors="replace")[-2000:]


def time_process(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from start to exit of ``cmd`` (which must succeed)."""
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def summary(values: list[float]) -> str:
    """``median (min–max)`` in seconds."""
    return f"{statistics.median(values):.3f} s ({min(values):.3f}–{max(values):.3f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="database to open (default: a small demo made first)")
    parser.add_argument("--welcome", action="store_true",
                        help="time the welcome page: start on a database file that does not exist")
    parser.add_argument("--program", help="command that starts the program (default: this venv's lowcarbon-desk)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="lowcarbon-startup-"))
    env = dict(os.environ, LOWCARBON_DESK_HOME=str(work / "home"))
    env.pop("QT_QPA_PLATFORM", None)
    # As installed: compiled bytecode, written by the first (unmeasured) start of each program
    # into a folder of this run (the checkout stays clean). Without it every start compiles
    # the program's modules again (PYTHONDONTWRITEBYTECODE is set on some machines).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    program = program_command(args.program)
    db = args.db or work / ("absent.db" if args.welcome else "demo.db")
    if not db.exists() and not args.welcome:
        subprocess.run([*program, "--db", str(db), "demo", "--enterprises", "60"], env=env, check=True,
                       stdout=subprocess.DEVNULL)

    helps = {"baseline": [], "program": []}
    time_process([sys.executable, "-c", "pass"], env)  # unmeasured: bytecode and page cache
    time_process([*program, "--help"], env)
    for _ in range(args.runs):
        helps["baseline"].append(time_process([sys.executable, "-c", "pass"], env))
        helps["program"].append(time_process([*program, "--help"], env))
    print(f"--help:  {summary(helps['program'])}   baseline python -c pass: {summary(helps['baseline'])}")

    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        print("window:  skipped (needs Xvfb and xdotool)")
        return 0
    xvfb, display = start_xvfb()
    try:
        env["DISPLAY"] = display
        windows = {"baseline": [], "program": []}
        # one unmeasured start of each writes the bytecode and warms the page cache
        time_to_window([sys.executable, "-c", BARE_WINDOW], BARE_TITLE, env)
        lock = db.with_name(db.name + ".lock")  # ui/db_lock.py
        time_to_window([*program, "--db", str(db)], WINDOW_TITLE, env, leaves=lock)
        for _ in range(args.runs):
            windows["baseline"].append(time_to_window([sys.executable, "-c", BARE_WINDOW], BARE_TITLE, env))
            windows["program"].append(time_to_window([*program, "--db", str(db)], WINDOW_TITLE, env,
                                                      leaves=lock))
    finally:
        xvfb.terminate()
        xvfb.wait()
    ratio = statistics.median(windows["program"]) / statistics.median(windows["baseline"])
    # on a loaded machine the medians drift with the load; each run's ratio to the baseline
    # started just before it, and the fastest of each, are steadier
    paired = statistics.median(p / b for p, b in zip(windows["program"], windows["baseline"], strict=True))
    fastest = min(windows["program"]) / min(windows["baseline"])
    print(f"window:  {summary(windows['program'])}   bare QMainWindow: {summary(windows['baseline'])}   "
          f"ratio {ratio:.2f}× (target ≤ 1.5×; run by run {paired:.2f}×, fastest {fastest:.2f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

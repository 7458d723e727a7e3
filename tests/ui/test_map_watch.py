"""``benchmarks/map_watch.py``: the time to a window's mapping is the X server's ``MapNotify``
of the started process's window, not of another process's window mapped meanwhile."""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from bench_startup import start_xvfb  # noqa: E402
from map_watch import MapWatcher, time_to_map  # noqa: E402

pytestmark = [pytest.mark.gui,
              pytest.mark.skipif(not (shutil.which("Xvfb") and ctypes.util.find_library("X11")),
                                 reason="needs Xvfb and libX11")]

# a bare window shown after sleeping argv[1] seconds
LATE_WINDOW = ("import sys, time\n"
               "from PySide6.QtWidgets import QApplication, QMainWindow\n"
               "app = QApplication(sys.argv[:1])\n"
               "w = QMainWindow()\n"
               "time.sleep(float(sys.argv[1]))\n"
               "w.show()\n"
               "app.exec()\n")


def test_the_started_process_window_is_timed_and_another_process_window_ignored(tmp_path):
    xvfb, display = start_xvfb()
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "XDG_RUNTIME_DIR": str(tmp_path)}
    os.chmod(tmp_path, 0o700)
    other = None
    try:
        with MapWatcher(display) as watcher:
            # another program's window, mapped while the measured one still sleeps
            other = subprocess.Popen([sys.executable, "-c", LATE_WINDOW, "0"], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds = time_to_map(watcher, [sys.executable, "-c", LATE_WINDOW, "1.5"], env, timeout=60)
            assert other.pid in watcher.seen[:-1]  # its window was mapped first, and not taken
            assert 1.5 <= seconds < 60
            with pytest.raises(RuntimeError, match="exited before mapping"):
                time_to_map(watcher, [sys.executable, "-c", "pass"], env, timeout=60)
    finally:
        if other is not None:
            other.terminate()
            other.wait()
        xvfb.terminate()
        xvfb.wait()

"""When a launched program's first window is mapped, seen from outside by the X server's events.

    python benchmarks/map_watch.py [--timeout 30] -- COMMAND [ARG …]

Connects to ``$DISPLAY`` (an Xvfb screen: no window manager, so a program's top-level windows
are children of the root window), asks for ``SubstructureNotify`` on the root window, then
starts ``COMMAND`` and waits, without polling, for the first ``MapNotify`` of a window whose
``_NET_WM_PID`` is the started process (Qt sets it on every top-level window); windows of
other processes are ignored. Prints the seconds from just before the start
(``time.perf_counter``) to that event, and terminates the program.

Written with ``ctypes`` against libX11 (``XOpenDisplay``, ``XSelectInput``, ``XNextEvent``),
so it needs no Python package beyond the standard library; ``bench_startup.py`` uses
``MapWatcher`` directly.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable

MAP_NOTIFY = 19  # X.h
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
XA_CARDINAL = 6
SUCCESS = 0


class XMapEvent(ctypes.Structure):
    """Xlib's ``XMapEvent`` (the head of every event: type, serial, send_event, display)."""

    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("event", ctypes.c_ulong), ("window", ctypes.c_ulong),
                ("override_redirect", ctypes.c_int)]


class XEvent(ctypes.Union):
    """Xlib's ``XEvent``: 24 longs, of which a map event uses the head."""

    _fields_ = [("type", ctypes.c_int), ("xmap", XMapEvent), ("pad", ctypes.c_long * 24)]


ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


def _ignore_error(display: int, error: int) -> int:
    """A window gone before its property is read is an X error; Xlib's default handler would
    end the process."""
    return 0


_IGNORE_ERROR = ERROR_HANDLER(_ignore_error)  # kept alive: Xlib holds the pointer


def _libx11() -> ctypes.CDLL:
    name = ctypes.util.find_library("X11") or "libX11.so.6"
    x = ctypes.CDLL(name)
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XDefaultRootWindow.restype = ctypes.c_ulong
    x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
    x.XInternAtom.restype = ctypes.c_ulong
    x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x.XConnectionNumber.argtypes = [ctypes.c_void_p]
    x.XPending.argtypes = [ctypes.c_void_p]
    x.XFlush.argtypes = [ctypes.c_void_p]
    x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent)]
    x.XGetWindowProperty.argtypes = [
        ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long, ctypes.c_int,
        ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))]
    x.XFree.argtypes = [ctypes.c_void_p]
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x.XSetErrorHandler.argtypes = [ERROR_HANDLER]
    x.XSetErrorHandler.restype = ctypes.c_void_p
    return x


class MapWatcher:
    """One connection to the X server that sees every top-level window being mapped."""

    def __init__(self, display: str | None = None):
        self.x = _libx11()
        self.display = self.x.XOpenDisplay(display.encode() if display else None)
        if not self.display:
            raise RuntimeError(f"cannot open X display {display or os.environ.get('DISPLAY')!r}")
        self.x.XSetErrorHandler(_IGNORE_ERROR)
        self.root = self.x.XDefaultRootWindow(self.display)
        self.pid_atom = self.x.XInternAtom(self.display, b"_NET_WM_PID", 0)
        self.x.XSelectInput(self.display, self.root, SUBSTRUCTURE_NOTIFY_MASK)
        self.x.XSync(self.display, 0)  # selected before any program starts
        self.fd = self.x.XConnectionNumber(self.display)
        self.seen: list[int | None] = []  # the process of each window mapped while waiting

    def close(self) -> None:
        """Close the connection."""
        if self.display:
            self.x.XCloseDisplay(self.display)
            self.display = None

    def __enter__(self) -> MapWatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def window_pid(self, window: int) -> int | None:
        """The ``_NET_WM_PID`` of ``window``; None when it has none (or is gone)."""
        kind, fmt = ctypes.c_ulong(), ctypes.c_int()
        count, after = ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.POINTER(ctypes.c_ubyte)()
        status = self.x.XGetWindowProperty(self.display, window, self.pid_atom, 0, 1, 0, XA_CARDINAL,
                                           ctypes.byref(kind), ctypes.byref(fmt), ctypes.byref(count),
                                           ctypes.byref(after), ctypes.byref(data))
        if status != SUCCESS or not data:
            return None
        try:
            if fmt.value != 32 or count.value < 1:
                return None
            return ctypes.cast(data, ctypes.POINTER(ctypes.c_long))[0]  # format 32 comes as C longs
        finally:
            self.x.XFree(data)

    def drain(self) -> None:
        """Drop the events already queued (windows of earlier runs)."""
        event = XEvent()
        self.x.XSync(self.display, 0)
        while self.x.XPending(self.display):
            self.x.XNextEvent(self.display, ctypes.byref(event))

    def wait_for_map(self, pid: int, deadline: float, alive: Callable[[], bool]) -> float:
        """``time.perf_counter()`` at the first ``MapNotify`` of a top-level window of process
        ``pid``; blocks on the connection's socket between events. Raises ``RuntimeError`` when
        ``alive()`` turns false or ``deadline`` (a ``perf_counter`` value) passes first."""
        event = XEvent()
        while True:
            while self.x.XPending(self.display):
                self.x.XNextEvent(self.display, ctypes.byref(event))
                seen = time.perf_counter()
                if event.type != MAP_NOTIFY or event.xmap.override_redirect:
                    continue  # menus and tooltips are override-redirect: not the program's window
                owner = self.window_pid(event.xmap.window)
                self.seen.append(owner)
                if owner == pid:
                    return seen
            left = deadline - time.perf_counter()
            if left <= 0:
                raise RuntimeError("no window mapped before the deadline")
            if not alive():
                raise RuntimeError("the program exited before mapping a window")
            select.select([self.fd], [], [], min(left, 0.05))


def time_to_map(watcher: MapWatcher, cmd: list[str], env: dict[str, str] | None = None,
                timeout: float = 30.0, stderr=subprocess.DEVNULL) -> float:
    """Seconds from just before starting ``cmd`` to the mapping of its first window; the
    program is then terminated. ``cmd`` must run as the started process itself (``exec``:
    a shell or ``env`` in front is fine, a fork is not), since its window carries that pid."""
    watcher.drain()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        mapped = watcher.wait_for_map(proc.pid, start + timeout, lambda: proc.poll() is None)
        return mapped - start
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not cmd:
        parser.error("give the command to start")
    with MapWatcher() as watcher:
        print(f"{time_to_map(watcher, cmd, timeout=args.timeout):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

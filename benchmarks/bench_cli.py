"""Command-line start-up: ``convert raw_coal 1000`` and ``--version``, launch to exit.

    python benchmarks/bench_cli.py [--runs 21] [--src OTHER_CHECKOUT/src …] [--clock cpu]

Each command is a new process of this interpreter running this checkout's ``src`` (and each
``--src`` given, to compare with another checkout), interleaved with the baseline
``python -c pass`` so that load on the machine hits all alike. Bytecode is written by an
unmeasured first run into a folder of this run (the checkout stays clean). Prints the median
and fastest of each and the ratio of the medians to the baseline, with the load average.
``--clock cpu`` times each process's CPU seconds (user + system, from ``getrusage`` of the
finished children) instead of the wall clock: on a machine busy with other work the wall time
of the same command swings by 2×, its CPU time by a few per cent.
Target: ``convert`` ≤ 0.1 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMANDS = (("convert", ["convert", "raw_coal", "1000"]), ("--version", ["--version"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--src", action="append", default=[], help="another checkout's src folder")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall: seconds from launch to exit; cpu: the process's CPU seconds")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="lowcarbon-cli-"))
    env = dict(os.environ, LOWCARBON_DESK_HOME=str(work / "home"), PYTHONPYCACHEPREFIX=str(work / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = [("python -c pass", [sys.executable, "-c", "pass"], None)]
    for src in [str(REPO / "src"), *args.src]:
        for name, words in COMMANDS:
            runs.append((f"{name} ({src})", [sys.executable, "-m", "lowcarbon_desk", *words], src))

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def once(cmd: list[str], src: str | None) -> float:
        started, cpu = time.perf_counter(), children_cpu()
        subprocess.run(cmd, env={**env, "PYTHONPATH": src or ""}, stdout=subprocess.DEVNULL, check=True)
        return children_cpu() - cpu if args.clock == "cpu" else time.perf_counter() - started

    for _name, cmd, src in runs:  # unmeasured: bytecode and page cache
        once(cmd, src)
    times: dict[str, list[float]] = {name: [] for name, _cmd, _src in runs}
    loads = []
    for _ in range(args.runs):
        loads.append(os.getloadavg()[0])
        for name, cmd, src in runs:
            times[name].append(once(cmd, src))
    base = statistics.median(times["python -c pass"])
    print(f"{args.runs} runs each, {args.clock} clock, load average median {statistics.median(loads):.1f}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:60} median {median:.3f} s, fastest {min(values):.3f} s, {median / base:.1f}× the baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())

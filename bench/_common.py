"""Helpers shared by the bench scripts: a workspace, and RSS sampling of a process tree."""

from __future__ import annotations

import compileall
import functools
import os
import subprocess
import sys
import threading
import time
from pathlib import Path


def tree_rss_kb(pid: int, cpu: dict[int, float] | None = None) -> dict[int, int]:
    """RSS (kB) of ``pid`` and all its descendants, read from /proc; with ``cpu``, each
    one's CPU seconds so far (user + system) are put there too."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out: dict[int, int] = {}
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        out[p] = int(line.split()[1])
        except OSError:
            continue
        if cpu is not None:
            try:
                with open(f"/proc/{p}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                cpu[p] = (int(fields[11]) + int(fields[12])) / _TICKS
            except (OSError, IndexError, ValueError):
                pass
        todo.extend(children.get(p, []))
    return out


_TICKS = os.sysconf("SC_CLK_TCK")


class RssSampler:
    """Samples the RSS of a process tree every ``period`` seconds, keeps the peaks."""

    def __init__(self, pid: int, period: float = 0.2) -> None:
        self.pid = pid
        self.period = period
        self.peak_total = 0
        self.peak_each: dict[int, int] = {}
        self.cpu_each: dict[int, float] = {}   # CPU seconds of each process, last seen
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        t0 = time.perf_counter()
        while not self._stop.is_set():
            rss = tree_rss_kb(self.pid, self.cpu_each)
            total = sum(rss.values())
            self.samples.append((time.perf_counter() - t0, total))
            self.peak_total = max(self.peak_total, total)
            for p, kb in rss.items():
                self.peak_each[p] = max(self.peak_each.get(p, 0), kb)
            self._stop.wait(self.period)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@functools.cache
def compiled() -> None:
    """edi's bytecode written once, as installing the package writes it: a checkout with
    PYTHONDONTWRITEBYTECODE set (this workplace sets it) would otherwise compile every
    edi module from source in the parent and in each worker, on every run (about 0.1 s
    of CPU a process), which no installed edi-flux does. The variable only stops Python
    writing bytecode; it still reads what is there."""
    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "edi"), quiet=1)


def run_edi(args: list[str], cwd: Path, env: dict[str, str] | None = None
            ) -> tuple[subprocess.CompletedProcess[str], float, RssSampler]:
    """Run the real `edi` command; returns the process, wall seconds and RSS peaks."""
    compiled()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "edi.cli", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    with RssSampler(proc.pid) as sampler:
        out, err = proc.communicate()
    elapsed = time.perf_counter() - t0
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err), elapsed, sampler

"""Several `edi watch` on one PostgreSQL ledger and one inbox: throughput for 1, 2 and 3
processes, and the scale-out scenario of issue 16 (started 0/3/5 s apart, one SIGKILLed
at random twice and restarted), with what it must hold checked at the end.

    EDI_TEST_POSTGRES_URL=postgresql+psycopg://edi:edi@127.0.0.1:55432/postgres \\
        .venv/bin/python bench/scale.py [--files 1000] [--processes 1,2,3] [--kills 2]

Each run gets a new database and a new folder; mixed files: UBL and CII invoices, garbage,
ZIP archives (one invoice and one broken member), the same invoice deposited twice under
two syntaxes (DOUBLON) and byte-identical copies. Prints one line per run: files, seconds,
flows per second, and the checks (``lost``, ``doubled``, ``stuck``...). The test
``tests/e2e/test_scale_out.py`` runs the same scenario (``run``) on fewer files.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.pool import NullPool  # noqa: E402

from edi import samples  # noqa: E402

TERMINAL = ("IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE", "IN_INCIDENTE")
CONFIG = """[paths]
ledger = "{ledger}"
{paths}
[intake]
quiet_period = 0.0
scan_interval = 0.5
batch = {batch}
lease = {lease}

[validation]
layers = ["xml", "xsd"]
workers = 1
"""


def mixed_files(n: int, seed: int = 16, prefix: str = "") -> tuple[dict[str, bytes], set[str]]:
    """``n`` deposits, and the invoice numbers that must each reach the outbox once
    (names and numbers start with ``prefix``)."""
    rng = random.Random(seed)
    files: dict[str, bytes] = {}
    expected: set[str] = set()
    valid: list[bytes] = []
    for i in range(n):
        name = f"{prefix}{i:05d}"
        kind = rng.random()
        if kind < 0.55 or not valid:
            number = f"{prefix}S-{i:05d}"
            data = (samples.ubl_invoice if i % 2 else samples.cii_invoice)(number=number)
            valid.append(data)
            expected.add(number)
            files[f"{name}.xml"] = data
        elif kind < 0.65:
            files[f"{name}.xml"] = b"garbage " + str(i).encode()
        elif kind < 0.75:
            number = f"{prefix}Z-{i:05d}"
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as z:
                z.writestr("a.xml", samples.ubl_invoice(number=number))
                z.writestr("b.xml", b"<broken")
            expected.add(number)
            files[f"{name}.zip"] = buf.getvalue()
        elif kind < 0.9:   # the same invoice again, under the other syntax: DOUBLON
            number = f"{prefix}S-{i:05d}"
            expected.add(number)
            files[f"{name}.xml"] = samples.ubl_invoice(number=number)
            files[f"{name}-twin.xml"] = samples.cii_invoice(number=number)
        else:              # a byte-identical copy of an earlier deposit
            files[f"{name}-copy.xml"] = rng.choice(valid)
    return files, expected


def new_database(admin_url: str, name: str) -> str:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))
    finally:
        engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_database(admin_url: str, name: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


@dataclass
class Node:
    """A working directory where `edi watch` runs (one per node; several processes may
    share one)."""

    root: Path
    processes: list[subprocess.Popen[str]] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def configure(self, ledger: str, batch: int, lease: float, paths: str = "") -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "edi.toml").write_text(CONFIG.format(
            ledger=ledger, batch=batch, lease=lease, paths=paths), encoding="utf-8")

    def start(self) -> subprocess.Popen[str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("EDI_CRASH_AT", "EDI_CONFIG", "EDI_HANG_ON")}
        log = self.root / f"watch-{len(self.logs)}.log"
        self.logs.append(log)
        with log.open("w") as out:
            proc = subprocess.Popen([sys.executable, "-m", "edi.cli", "watch"], cwd=self.root,
                                    env=env, stdout=out, stderr=subprocess.STDOUT, text=True)
        self.processes.append(proc)
        return proc

    def wait_started(self, proc: subprocess.Popen[str], timeout: float) -> None:
        """Until ``proc`` said it watches (its signal handlers are in place by then)."""
        log = self.logs[self.processes.index(proc)]
        deadline = time.monotonic() + timeout
        while "Ctrl-C to stop" not in log.read_text(errors="replace"):
            if proc.poll() is not None or time.monotonic() > deadline:
                return
            time.sleep(0.1)


def drop(inbox: Path, files: dict[str, bytes]) -> None:
    """Deposit as a careful writer does: a hidden name, then a rename into place."""
    inbox.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        part = inbox / f".{name}"
        part.write_bytes(data)
        part.rename(inbox / name)


def ledger_state(url: str) -> dict[str, object]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as c:
            flows = c.execute(text("select flow_id, file_name, status from flows")).all()
            ends = Counter(r[0] for r in c.execute(text(
                "select flow_id from flow_events where status in "
                "('IN_INTEGRE', 'IN_INTEGRE_PARTIEL', 'IN_REJETE', 'IN_INCIDENTE')")))
            claims = c.execute(text("select count(*) from intake_claims")).scalar_one()
            missing = c.execute(text(
                "select count(*) from flows where detail like '%original missing%'")
            ).scalar_one()
    finally:
        engine.dispose()
    return {"flows": flows, "ends": ends, "claims": claims, "missing": missing}


def concluded(url: str) -> int:
    """Flows with a terminal status so far."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as c:
            return c.execute(text(
                "select count(*) from flows where status in ('IN_INTEGRE', "
                "'IN_INTEGRE_PARTIEL', 'IN_REJETE', 'IN_INCIDENTE')")).scalar_one()
    except Exception:  # the ledger is not created yet
        return 0
    finally:
        engine.dispose()


def done(url: str, files: dict[str, bytes]) -> bool:
    try:
        state = ledger_state(url)
    except Exception:  # the ledger is not created yet
        return False
    flows = state["flows"]
    return len(flows) >= len(files) and all(r[2] in TERMINAL for r in flows)  # type: ignore


def check(url: str, files: dict[str, bytes], expected: set[str], outbox: Path,
          work: Path, inbox: Path) -> dict[str, object]:
    """What the scenario must hold, counted (each count should be 0)."""
    state = ledger_state(url)
    flows = state["flows"]
    names = Counter(r[1] for r in flows)  # type: ignore[attr-defined]
    ends: Counter[str] = state["ends"]  # type: ignore[assignment]
    delivered = Counter(p.name.split("_", 1)[1].rsplit(".", 1)[0]
                        for p in outbox.rglob("*.xml"))
    return {
        "lost": len(set(files) - set(names)),
        "doubled": sum(1 for n in names.values() if n > 1),
        "stuck": sum(1 for r in flows if r[2] not in TERMINAL),  # type: ignore[attr-defined]
        "ends_not_one": sum(1 for r in flows if ends[r[0]] != 1),  # type: ignore[attr-defined]
        "incidents": sum(1 for r in flows if r[2] == "IN_INCIDENTE"),  # type: ignore
        "declared_missing": state["missing"],
        "claims_left": state["claims"],
        "work_files": sum(1 for p in work.rglob("*") if p.is_file()) if work.exists() else 0,
        "inbox_files": sum(1 for p in inbox.iterdir() if p.is_file()),
        "outbox_missing": len(expected - set(delivered)),
        "outbox_twice": sum(1 for n in delivered.values() if n > 1),
        "outbox_unexpected": len(set(delivered) - expected),
    }


def run(admin_url: str, root: Path, n_files: int, processes: int = 3,
        starts: tuple[float, ...] = (0.0, 3.0, 5.0), kills: int = 2, batch: int = 16,
        lease: float = 5.0, timeout: float = 600.0, seed: int = 16) -> dict[str, object]:
    """``processes`` `edi watch` in one working directory (one inbox, one work area, one
    outbox), on a new PostgreSQL database; half the files before the first start, the
    rest while they run; ``kills`` times a random one of them is SIGKILLed (at a random
    moment while flows remain) and started again. Returns the checks, the seconds and the
    processes' exit codes once all are stopped by SIGTERM."""
    rng = random.Random(seed)
    name = f"edi_scale_{os.getpid()}_{processes}_{int(time.time() * 1000) % 10**8}"
    url = new_database(admin_url, name)
    try:
        files, expected = mixed_files(n_files, seed)
        node = Node(root)
        node.configure(url, batch, lease)
        items = list(files.items())
        half = len(items) // 2
        drop(root / "inbox", dict(items[:half]))
        t0 = time.monotonic()
        running: list[subprocess.Popen[str]] = []
        started = 0
        later = dict(items[half:])
        starts = tuple(starts[:processes]) + (starts[-1],) * max(0, processes - len(starts))
        # each kill once a random share of the files is concluded (all started by then)
        kill_at = sorted(rng.uniform(0.15, 0.75) for _ in range(kills))
        kills_done = 0
        while True:
            now = time.monotonic() - t0
            while started < processes and now >= starts[started]:
                running.append(node.start())
                started += 1
            if later and now >= starts[-1]:
                drop(root / "inbox", later)
                later = {}
            if kill_at and started == processes and concluded(url) >= kill_at[0] * len(files):
                kill_at.pop(0)
                victim = rng.choice(running)
                victim.send_signal(signal.SIGKILL)
                victim.wait(30)
                kills_done += 1
                running.remove(victim)
                running.append(node.start())    # restarted at once, as systemd would
            crashed = [p for p in running if p.poll() is not None]
            if crashed:
                raise RuntimeError(f"edi watch exited {crashed[0].returncode}: see "
                                   f"{node.logs}")
            if not later and not kill_at and started == processes and done(url, files):
                break
            if now > timeout:
                raise RuntimeError(f"not done after {timeout} s: see {node.logs}")
            time.sleep(0.2)
        seconds = time.monotonic() - t0
        codes = []
        for proc in running:   # a process restarted just now: let it install its handlers
            node.wait_started(proc, 60)
        for proc in running:
            proc.send_signal(signal.SIGTERM)
        for proc in running:
            codes.append(proc.wait(120))
        logs = "".join(p.read_text(errors="replace") for p in node.logs)
        result = check(url, files, expected, root / "outbox", root / "var" / "work",
                       root / "inbox")
        result.update({"files": len(files), "kills": kills_done, "seconds": round(seconds, 1),
                       "per_second": round(len(files) / seconds, 1), "exit_codes": codes,
                       "tracebacks": logs.count("Traceback"),
                       "lease_lost": logs.count("lease lost")})
        return result
    finally:
        drop_database(admin_url, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--processes", default="1,2,3")
    parser.add_argument("--kills", type=int, default=0,
                        help="SIGKILLs during each run (the issue's scenario: 2)")
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()
    admin = os.environ.get("EDI_TEST_POSTGRES_URL")
    if not admin:
        sys.exit("set EDI_TEST_POSTGRES_URL to a role that may create databases")
    for n in (int(x) for x in args.processes.split(",")):
        with tempfile.TemporaryDirectory(prefix="edi-scale-") as tmp:
            result = run(admin, Path(tmp), args.files, processes=n,
                         starts=(0.0,) * n if not args.kills else (0.0, 3.0, 5.0),
                         kills=args.kills, batch=args.batch)
        print(f"{n} process(es): " + ", ".join(f"{k} {v}" for k, v in result.items()),
              flush=True)


if __name__ == "__main__":
    main()

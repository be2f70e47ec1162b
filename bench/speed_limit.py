"""Issue 17's figures in one run, side by side: `edi process` against two bare saxonche
processes on the same files and stylesheets. Prints figures; asserts nothing.

    .venv/bin/python bench/speed_limit.py [--flows 2000] [--workers 2] [--only xsd,full,...]
                                          [--dir FOLDER] [--runs 1] [--mix ubl,cii]

Over N generated flows (half UBL, half CII, each a French B2B invoice: EN 16931 and BR-FR
judge it; ``--mix cii`` or ``--mix ubl`` for one syntax, as the goals are stated), each
`edi process` run in a fresh workspace with quiet_period 0:
- ``xsd``: `edi process --layers xml,xsd` (goal: 300 flows/s);
- ``full``: every default layer (antivirus off: no clamd), optimised stylesheets (default);
- ``original``: the same with ``[schematron] optimised = false``, the official files;
- ``bare``/``bare-optimised``: the ceiling, two spawned processes doing nothing but
  saxonche transforms of the same files by the stylesheets the layers pick for them
  (EN 16931 + BR-FR), timed after compilation and a warm pass, no XSD, no SVRL reading.
For each: flows/s end to end (wall, start-up included) and as edi counts them (after
start-up), CPU seconds per flow of the whole process tree, peak RSS of the tree. Then the
ratios the goals are stated in. Other work on the machine moves absolute figures a lot
(the load average is printed before and after): compare ratios within one run.

``--dir``: where the workspaces go (default: the system temporary folder); each `edi
process` line says what creating one file cost there just before (``create``): on an ext4
without a journal that is up to a millisecond where files were deleted in the last ~30 s
(see bench/process.py), and the xml,xsd figure then measures the filesystem.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench._common import run_edi  # noqa: E402
from bench.process import create_cost  # noqa: E402

CONFIG = """
[intake]
quiet_period = 0.0
[validation]
workers = {workers}
layers = {layers}
[schematron]
optimised = {optimised}
"""
FULL = ["xml", "xsd", "envelope", "attachments", "en16931", "br-fr", "identifiers", "chorus"]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def edi_process(corpus: Path, n: int, workers: int, layers: list[str],
                optimised: bool, where: str | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="edi-speed-", dir=where) as tmp:
        root = Path(tmp)
        shutil.copytree(corpus, root / "inbox")
        create = create_cost(root)
        (root / "edi.toml").write_text(CONFIG.format(
            workers=workers, layers=repr(layers).replace("'", '"'),
            optimised="true" if optimised else "false"))
        cpu = children_cpu()
        proc, elapsed, rss = run_edi(["process"], root)
        cpu = children_cpu() - cpu
        if proc.returncode != 0:
            print(proc.stderr[-3000:])
            raise SystemExit(f"edi process failed ({proc.returncode})")
        said = proc.stderr.strip().splitlines()[-1]
        counted = float(said.split(" s (")[1].split("/s")[0]) if " s (" in said else 0.0
        delivered = sum(1 for _ in (root / "outbox").iterdir())
        parent = rss.cpu_each.get(rss.pid, 0.0)   # as last sampled (0.2 s before exit)
        return {"wall": n / elapsed, "counted": counted, "cpu": cpu / n,
                "parent_cpu": parent / n, "rss": rss.peak_total / 1024,
                "delivered": delivered, "seconds": elapsed, "create": create}


# -- the ceiling: bare saxonche -------------------------------------------------------------

def _bare_worker(paths: list[str], optimised: bool, out: mp.Queue) -> None:
    from edi.config import Settings
    from edi.parsers import read, unpack
    from edi.validators import schematron as sch
    from edi.validators.schematron_settings import SchematronSettings

    settings = Settings()
    options = settings.section(SchematronSettings)
    engine = sch.process_engine()
    plan = []
    for path in paths:   # the rule sets the layers pick, as they pick them (not timed)
        data = Path(path).read_bytes()
        doc = unpack(Path(path).name, data, settings.limits)[0]
        read(doc, settings.limits)
        keys = [sch.en16931_plan(doc, options)[0], *sch.french_plan(doc, options)]
        plan.append((data.decode("utf-8"), keys))
    for _text, keys in plan:
        for key in keys:
            engine.executable(key, optimised)

    def once(text: str, keys: list[str]) -> None:
        node = engine.processor.parse_xml(xml_text=text)
        for key in keys:
            engine.executable(key, optimised).transform_to_string(xdm_node=node)  # type: ignore[attr-defined]

    for text, keys in plan[:20]:   # warm pass
        once(text, keys)
    started = time.perf_counter()
    cpu = time.process_time()
    for text, keys in plan:
        once(text, keys)
    out.put((time.perf_counter() - started, time.process_time() - cpu,
             sorted({k for _, keys in plan for k in keys})))


def bare(paths: list[Path], workers: int, optimised: bool) -> dict[str, object]:
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()
    # pairs dealt in turn (the batch alternates UBL and CII): each process gets both
    shares = [[str(p) for j, p in enumerate(paths) if (j // 2) % workers == i]
              for i in range(workers)]
    t0 = time.perf_counter()
    procs = [ctx.Process(target=_bare_worker, args=(share, optimised, out)) for share in shares]
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    wall = time.perf_counter() - t0
    slowest = max(r[0] for r in results)
    return {"rate": len(paths) / slowest, "wall": len(paths) / wall,
            "cpu": sum(r[1] for r in results) / len(paths),
            "keys": sorted({k for r in results for k in r[2]})}


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--flows", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--only", default="xsd,full,original,bare,bare-optimised")
    ap.add_argument("--dir", help="where the workspaces go")
    ap.add_argument("--mix", default="ubl,cii",
                    help="the syntaxes of the generated flows, in turn (samples.write_batch)")
    ap.add_argument("--runs", type=int, default=1,
                    help="rounds of every run, interleaved; ratios are of the medians")
    args = ap.parse_args()
    wanted = args.only.split(",")
    if args.dir:
        Path(args.dir).mkdir(parents=True, exist_ok=True)

    from edi import samples

    mix = tuple(args.mix.split(","))
    print(f"bench/speed_limit.py: {args.flows} flows ({', '.join(mix)}), {args.workers} workers "
          f"on {os.cpu_count()} cores; load average {load()}")
    with tempfile.TemporaryDirectory(prefix="edi-speed-corpus-") as tmp:
        corpus = Path(tmp) / "inbox"
        paths = samples.write_batch(corpus, args.flows, mix=mix)
        old = time.time() - 3600
        for p in paths:
            os.utime(p, (old, old))
        rounds: dict[str, list[dict]] = {}
        runs = {"xsd": (["xml", "xsd"], True), "full": (FULL, True),
                "original": (FULL, False)}
        for round_no in range(args.runs):
            if args.runs > 1:
                print(f" round {round_no + 1} of {args.runs}")
            for name, (layers, optimised) in runs.items():
                if name not in wanted:
                    continue
                r = edi_process(corpus, args.flows, args.workers, layers, optimised, args.dir)
                rounds.setdefault(name, []).append(r)
                print(f"  edi process {name:<9} {r['wall']:7.1f} flows/s end to end "
                      f"({r['seconds']:.1f} s), {r['counted']:7.1f} as edi counts them; "
                      f"{r['cpu'] * 1000:6.1f} ms CPU/flow (parent "
                      f"{r['parent_cpu'] * 1000:.1f}, last seen); peak RSS {r['rss']:.0f} MB; "
                      f"delivered {r['delivered']}; create {r['create']:.0f} µs; load {load()}")
            for name, optimised in (("bare", False), ("bare-optimised", True)):
                if name not in wanted:
                    continue
                b = bare(paths, args.workers, optimised)
                rounds.setdefault(name, []).append(b)
                print(f"  {name:<24} {b['rate']:7.1f} flows/s transforms only "
                      f"({b['wall']:.1f} with start-up and compilation), "
                      f"{b['cpu'] * 1000:6.1f} ms CPU/flow; rule sets {b['keys']}; "
                      f"load {load()}")
    # each figure the median of its rounds (saxonche's cost per transform moves by a
    # quarter between rounds of one process: one round is not enough to compare)
    got = {name: {m: statistics.median(r[m] for r in rs) for m in rs[0]
                  if isinstance(rs[0][m], (int, float))} for name, rs in rounds.items()}
    of = f", medians of {args.runs} rounds" if args.runs > 1 else ""
    print(f"ratios (same run{of}):")
    if "xsd" in got:
        print(f"  xml,xsd: {got['xsd']['counted']:.0f} flows/s as edi counts them "
              f"(goal 300): {got['xsd']['counted'] / 300:.2f} of the goal")
    for run, ceiling in (("original", "bare"), ("full", "bare"), ("full", "bare-optimised")):
        if run in got and ceiling in got:
            r, c = got[run], got[ceiling]
            print(f"  edi {run} / {ceiling}: {r['counted'] / c['rate']:.2f} of its flows/s "
                  f"({r['wall'] / c['rate']:.2f} end to end), "
                  f"{r['cpu'] / c['cpu']:.2f}x its CPU per flow")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()

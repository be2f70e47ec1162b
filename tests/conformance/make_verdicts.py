"""Write tests/conformance/facturx_verdicts.json: the Schematron verdict of every file of
../shared/corpus/facturx/ZUGFeRDv2 under the pinned rules.

Run by hand, then review the diff: a change of rule version or of our layers shows up there,
never as a silently refreshed snapshot (the test only reads this file).

    .venv/bin/python -m tests.conformance.make_verdicts
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conformance.corpus import CORPUS, corpus_files, judge, schematron_layers
from tests.conftest import SHARED

VERDICTS = Path(__file__).with_name("facturx_verdicts.json")


def main() -> None:
    root = SHARED.joinpath(*CORPUS)
    layers = schematron_layers()
    files = {p.relative_to(root).as_posix(): judge(layers, p) for p in corpus_files(root)}
    data = {
        "about": "Schematron verdicts (layers en16931 + br-fr, default settings) of "
                 "../shared/corpus/facturx/ZUGFeRDv2, written by make_verdicts.py and "
                 "reviewed; the maintainers' correct/ and fail/ folders predate the pinned "
                 "rules, so they do not decide the verdict.",
        "files": files,
    }
    VERDICTS.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    rejected = sum(v["verdict"] == "rejected" for v in files.values())
    print(f"{len(files)} files, {rejected} rejected -> {VERDICTS}")


if __name__ == "__main__":
    main()

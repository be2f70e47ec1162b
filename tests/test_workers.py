"""Validation workers load what judging needs and nothing else: not the ledger (SQLAlchemy,
Alembic), the web app (Starlette), SSH (paramiko) or the conductor. Every worker pays
for what it imports, at each start and in memory, so this is checked in real workers:
one started the way the pool starts them, and the pool of `edi validate` itself, whose
spawned workers run the console script again (as ``__mp_main__``) before anything else.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from edi import samples
from edi.model import Profile
from tests.conftest import REPO
from tests.worker_probe import FORBIDDEN

# Every kind of file a worker opens: UBL, CII, a Factur-X PDF, an archive of them.
LAYERS = ["xml", "xsd", "envelope", "attachments", "en16931", "br-fr", "identifiers",
          "chorus"]


def deposits(folder: Path) -> list[Path]:
    files = {"ubl.xml": samples.ubl_invoice(), "cii.xml": samples.cii_invoice(Profile.BASIC),
             "facturx.pdf": samples.facturx_pdf()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    files["lot.zip"] = buffer.getvalue()
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


WORKER = """
import json, sys
from pathlib import Path
from edi.config import Settings
from edi import workers
from tests.worker_probe import forbidden_loaded

settings = Settings().with_layers(tuple(json.loads(sys.argv[1])))
workers._init(settings)
workers._layers()
for path in sys.argv[2:]:
    outcome = workers._examine(workers.Job(path, Path(path).name, Path(path)))
    assert outcome.documents and outcome.error is None, outcome
    assert any(d.layers for d in outcome.documents), outcome   # the layers did run
print(json.dumps(forbidden_loaded()))
"""


def test_a_worker_examining_every_kind_of_file_loads_no_forbidden_module(
        tmp_path: Path) -> None:
    files = deposits(tmp_path)
    done = subprocess.run([sys.executable, "-c", WORKER, json.dumps(LAYERS),
                           *map(str, files)], cwd=REPO, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_the_workers_of_edi_validate_load_no_forbidden_module(tmp_path: Path) -> None:
    """The pool's own spawned workers, started by the console script: a probe layer
    plugged in by configuration reports, from inside each worker, what it has loaded."""
    files = deposits(tmp_path)
    config = tmp_path / "edi.toml"
    config.write_text(
        "[validation]\n"
        f"layers = {json.dumps([*LAYERS, 'probe'])}\n"
        'plugins = ["probe=tests.worker_probe:ProbeLayer"]\n'
        "workers = 2\n")
    edi = Path(sys.executable).with_name("edi")
    done = subprocess.run([str(edi), "--config", str(config), "validate", "--json",
                           *map(str, files)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode in (0, 1), done.stderr
    probes = [json.loads(f["message"]) for entry in json.loads(done.stdout)
              for inv in entry["invoices"] for f in inv["findings"]
              if f["rule_id"] == "TEST-PROBE"]
    assert len(probes) == 6, done.stdout       # 3 files, and the 3 members of the archive
    assert probes == [[]] * 6, f"loaded in a worker (none of {FORBIDDEN} may be): {probes}"

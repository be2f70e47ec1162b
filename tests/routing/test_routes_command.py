"""`edi routes test` through the real CLI: what works, what does not, and why."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.sftp.conftest import REPO, listing
from tests.sftp.sshd import Sshd, write_key


def edi(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command line, in its own process, as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "edi.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_routes_test_reports_each_target_and_partner(sshd: Sshd, remote: Path,
                                                     tmp_path: Path) -> None:
    impostor = tmp_path / "bad_known_hosts"
    impostor.write_text(f"[127.0.0.1]:{sshd.port} "
                        f"{write_key(tmp_path / 'other').public_line}\n")
    (tmp_path / "outbox").mkdir()
    toml = tmp_path / "edi.toml"
    toml.write_text(f"""
[paths]
outbox = "{tmp_path / 'outbox'}"

[[routes.target]]
name = "good"
url = "{sshd.url(remote)}"
known_hosts = "{sshd.known_hosts}"
key_file = "{sshd.ed25519.private}"

[[routes.target]]
name = "spoofed"
url = "{sshd.url(remote)}"
known_hosts = "{impostor}"
key_file = "{sshd.ed25519.private}"

[[routes.route]]
match = {{ format = "UBL" }}
targets = ["outbox", "good", "spoofed"]

[[sftp_intake.partner]]
name = "acme"
url = "{sshd.url(remote)}"
known_hosts = "{sshd.known_hosts}"
key_file = "{sshd.ed25519.private}"
""")
    result = edi("--config", str(toml), "routes", "test")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("OK   target outbox:") for line in lines), result.stdout
    assert any(line.startswith("OK   target good: connected") for line in lines)
    assert any(line.startswith("FAIL target spoofed:") and "CHANGED" in line
               and "(needs a fix)" in line for line in lines)
    assert any(line.startswith("OK   intake acme: connected, 0 file(s)") for line in lines)
    assert listing(remote) == [] and listing(tmp_path / "outbox") == []  # probes cleaned

    as_json = edi("--config", str(toml), "routes", "test", "--json")
    checks = {c["name"]: c for c in json.loads(as_json.stdout)}
    assert checks["good"]["ok"] and not checks["spoofed"]["ok"]
    assert checks["spoofed"]["transient"] is False

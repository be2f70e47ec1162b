"""Real edi-flux instances serving the Flow Service (``edi flow-service`` in a
subprocess, as a user runs it), and a self-signed certificate for TLS."""

from __future__ import annotations

import datetime
import ipaddress
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from edi.flowservice.client import FlowServiceClient
from tests.conftest import BACKEND, new_ledger_url

TOKEN = "test-token-of-the-suite"

CONFIG = """{ledger}
[intake]
quiet_period = 0.0
scan_interval = 0.3

[validation]
layers = [{layers}]
workers = 1

[delivery]
backoff_initial = 0.5
backoff_max = 1.0
jitter = 0.0

[flow_service]
port = {port}
webhook_poll = 0.2
webhook_backoff_initial = 0.2
webhook_backoff_max = 1.0
{flow_service}
"""


@dataclass
class Instance:
    root: Path
    ledger: str
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen[str] | None = None
    url: str = ""
    log: Path | None = None

    def configure(self, flow_service: str = "", extra: str = "",
                  layers: tuple[str, ...] = ("xml", "xsd"), port: int = 0) -> None:
        ledger = f'[paths]\nledger = "{self.ledger}"\n'
        text = CONFIG.format(ledger=ledger, layers=", ".join(f'"{x}"' for x in layers),
                             flow_service=flow_service, port=port)
        (self.root / "edi.toml").write_text(text + extra, encoding="utf-8")

    def start(self, timeout: float = 60) -> str:
        env = {**os.environ, "EDI_API_TOKEN": TOKEN, **self.env}
        env.pop("EDI_CONFIG", None)
        env.pop("EDI_CRASH_AT", None)
        self.log = self.root / f"stderr-{time.monotonic_ns()}.log"
        with open(self.log, "w") as err:
            self.proc = subprocess.Popen([sys.executable, "-m", "edi.cli", "flow-service"],
                                         cwd=self.root, env=env, stdout=subprocess.DEVNULL,
                                         stderr=err, text=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(r"Flow Service \(XP Z12-013 1\.3\.0\) on (\S+)/v1",
                              self.log.read_text())
            if found:
                self.url = found.group(1)
                return self.url
            if self.proc.poll() is not None:
                raise AssertionError(f"edi flow-service exited {self.proc.returncode}:\n"
                                     f"{self.log.read_text()}")
            time.sleep(0.05)
        raise AssertionError(f"edi flow-service did not start:\n{self.log.read_text()}")

    def stop(self) -> str:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=60)
        self.proc = None
        return self.log.read_text() if self.log else ""

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        self.proc = None

    def client(self, token: str = TOKEN, ca_file: Path | None = None) -> FlowServiceClient:
        return FlowServiceClient(self.url, token=token, ca_file=ca_file, timeout=30)

    def wait_ack(self, flow_id: str, timeout: float = 60) -> dict:
        """The flow's Flow object once its acknowledgement is no longer Pending."""
        deadline = time.monotonic() + timeout
        client = self.client(ca_file=self.root.parent / "ca.pem"
                             if (self.root.parent / "ca.pem").exists() else None)
        while time.monotonic() < deadline:
            body = client.get(flow_id).json()
            if body["acknowledgement"]["status"] != "Pending":
                return body
            time.sleep(0.1)
        raise AssertionError(f"{flow_id} still Pending after {timeout} s")


@pytest.fixture
def instances(tmp_path: Path) -> Iterator[list[Instance]]:
    """Make instances with ``make(name)``; all are stopped after the test."""
    made: list[Instance] = []
    yield made
    for inst in made:
        inst.kill()


def make_instance(made: list[Instance], root: Path) -> Instance:
    root.mkdir(parents=True, exist_ok=True)
    ledger = new_ledger_url(root) if BACKEND == "postgresql" else \
        f"sqlite:///{root / 'var' / 'edi.sqlite'}"
    inst = Instance(root, ledger)
    made.append(inst)
    return inst


@pytest.fixture
def one(instances: list[Instance], tmp_path: Path) -> Iterator[Instance]:
    inst = make_instance(instances, tmp_path / "edi")
    inst.configure()
    inst.start()
    yield inst


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by itself (its own CA), and its key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "ca.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path

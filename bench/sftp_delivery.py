"""Delivering small invoices to a local OpenSSH sshd: files per second with one reused
connection, against one connection per file. Prints figures, asserts nothing.

    .venv/bin/python bench/sftp_delivery.py [--files 1000] [--per-file-sample 100]

The per-file-connection run is sampled (each handshake costs a fifth of a second or so);
its rate is what matters for the ratio.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from edi.routing.sftp import SftpOptions, SftpTarget  # noqa: E402
from tests.sftp.sshd import Sshd  # noqa: E402


def invoice(i: int) -> bytes:
    try:
        from edi.samples import ubl_invoice

        return ubl_invoice(number=f"BENCH-{i:05d}")
    except (ImportError, TypeError):
        return (b"<Invoice>" + f"BENCH-{i:05d}".encode() + b"</Invoice>").ljust(4096, b" ")


def run(server: Sshd, folder: Path, contents: list[bytes], options: SftpOptions,
        reuse: bool, check_exists: bool) -> float:
    folder.mkdir()
    target = SftpTarget(server.url(folder), options)
    t0 = time.perf_counter()
    for i, content in enumerate(contents):
        name = f"F{i:05d}.xml"
        if not reuse:
            target = SftpTarget(server.url(folder), options)
        if not (check_exists and target.exists(name)):
            target.deliver(name, content)
        if not reuse:
            target.close()
    elapsed = time.perf_counter() - t0
    target.close()
    assert len(list(folder.iterdir())) == len(contents)
    return len(contents) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--per-file-sample", type=int, default=100)
    args = parser.parse_args()
    contents = [invoice(i) for i in range(args.files)]
    size = sum(map(len, contents)) / len(contents)
    with tempfile.TemporaryDirectory() as tmp, Sshd(Path(tmp) / "sshd") as server:
        base = dict(known_hosts=server.known_hosts, key_file=server.ed25519.private)
        print(f"{args.files} invoices of {size / 1024:.1f} KiB on average to "
              f"sshd at 127.0.0.1:{server.port}")
        rows = [
            ("reused connection, fsync", True, False, dict(fsync=True)),
            ("reused connection, no fsync", True, False, dict(fsync=False)),
            ("reused connection, fsync, exists() first (as the pipeline)", True, True,
             dict(fsync=True)),
        ]
        rates: dict[str, float] = {}
        for n, (label, reuse, exists, extra) in enumerate(rows):
            rate = run(server, Path(tmp) / f"run{n}", contents,
                       SftpOptions(**base, **extra), reuse, exists)  # type: ignore[arg-type]
            rates[label] = rate
            print(f"  {label:<60} {rate:8.0f} files/s")
        sample = contents[:args.per_file_sample]
        per_file = run(server, Path(tmp) / "per-file", sample,
                       SftpOptions(**base, fsync=True), False, False)  # type: ignore[arg-type]
        print(f"  {'one connection per file, fsync (' + str(len(sample)) + ' files)':<60} "
              f"{per_file:8.0f} files/s")
        reused = rates["reused connection, fsync"]
        print(f"  ratio reused / per-file connection: {reused / per_file:.0f}x")


if __name__ == "__main__":
    main()

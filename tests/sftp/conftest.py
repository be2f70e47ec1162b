"""A real OpenSSH sshd for the SFTP tests: one for the session, fresh ones for tests that
take the server down. Without sshd the tests skip, except under CI=true where they fail:
CI must install Debian's openssh-server.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from edi.routing.sftp import SftpOptions, SftpTarget
from tests.sftp.sshd import Sshd, SshdMissing

REPO = Path(__file__).resolve().parents[2]


def _launch(base: Path) -> Sshd:
    try:
        server = Sshd(base)
    except SshdMissing as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{exc} (CI=true: .ci/run must install it)")
        pytest.skip(str(exc))
    server.start()
    return server


@pytest.fixture(scope="session")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sshd]:
    server = _launch(tmp_path_factory.mktemp("sshd"))
    yield server
    server.stop()


@pytest.fixture
def own_sshd(tmp_path: Path) -> Iterator[Sshd]:
    """A server of this test's own, free to be stopped, killed or paused."""
    server = _launch(tmp_path / "sshd")
    yield server
    server.stop()


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """The partner's folder, as the server sees it (same machine, so the test can look)."""
    folder = tmp_path / "remote"
    folder.mkdir()
    return folder


TargetFactory = Callable[..., SftpTarget]


@pytest.fixture
def make_target(sshd: Sshd, remote: Path) -> Iterator[TargetFactory]:
    """Build SftpTargets (closed at teardown); defaults: this test's folder, Ed25519 key."""
    made: list[SftpTarget] = []

    def make(server: Sshd | None = None, folder: Path | str | None = None,
             **options: object) -> SftpTarget:
        server = server or sshd
        opts: dict[str, object] = {"known_hosts": server.known_hosts,
                                   "key_file": server.ed25519.private, "timeout": 10.0,
                                   "connect_timeout": 5.0}
        opts.update(options)
        target = SftpTarget(server.url(folder or remote), SftpOptions(**opts))  # type: ignore[arg-type]
        made.append(target)
        return target

    yield make
    for target in made:
        target.close()


def listing(folder: Path) -> list[str]:
    """Every entry of the remote folder, dotfiles included: leftovers must show."""
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs as the remote folder: ENOSPC for real. Needs root (CI runs as root)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip("cannot mount a 1 MB tmpfs to fill the remote disk (needs root): "
                    + (result.stderr.strip() or f"mount exited {result.returncode}"))
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that need the real sshd carry the ``sshd`` marker."""
    for item in items:
        if {"sshd", "own_sshd", "make_target"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.sshd)

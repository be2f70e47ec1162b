"""Routing tests: the route table, the targets. Those that need a real OpenSSH sshd get
the ``sshd`` marker (``-m "not sshd"`` runs the rest); its fixtures are the SFTP
intake's (tests/sftp/conftest.py)."""

from __future__ import annotations

import pytest

from tests.sftp.conftest import (  # noqa: F401  (fixtures, shared)
    make_target,
    own_sshd,
    remote,
    sshd,
    tiny_disk,
)

SSHD_FIXTURES = {"sshd", "own_sshd", "make_target"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if SSHD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.sshd)

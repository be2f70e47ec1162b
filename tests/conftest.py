"""Fixtures shared by the whole suite.

``shared`` is ../shared (the official corpora). A user's fresh clone has none: tests that
need it skip there with the reason, but fail under CI=true, where it must be present.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def require_shared(*parts: str) -> Path:
    """The path under ../shared, or skip (fail under CI=true) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: the official corpora live in ../shared beside the clone"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: it must be there)")
        pytest.skip(reason)
    return path


@pytest.fixture
def shared() -> Path:
    return require_shared()

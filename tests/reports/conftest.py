"""Fixtures of the report tests."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest

from edi.reports import compte_rendu as cr


@pytest.fixture
def validate_every(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set EDI_CR_VALIDATE_EVERY as a new process would read it (its count from zero)."""
    def setting(value: str) -> None:
        monkeypatch.setenv(cr.VALIDATE_ENV, value)
        monkeypatch.setattr(cr, "_rendered", itertools.count())
        cr._validate_every.cache_clear()

    yield setting
    cr._validate_every.cache_clear()

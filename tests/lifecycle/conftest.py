"""Lifecycle tests: the e2e workspace, and every CDAR message a test builds collected so
that one test runs the official Schematron over all of them."""

from __future__ import annotations

from tests.e2e.conftest import Workspace, ws  # noqa: F401 (the fixture)
from tests.web.test_browser import browser, page  # noqa: F401 (Chromium fixtures)

__all__ = ["Workspace"]

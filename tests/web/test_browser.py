"""The dashboard in a real browser: Playwright driving Debian's Chromium, headless.

A screenshot of each page goes to test-artifacts/ (gitignored) for people to look at.
Without Chromium the tests skip with the reason, and fail under CI=true, where .ci/run
installs it (apt-get install chromium).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from edi.config import load
from edi.model import FlowStatus
from tests.web.conftest import REPO, Server, add_flow, document, free_port, start_server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " (CI=true: .ci/run must install it)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is absent (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield pg
    context.close()
    assert not errors, f"browser errors (CSP or script): {errors}"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = start_server(tmp_path_factory.mktemp("browser"), "[serve]\npoll_seconds = 0.3\n")
    try:
        yield srv
    finally:
        srv.stop()
        srv.filled.ledger.close()


def shot(pg: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def rows(pg: Any) -> list[str]:
    return pg.eval_on_selector_all("#flows tbody tr[data-flow]",
                                   "rs => rs.map(r => r.dataset.flow)")


def test_list_shows_flows_and_new_ones_appear_without_reload(live: Server, page: Any) -> None:
    page.goto(f"{live.url}/flows")
    assert set(rows(page)) == set(live.filled.ids.values())
    shot(page, "flows")
    page.evaluate("window.__same_page = true")
    fresh = add_flow(live.filled.ledger, FlowStatus.IN_INTEGRE, [document("FA-LIVE-1")],
                     "arrived-just-now.xml")
    page.wait_for_selector(f'#flows tr[data-flow="{fresh.flow_id}"]')
    assert rows(page)[0] == fresh.flow_id
    assert page.evaluate("window.__same_page") is True          # no reload happened
    assert page.inner_text("#total").startswith(str(len(live.filled.ids) + 1))
    shot(page, "flows-live")


def test_filters_and_search(live: Server, page: Any) -> None:
    ids = live.filled.ids
    page.goto(f"{live.url}/flows")
    page.select_option("#f-status", "IN_REJETE")
    page.click("#f-apply")
    page.wait_for_url("**status=IN_REJETE**")
    assert rows(page) == [ids["rejected"]]
    shot(page, "flows-filtered")

    page.goto(f"{live.url}/flows")
    page.fill("#f-q", "FA-P-2")
    page.press("#f-q", "Enter")
    page.wait_for_url("**q=FA-P-2**")
    assert rows(page) == [ids["partial"]]

    page.goto(f"{live.url}/flows")
    page.select_option("#f-format", "CII")
    page.click("#f-apply")
    page.wait_for_url("**format=CII**")
    assert rows(page) == [ids["cii"]]


def test_detail_shows_findings_and_history(live: Server, page: Any) -> None:
    page.goto(f"{live.url}/flows?status=IN_REJETE")
    page.click(f'a[href="/flows/{live.filled.ids["rejected"]}"]')
    page.wait_for_selector("#flow-id")
    findings = page.inner_text("#invoice-1 table.findings")
    for text in ("BR-FR-12", "fatal", "/Invoice/cbc:BuyerReference", "BT-10",
                 "BR-CO-15", "BR-FR-W-01", "warning"):
        assert text in findings
    history = page.inner_text("#history")
    assert history.index("IN_RECU") < history.index("IN_REJETE")
    shot(page, "flow-detail")


def test_overview_chart_and_figures(live: Server, page: Any) -> None:
    page.goto(f"{live.url}/")
    assert page.locator("#chart rect").count() >= 4      # several statuses today, one 3 days ago
    assert "BR-FR-12" in page.inner_text("#top-rules")
    assert live.filled.ids["retry"] in page.inner_text("#card-oldest")
    assert page.inner_text("#card-retries .big").strip() != "0"
    shot(page, "overview")


def test_flows_processed_by_the_cli(tmp_path: Path, page: Any) -> None:
    """Real files through `edi process`, then the dashboard over that workspace."""
    from edi import samples
    from edi.web.app import serve_in_thread

    (tmp_path / "edi.toml").write_text(
        '[intake]\nquiet_period = 0.0\n[validation]\nlayers = ["xml", "xsd"]\nworkers = 1\n',
        encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.xml").write_bytes(samples.ubl_invoice(number="FA-CLI-1"))
    (inbox / "cii.xml").write_bytes(samples.cii_invoice(number="FA-CLI-2"))
    (inbox / "broken.xml").write_bytes(b"<Invoice><unclosed></Invoice>")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("EDI_CONFIG", None)
    run = subprocess.run([sys.executable, "-m", "edi.cli", "process"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr

    settings = load(tmp_path / "edi.toml", base_dir=tmp_path)
    port = free_port()
    stop = serve_in_thread(settings, "127.0.0.1", port)
    try:
        page.goto(f"http://127.0.0.1:{port}/flows")
        table = page.inner_text("#flows")
        for name in ("good.xml", "cii.xml", "broken.xml"):
            assert name in table
        assert "IN_INTEGRE" in table and "IN_REJETE" in table
        page.click("text=broken.xml >> xpath=../td[2]/a")
        page.wait_for_selector("#flow-id")
        body = page.inner_text("main")
        assert "IRR_SYNTAX" in body and "fatal" in body
        assert page.locator("#dl-original").count() == 1
        assert page.locator("#dl-cr-json").count() == 1
        shot(page, "flow-detail-cli")
        with page.expect_download() as dl:
            page.click("#dl-original")
        assert Path(dl.value.path()).read_bytes() == b"<Invoice><unclosed></Invoice>"
    finally:
        stop()

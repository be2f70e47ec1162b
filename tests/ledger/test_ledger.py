"""The ledger on the backend under test (a SQLite file, or PostgreSQL: tests/conftest.py)."""

from __future__ import annotations

import threading

from edi.ledger import FlowQuery, Ledger
from edi.model import Flow, FlowStatus, new_flow_id, utcnow


def _flow(name: str = "f.xml", sha: str = "a" * 64) -> Flow:
    return Flow(flow_id=new_flow_id(), file_name=name, sha256=sha, size=3,
                interface="inbox", status=FlowStatus.IN_RECU, received_at=utcnow(),
                source=f"/in/{name}")


def test_flow_ids_are_unique_and_sort_by_time() -> None:
    ids = [new_flow_id() for _ in range(2000)]
    assert len(set(ids)) == 2000
    assert ids == sorted(ids)


def test_status_history_and_queries(ledger_url: str) -> None:
    ledger = Ledger(ledger_url)
    a, b = _flow("a.xml"), _flow("b.xml", "b" * 64)
    ledger.receive([a, b])
    ledger.set_status(a.flow_id, FlowStatus.IN_EN_COURS_TRAITEMENT_CPP)
    ledger.set_status(a.flow_id, FlowStatus.IN_REJETE, "bad")
    assert [h["status"] for h in ledger.history(a.flow_id)] == [
        "IN_RECU", "IN_EN_COURS_TRAITEMENT_CPP", "IN_REJETE"]
    assert [f.flow_id for f in ledger.unfinished()] == [b.flow_id]
    assert [r["flow_id"] for r in ledger.flows(FlowQuery(status=["IN_REJETE"]))] == [a.flow_id]
    assert ledger.count(FlowQuery(search=b.flow_id)) == 1
    assert ledger.find_by_source("inbox", "/in/b.xml", "b" * 64).flow_id == b.flow_id
    assert ledger.find_by_source("inbox", "/in/b.xml", "c" * 64) is None
    ledger.record_scan("inbox")
    ledger.record_scan("inbox")


def test_business_keys_let_only_one_of_two_racing_flows_accept(ledger_url: str) -> None:
    url = ledger_url
    Ledger(url).close()
    winners: list[str] = []
    barrier = threading.Barrier(8)

    def race(i: int) -> None:
        ledger = Ledger(url)
        fid = f"F{i}"
        barrier.wait()
        if not ledger.reserve_keys(fid, {1: "SIRET|N-1|2026"}):
            winners.append(fid)
        ledger.close()

    threads = [threading.Thread(target=race, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(winners) == 1
    ledger = Ledger(url)
    # the winner redoing its reservation (after a crash) is not a duplicate of itself
    assert ledger.reserve_keys(winners[0], {1: "SIRET|N-1|2026"}) == {}
    # twins inside one archive: the second is the duplicate
    assert ledger.reserve_keys("G", {1: "K|2|2026", 2: "K|2|2026"}) == {2: "G"}


def test_a_redo_keeps_its_own_keys_and_still_rejects_twins_inside_it(ledger_url: str
                                                                       ) -> None:
    ledger = Ledger(ledger_url)
    first = {1: "K|1|2026", 2: "K|1|2026", 3: "K|3|2026"}
    assert ledger.reserve_keys_many({"A": first, "B": {1: "K|3|2026"}}) == {
        "A": {2: "A"}, "B": {1: "A"}}
    # the same flow redone after a crash: its keys are its own, the twin is still a twin
    assert ledger.reserve_keys("A", first) == {2: "A"}

"""Leases on a real ledger (SQLite or PostgreSQL): one owner per flow, taken only once
free or expired (by the database's clock), checked at every status write, renewed by the
heartbeat, given back on close; claims of inbox and remote files the same way.

Two ``Ledger`` objects on one database stand for two processes: each is an owner.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from edi import config
from edi.intake.claim import adopt_orphans, claim_files, work_name
from edi.ledger import LeaseLost, Ledger, Verdict
from edi.ledger import schema as s
from edi.model import Flow, FlowStatus, new_flow_id, utcnow

LEASE = 1.0   # seconds: short, so that expiry is seen within a test


@pytest.fixture
def pair(ledger_url: str) -> Iterator[tuple[Ledger, Ledger]]:
    a, b = Ledger(ledger_url), Ledger(ledger_url)
    a.lease_seconds = b.lease_seconds = LEASE
    yield a, b
    a.close()
    b.close()


def _flow(name: str = "a.xml") -> Flow:
    return Flow(new_flow_id(), name, "0" * 64, 3, "inbox", FlowStatus.IN_RECU, utcnow())


def _silence(ledger: Ledger) -> None:
    """The owner stops renewing (as a process frozen, or on a node cut off)."""
    if ledger._heartbeat is not None:
        ledger._heartbeat.stop()
        ledger._heartbeat = None


def _expire(ledger: Ledger) -> None:
    _silence(ledger)
    time.sleep(LEASE + 0.3)


def _terminal_events(ledger: Ledger, flow_id: str) -> list[str]:
    return [e["status"] for e in ledger.history(flow_id)
            if FlowStatus(e["status"]).terminal]


def test_a_received_flow_is_its_receiver_s_until_it_concludes(
        pair: tuple[Ledger, Ledger]) -> None:
    a, b = pair
    flow = _flow()
    a.receive([flow])
    owner, until = a.lease_of(flow.flow_id)
    assert owner == a.owner and until is not None
    assert b.take_abandoned() == []               # live: nobody else takes it
    with pytest.raises(LeaseLost) as lost:
        b.set_status(flow.flow_id, FlowStatus.IN_INCIDENTE, "not mine")
    assert flow.flow_id in str(lost.value) and b.owner in str(lost.value)
    assert b.set_many([flow.flow_id], FlowStatus.IN_EN_COURS_TRAITEMENT_CPP) == {flow.flow_id}
    assert a.set_many([flow.flow_id], FlowStatus.IN_EN_COURS_TRAITEMENT_CPP) == set()
    a.finish(flow, FlowStatus.IN_REJETE, [], "IRR_VIDE_F", 0.1, {})
    assert a.lease_of(flow.flow_id) == (a.owner, None)   # concluded: given back
    assert [e["status"] for e in a.history(flow.flow_id)] == [
        "IN_RECU", "IN_EN_COURS_TRAITEMENT_CPP", "IN_REJETE"]


def test_an_expired_lease_is_taken_over_and_its_old_owner_writes_nothing(
        pair: tuple[Ledger, Ledger]) -> None:
    a, b = pair
    flow = _flow()
    a.receive([flow])
    a.set_many([flow.flow_id], FlowStatus.IN_EN_COURS_TRAITEMENT_CPP)
    _expire(a)
    [taken] = b.take_abandoned()
    assert taken.flow_id == flow.flow_id and b.lease_of(flow.flow_id)[0] == b.owner
    assert b.take_abandoned() == []                   # taken once
    # the old owner wakes up: each of its writes leaves the flow alone
    assert a.set_many([flow.flow_id], FlowStatus.IN_EN_COURS_TRAITEMENT_CPP) == {flow.flow_id}
    assert a.archived([(flow.flow_id, "/x", "1" * 64, 3)]) == {flow.flow_id}
    [(verdict, error)] = a.finish_many([Verdict(flow, FlowStatus.IN_INTEGRE, [], None, 0.1,
                                                {})])
    assert isinstance(error, LeaseLost) and verdict.flow is flow
    with pytest.raises(LeaseLost):
        a.schedule_retry(flow.flow_id, 1, utcnow(), "target down")
    with pytest.raises(LeaseLost):
        a.still_written(flow.flow_id, "2" * 64, 4, utcnow(), "changed")
    assert b.finish_many([Verdict(flow, FlowStatus.IN_INTEGRE, [], None, 0.1, {})]) == []
    # concluded and given back by its new owner: the old one still writes nothing
    [(_, error)] = a.finish_many([Verdict(flow, FlowStatus.IN_REJETE, [], None, 0.1, {})])
    assert isinstance(error, LeaseLost)
    with pytest.raises(LeaseLost):
        a.set_status(flow.flow_id, FlowStatus.IN_INCIDENTE, "late")
    assert _terminal_events(b, flow.flow_id) == ["IN_INTEGRE"]
    assert b.get(flow.flow_id).sha256 == "0" * 64     # nothing of the old owner's


def test_an_owner_silent_but_not_taken_over_still_writes(pair: tuple[Ledger, Ledger]) -> None:
    a, _ = pair
    flow = _flow()
    a.receive([flow])
    _expire(a)
    a.finish(flow, FlowStatus.IN_REJETE, [], "IRR_VIDE_F", 0.1, {})
    assert _terminal_events(a, flow.flow_id) == ["IN_REJETE"]


def test_the_heartbeat_keeps_a_lease_past_its_duration(pair: tuple[Ledger, Ledger]) -> None:
    a, b = pair
    flow = _flow()
    a.receive([flow])
    first = a.lease_of(flow.flow_id)[1]
    time.sleep(LEASE * 2.5)                            # several beats
    assert b.take_abandoned() == []
    assert a.lease_of(flow.flow_id)[1] > first


def test_a_ledger_dropped_without_close_ends_its_heartbeat_at_once(ledger_url: str) -> None:
    """Its thread is woken when the ledger goes, not left asleep until its next beat
    (a third of the lease: 20 s by default), when a test's database may be gone."""
    import gc

    ledger = Ledger(ledger_url)
    ledger.receive([_flow()])
    beat = ledger._heartbeat
    assert beat is not None and beat.every >= 10 and beat._thread.is_alive()
    ledger.engine.dispose()
    del ledger
    gc.collect()
    beat._thread.join(timeout=5)
    assert not beat._thread.is_alive()


def test_lease_times_are_the_database_s_not_the_node_s(pair: tuple[Ledger, Ledger]) -> None:
    """A node whose clock is an hour off takes the same leases: expiry is computed and
    compared in SQL; the Python clock is never read for it."""
    a, b = pair
    flow = _flow()
    a.receive([flow])
    _silence(a)
    with a.engine.connect() as c:  # an expiry an hour ahead, as a fast node would write
        c.execute(update(s.flows).values(lease_expires_at=utcnow() + timedelta(hours=1)))
        c.commit()
    assert b.take_abandoned() == []
    with a.engine.connect() as c:  # and one that the database's clock says is past
        c.execute(update(s.flows).values(lease_expires_at=utcnow() - timedelta(seconds=1)))
        c.commit()
    assert [f.flow_id for f in b.take_abandoned()] == [flow.flow_id]


def test_close_gives_the_flows_in_hand_back_at_once(pair: tuple[Ledger, Ledger]) -> None:
    a, b = pair
    flow = _flow()
    a.receive([flow])
    a.close()
    assert [f.flow_id for f in b.take_abandoned()] == [flow.flow_id]


def test_concurrent_takers_never_share_a_flow(ledger_url: str) -> None:
    setup = Ledger(ledger_url)
    flows = [_flow(f"{i}.xml") for i in range(40)]
    setup.receive(flows)
    setup.close()                                      # 40 flows nobody owns
    takers = [Ledger(ledger_url) for _ in range(4)]
    got: dict[int, list[str]] = {}

    def take(i: int) -> None:
        ids: list[str] = []
        while batch := takers[i].take_abandoned(limit=3):
            ids += [f.flow_id for f in batch]
        got[i] = ids

    threads = [threading.Thread(target=take, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    taken = [fid for ids in got.values() for fid in ids]
    assert sorted(taken) == sorted(f.flow_id for f in flows)   # each once
    owners = {takers[i].owner: set(ids) for i, ids in got.items()}
    for owner, ids in owners.items():
        for fid in ids:
            assert takers[0].lease_of(fid)[0] == owner
    for t in takers:
        t.close()


def test_a_due_retry_is_taken_by_one_process(pair: tuple[Ledger, Ledger]) -> None:
    a, b = pair
    flow = _flow()
    a.receive([flow])
    a.schedule_retry(flow.flow_id, 1, utcnow() - timedelta(seconds=1), "target down")
    assert a.lease_of(flow.flow_id) == (a.owner, None)  # waiting: anyone may take it
    assert [f.flow_id for f in b.take_due(utcnow())] == [flow.flow_id]
    assert a.take_due(utcnow()) == []


def test_a_dead_owner_on_this_host_is_freed_at_once(ledger_url: str, tmp_path: Path) -> None:
    """An owner whose process is gone (same host) need not wait for its leases."""
    code = ("import sys; from edi.ledger import Ledger; from edi.model import *; "
            "l = Ledger(sys.argv[1]); l.lease_seconds = 600; "
            "l.receive([Flow(new_flow_id(), 'k.xml', '0'*64, 1, 'inbox', "
            "FlowStatus.IN_RECU, utcnow())]); import os; os._exit(0)")
    subprocess.run([sys.executable, "-c", code, ledger_url], check=True, timeout=60)
    heir = Ledger(ledger_url)
    try:
        assert heir.take_abandoned() == []             # a lease of 10 minutes, unexpired
        assert heir.reap() == 1
        assert [f.file_name for f in heir.take_abandoned()] == ["k.xml"]
    finally:
        heir.close()


def test_another_ledger_of_this_process_is_no_dead_owner(pair: tuple[Ledger, Ledger]) -> None:
    a, b = pair
    a.receive([_flow()])
    assert b.reap() == 0 and b.take_abandoned() == []


# -- claims ---------------------------------------------------------------------------

def _settings(tmp_path: Path, url: str) -> config.Settings:
    toml = tmp_path / "edi.toml"
    toml.write_text(f'[paths]\nledger = "{url}"\n')
    settings = config.load(toml, base_dir=tmp_path)
    settings.path(settings.paths.inbox).mkdir(parents=True, exist_ok=True)
    return settings


def test_a_claim_stopped_between_rename_and_record_is_recorded_by_another(
        pair: tuple[Ledger, Ledger], tmp_path: Path, ledger_url: str) -> None:
    a, b = pair
    settings = _settings(tmp_path, ledger_url)
    work = settings.path(settings.paths.work)
    work.mkdir(parents=True)
    fid = new_flow_id()
    a.intend([(fid, "inbox", "/in/x.xml")])           # claimed, renamed, then frozen
    (work / work_name(fid, "x.xml")).write_bytes(b"<x/>")
    gone = new_flow_id()
    a.intend([(gone, "inbox", "/in/y.xml")])          # claimed, never renamed
    assert adopt_orphans(b, settings) == []           # live claims: left to their owner
    _expire(a)
    [flow] = adopt_orphans(b, settings)
    assert (flow.flow_id, flow.file_name, flow.source) == (fid, "x.xml", "/in/x.xml")
    assert b.lease_of(fid)[0] == b.owner
    with b.engine.connect() as c:
        assert c.execute(select(s.intake_claims)).all() == []
    assert a.receive([flow]) == []                     # the old owner records nothing
    assert [e["status"] for e in b.history(fid)] == ["IN_RECU"]


def test_two_processes_racing_for_one_inbox_file_one_wins(
        pair: tuple[Ledger, Ledger], tmp_path: Path, ledger_url: str) -> None:
    a, b = pair
    settings = _settings(tmp_path, ledger_url)
    inbox = settings.path(settings.paths.inbox)
    for i in range(30):
        (inbox / f"{i:02}.xml").write_bytes(b"<x/>")
    paths = sorted(inbox.iterdir())
    got: dict[str, list[Flow]] = {}
    threads = [threading.Thread(target=lambda n=n, led=led: got.__setitem__(
        n, claim_files(paths if n == "a" else paths[::-1], interface="inbox", ledger=led,
                       settings=settings))) for n, led in (("a", a), ("b", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    names = sorted(f.file_name for flows in got.values() for f in flows)
    assert names == [p.name for p in paths]            # every file once
    assert a.count() == 30 and list(inbox.iterdir()) == []
    with a.engine.connect() as c:
        assert c.execute(select(s.intake_claims)).all() == []   # no claim left behind


def test_a_remote_file_is_claimed_by_one_process(pair: tuple[Ledger, Ledger]) -> None:
    a, b = pair
    source = "sftp://acme@h/in/x.xml"
    assert a.claim_remote("sftp:acme", source)
    assert not b.claim_remote("sftp:acme", source)
    assert a.claim_remote("sftp:acme", source)         # its own again: fine
    assert a.owner in a.remote_owners()
    a.release_remote("sftp:acme", source)
    assert b.claim_remote("sftp:acme", source)
    _expire(b)
    assert a.claim_remote("sftp:acme", source)         # b went silent: taken over


def _remote_claims(ledger: Ledger) -> list[tuple[str, str | None]]:
    r = s.remote_claims.c
    with ledger.engine.connect() as c:
        return sorted(tuple(row) for row in c.execute(select(r.source, r.owner)))


def test_a_remote_claim_whose_owner_died_or_went_silent_is_dropped(
        ledger_url: str, pair: tuple[Ledger, Ledger]) -> None:
    """A SIGKILLed process may have concluded the file it claimed (removed remotely,
    never listed again) before giving the claim back: nobody would claim that key again,
    so the claim is dropped, not merely freed, when its owner is known dead (same host)
    or let it expire; a live one's stays, and a clean stop deletes its own."""
    code = ("import sys, os; from edi.ledger import Ledger; l = Ledger(sys.argv[1]); "
            "l.lease_seconds = 600; l.claim_remote('sftp:acme', 'sftp://h/in/killed.xml'); "
            "os._exit(0)")
    subprocess.run([sys.executable, "-c", code, ledger_url], check=True, timeout=60)
    a, b = pair
    assert a.claim_remote("sftp:acme", "sftp://h/in/live.xml")
    assert b.claim_remote("sftp:acme", "sftp://h/in/silent.xml")
    assert [src for src, _ in _remote_claims(a)] == [
        "sftp://h/in/killed.xml", "sftp://h/in/live.xml", "sftp://h/in/silent.xml"]
    _expire(b)
    assert a.reap() == 2                         # the dead one's and the expired one
    assert _remote_claims(a) == [("sftp://h/in/live.xml", a.owner)]
    assert a.reap() == 0                         # nothing left to write
    a.close()
    assert _remote_claims(b) == []               # given back on a clean stop: no row

"""The ledger's schema comes from versioned migrations, on the backend under test.

A new ledger is created at head and matches edi/ledger/schema.py; a ledger made by
``create_all`` before migrations existed is adopted with its rows; first starts that race
on an empty database all succeed.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, insert, inspect, select, text
from sqlalchemy.pool import NullPool

from edi.ledger import Ledger, migrations
from edi.ledger import schema as s
from edi.model import FlowStatus, utcnow
from tests.ledger import legacy_schema as legacy


def _differences(url: str) -> list[object]:
    """What Alembic's autogenerate would change to make the database match schema.py."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as c:
            ctx = MigrationContext.configure(c, opts={"compare_type": True})
            diffs = compare_metadata(ctx, s.metadata)
    finally:
        engine.dispose()
    if engine.dialect.name == "sqlite":
        # 0002 leaves SQLite's INTEGER (64 bits already) as it is: BIGINT is a name there
        diffs = [d for d in diffs if not (isinstance(d, list) and d[0][0] == "modify_type"
                                          and d[0][2:4] == ("flows", "size"))]
    return diffs


def _revision(url: str) -> str | None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as c:
            return migrations.current(c)
    finally:
        engine.dispose()


def test_the_head_a_ledger_is_checked_against_is_alembic_s() -> None:
    assert migrations.head() == migrations.HEAD


def test_opening_a_ledger_at_head_does_not_import_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'edi.sqlite'}"
    Ledger(url).close()   # created at head: alembic ran
    code = ("import sys; from edi.ledger import Ledger; "
            f"Ledger({url!r}).close(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_a_new_ledger_is_created_at_head_and_matches_the_code_s_schema(ledger_url: str
                                                                       ) -> None:
    assert _revision(ledger_url) is None
    Ledger(ledger_url).close()
    assert _revision(ledger_url) == migrations.head()
    assert _differences(ledger_url) == []
    Ledger(ledger_url).close()  # at head: opening again changes nothing
    assert _revision(ledger_url) == migrations.head()


def test_a_ledger_made_before_migrations_is_adopted_with_its_rows(ledger_url: str) -> None:
    engine = create_engine(ledger_url, poolclass=NullPool)
    # As create_all made it, on a ledger first created before the dashboard indexes and
    # the instance guard existed (create_all never added those to existing tables).
    legacy.metadata.create_all(engine, tables=[t for t in legacy.metadata.sorted_tables
                                               if t.name != "instances"])
    with engine.begin() as c:
        c.exec_driver_sql("DROP INDEX ix_flows_file_name")
        at = utcnow() - timedelta(days=30)
        c.execute(insert(legacy.flows).values(
            flow_id="F20250101T000000000000-000001", file_name="old.xml", sha256="a" * 64,
            size=10, interface="inbox", source="/in/old.xml", status="IN_INTEGRE",
            received_at=at, updated_at=at, finished_at=at, attempts=0, invoice_count=1,
            accepted_count=1))
        c.execute(insert(legacy.flow_events).values(
            flow_id="F20250101T000000000000-000001", status="IN_INTEGRE", at=at,
            detail="1/1 invoice(s) accepted"))
        c.execute(insert(legacy.accepted_keys).values(
            business_key="S|N-1|2025", flow_id="F20250101T000000000000-000001", seq=1))
    engine.dispose()
    assert _revision(ledger_url) is None

    ledger = Ledger(ledger_url)
    try:
        assert _revision(ledger_url) == migrations.head()
        assert _differences(ledger_url) == []
        old = ledger.get("F20250101T000000000000-000001")
        assert old is not None and old.status is FlowStatus.IN_INTEGRE
        assert [h["status"] for h in ledger.history(old.flow_id)] == ["IN_INTEGRE"]
        assert ledger.reserve_keys("G", {1: "S|N-1|2025"}) == {1: old.flow_id}
        with ledger.reader.connect() as c:
            assert "ix_flows_file_name" in {ix["name"] for ix in
                                            inspect(c).get_indexes("flows")}
            assert c.execute(select(s.instances)).all() == []  # created, empty
    finally:
        ledger.close()


def test_first_starts_racing_on_an_empty_database_all_succeed(ledger_url: str) -> None:
    opener = ("import sys; from edi.ledger import Ledger; "
              "Ledger(sys.argv[1]).close(); print('opened')")
    procs = [subprocess.Popen([sys.executable, "-c", opener, ledger_url],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
    for out, err, code in results:
        assert code == 0 and out.strip() == "opened", err
    assert _revision(ledger_url) == migrations.head()
    assert _differences(ledger_url) == []


def test_every_revision_goes_down_and_up_again(ledger_url: str) -> None:
    from alembic import command

    Ledger(ledger_url).close()
    engine = create_engine(ledger_url, poolclass=NullPool)
    try:
        with engine.begin() as c:
            command.downgrade(migrations.config(c), "base")
        with engine.connect() as c:
            assert migrations.current(c) is None
            assert "flows" not in inspect(c).get_table_names()
    finally:
        engine.dispose()
    Ledger(ledger_url).close()
    assert _differences(ledger_url) == []


def test_a_ledger_newer_than_the_code_is_refused_with_what_to_do(ledger_url: str) -> None:
    Ledger(ledger_url).close()
    engine = create_engine(ledger_url, poolclass=NullPool)
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(migrations.NewerLedger, match="revision 9999.*newest is"):
        Ledger(ledger_url)


def test_statuses_written_without_the_cpp_suffix_are_renamed_by_0003(ledger_url: str
                                                                     ) -> None:
    from alembic import command

    Ledger(ledger_url).close()
    engine = create_engine(ledger_url, poolclass=NullPool)
    flow_id = "F20250101T000000000000-000002"
    at = utcnow()
    try:
        with engine.begin() as c:
            command.downgrade(migrations.config(c), "0002")
        with engine.begin() as c:
            c.execute(insert(s.flows).values(
                flow_id=flow_id, file_name="wait.xml", sha256="b" * 64, size=10,
                interface="inbox", source="/in/wait.xml", status="IN_EN_ATTENTE_TRAITEMENT",
                received_at=at, updated_at=at, attempts=1, invoice_count=1,
                accepted_count=0))
            for status in ("IN_EN_COURS_TRAITEMENT", "IN_EN_ATTENTE_TRAITEMENT"):
                c.execute(insert(s.flow_events).values(flow_id=flow_id, status=status,
                                                       at=at, detail=None))
    finally:
        engine.dispose()
    ledger = Ledger(ledger_url)
    try:
        flow = ledger.get(flow_id)
        assert flow is not None and flow.status is FlowStatus.IN_EN_ATTENTE_TRAITEMENT_CPP
        assert [h["status"] for h in ledger.history(flow_id)] == [
            "IN_EN_COURS_TRAITEMENT_CPP", "IN_EN_ATTENTE_TRAITEMENT_CPP"]
    finally:
        ledger.close()

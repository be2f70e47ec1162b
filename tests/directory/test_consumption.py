"""Orders recorded as engagements when their flow concludes; a full disk waits."""

from __future__ import annotations

import errno
import types
from pathlib import Path

import pytest

from edi.config import Limits, Settings
from edi.directory import load
from edi.directory import store as store_mod
from edi.directory.consumption import record_orders
from edi.durable import StorageUnavailable
from edi.flow.context import Concluding
from edi.model import Flow, FlowStatus, utcnow
from edi.parsers import read, unpack
from edi.parsers.order import judge
from tests.directory.test_orders_accounts import BUYER, SELLER, order_x


def concluding(data: bytes) -> Concluding:
    [doc] = unpack("o.xml", data, Limits())
    judge(doc, read(doc, Limits()))
    flow = Flow("F1", "o.xml", "0" * 64, len(data), "inbox", FlowStatus.IN_EN_COURS_TRAITEMENT_CPP,
                utcnow())
    return Concluding(flow, [doc])


def test_an_order_then_its_cancellation(tmp_path: Path) -> None:
    ctx = types.SimpleNamespace(settings=Settings(base_dir=tmp_path))
    path = tmp_path / "directory.sqlite"
    record_orders(ctx, path, [concluding(order_x(number="EJ-9", total="700.00"))])  # type: ignore[arg-type]
    e = load(path).engagements[BUYER]["EJ-9"]
    assert (str(e.amount), e.open, e.supplier, e.source) == ("700.00", True, SELLER, "flow F1")
    record_orders(ctx, path, [concluding(order_x(number="EJ-9", purpose="1"))])  # type: ignore[arg-type]
    assert not load(path).engagements[BUYER]["EJ-9"].open


def test_a_full_disk_makes_the_run_wait(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk cannot be made here (root, no tmpfs): the store's rewrite fails as
    one does."""
    def full(path: Path, change: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(store_mod, "rewrite", full)
    ctx = types.SimpleNamespace(settings=Settings(base_dir=tmp_path))
    with pytest.raises(StorageUnavailable) as caught:
        record_orders(ctx, tmp_path / "d.sqlite", [concluding(order_x())])  # type: ignore[arg-type]
    assert caught.value.folder == "directory" and caught.value.errno == errno.ENOSPC

"""Engagement consumption in the ledger, on the backend under test: once per invoice,
back for a credit note, and two workers racing for the last euro."""

from __future__ import annotations

import threading

from edi.ledger import Ledger
from edi.ledger import engagements as e

BUYER = "22605818858938"
LIMIT = 600_000   # 6,000.00


def use(flow: str, cents: int, seq: int = 1, limit: int | None = LIMIT) -> e.Use:
    return e.Use(flow, seq, BUYER, "EJ-1", cents, limit)


def test_each_invoice_takes_once_and_a_credit_note_gives_back(ledger_url: str) -> None:
    ledger = Ledger(ledger_url)
    try:
        [first] = e.consume(ledger.engine, [use("F1", 493_200)])
        assert (first.before_cents, first.over_cents, first.again) == (0, 0, False)
        [redo] = e.consume(ledger.engine, [use("F1", 493_200)])   # the same flow again
        assert redo.again and redo.over_cents == 0
        assert e.invoiced(ledger.reader) == {(BUYER, "EJ-1"): (493_200, 1)}
        [credit] = e.consume(ledger.engine, [use("AV1", -100_000)])
        assert credit.over_cents == 0
        assert e.invoiced(ledger.reader)[(BUYER, "EJ-1")] == (393_200, 2)
        [second] = e.consume(ledger.engine, [use("F2", 493_200)])
        # 3,932.00 invoiced, 2,068.00 remained: 4,932.00 goes 2,864.00 over
        assert (second.before_cents, second.over_cents) == (393_200, 286_400)
        ledger.release_keys("F2")   # reprocessed from scratch: its share comes back
        assert e.invoiced(ledger.reader)[(BUYER, "EJ-1")] == (393_200, 2)
    finally:
        ledger.close()


def test_two_workers_cannot_both_take_the_last_euro(ledger_url: str) -> None:
    Ledger(ledger_url).close()    # created at head before the race
    workers = [Ledger(ledger_url), Ledger(ledger_url)]
    start = threading.Barrier(len(workers))
    results: dict[str, list[e.Consumed]] = {}
    errors: list[BaseException] = []

    def work(n: int, ledger: Ledger) -> None:
        try:
            start.wait()
            for i in range(20):   # many rounds, so that the two truly interleave
                flow = f"W{n}-{i}"
                results[flow] = e.consume(ledger.engine, [use(flow, 30_000 + n)])
        except BaseException as exc:   # reported below, never swallowed
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n, w)) for n, w in enumerate(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        total = 20 * 30_000 + 20 * 30_001
        assert e.invoiced(workers[0].reader)[(BUYER, "EJ-1")] == (total, 40)
        over = [r for rs in results.values() for r in rs if r.over_cents]
        # 6,000.00 is reached by exactly one invoice (the 20th of 40), the rest all over;
        # each is told the total invoiced before it: every value seen exactly once.
        befores = sorted(r.before_cents for rs in results.values() for r in rs)
        assert len(set(befores)) == 40
        crossing = [r for r in over if r.before_cents < LIMIT]
        assert len(crossing) <= 1
        assert sum(r.over_cents for r in over) == total - LIMIT
    finally:
        for w in workers:
            w.close()


def test_an_amount_set_again_to_what_remains_counts_from_there(ledger_url: str) -> None:
    ledger = Ledger(ledger_url)
    try:
        e.consume(ledger.engine, [use("F1", 493_200)])
        e.rebase(ledger.engine, [(BUYER, "EJ-1"), (BUYER, "EJ-NEW")])
        # Chorus Pro now says 1,068.00 remain: that is the amount, nothing taken from it yet
        assert e.invoiced(ledger.reader) == {(BUYER, "EJ-1"): (0, 0), (BUYER, "EJ-NEW"): (0, 0)}
        [within] = e.consume(ledger.engine, [use("F2", 100_000, limit=106_800)])
        [over] = e.consume(ledger.engine, [use("F3", 10_000, limit=106_800)])
        assert (within.before_cents, within.over_cents) == (0, 0)
        assert (over.before_cents, over.over_cents) == (100_000, 3_200)
        assert e.invoiced(ledger.reader)[(BUYER, "EJ-1")] == (110_000, 2)
    finally:
        ledger.close()

"""The returns journal: each refund's intent and outcome, written before and after the
unsafe call, in a local SQLite file that survives a crash.

A refund row is written with the ids of the refunds the order already had (``known``)
*before* the refund is sent. After a crash or a lost answer, a refund at the store whose id
is not in ``known`` and whose lines match is this refund: it is never sent again.

``POS_REFUND_CRASH_AT=<point>`` makes the process kill itself right after the journal
commits that point (the crash tests use it; see tests/returns/test_refund_crash.py).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from pos.local_db import open_local_db

__all__ = ["CRASH_ENV", "POINTS", "RefundJournal", "RefundRow"]

CRASH_ENV = "POS_REFUND_CRASH_AT"

#: The journal points of a refund, in the order a refund writes them.
POINTS = ("intent", "sending", "refunded", "restock_started", "finished")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS refunds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL,
    state TEXT NOT NULL,
    request TEXT NOT NULL,
    known TEXT NOT NULL,
    refund_id INTEGER,
    amount TEXT,
    currency TEXT,
    outcome TEXT,
    message TEXT,
    restock TEXT,
    shown INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS refunds_open ON refunds (state);
"""

_OPEN_STATES = ("intent", "sending", "refunded", "restock_started")


@dataclass(frozen=True)
class RefundRow:
    id: int
    order_id: int
    state: str
    request: dict[str, Any]
    known: frozenset[int]
    refund_id: int | None
    amount: str | None
    currency: str | None
    outcome: str | None
    message: str | None
    restock: str | None
    shown: bool


class RefundJournal:
    """One register's refunds journal (a file beside the sale journal)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = open_local_db(path, _SCHEMA, durable=True)
        self._conn.row_factory = sqlite3.Row

    def __enter__(self) -> RefundJournal:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    # -- writes ----------------------------------------------------------------------

    def _commit(self, sql: str, args: tuple[Any, ...], point: str) -> int:
        cursor = self._conn.execute(sql, args)
        if os.environ.get(CRASH_ENV) == point:
            os.kill(os.getpid(), signal.SIGKILL)
        return int(cursor.lastrowid or 0)

    def intent(self, order_id: int, request: dict[str, Any], known: set[int]) -> int:
        """Records a refund about to be sent (before anything is sent)."""
        now = time.time()
        return self._commit(
            "INSERT INTO refunds (order_id, state, request, known, created, updated) "
            "VALUES (?, 'intent', ?, ?, ?, ?)",
            (order_id, json.dumps(request), json.dumps(sorted(known)), now, now), "intent",
        )

    def sending(self, row_id: int, request: dict[str, Any]) -> None:
        """The refund (with its quoted payments) is about to leave."""
        self._commit("UPDATE refunds SET state='sending', request=?, updated=? WHERE id=?",
                     (json.dumps(request), time.time(), row_id), "sending")

    def refunded(self, row_id: int, refund_id: int, amount: str, currency: str) -> None:
        self._commit(
            "UPDATE refunds SET state='refunded', refund_id=?, amount=?, currency=?, "
            "outcome='refunded', updated=? WHERE id=?",
            (refund_id, amount, currency, time.time(), row_id), "refunded",
        )

    def restock_started(self, row_id: int) -> None:
        self._commit("UPDATE refunds SET state='restock_started', updated=? WHERE id=?",
                     (time.time(), row_id), "restock_started")

    def finish(self, row_id: int, outcome: str, message: str = "",
               restock: str | None = None) -> None:
        self._commit(
            "UPDATE refunds SET state='finished', outcome=?, message=?, "
            "restock=COALESCE(?, restock), updated=? WHERE id=?",
            (outcome, message, restock, time.time(), row_id), "finished",
        )

    def mark_shown(self, row_id: int) -> None:
        self._conn.execute("UPDATE refunds SET shown=1 WHERE id=?", (row_id,))

    # -- reads -----------------------------------------------------------------------

    def get(self, row_id: int) -> RefundRow:
        row = self._conn.execute("SELECT * FROM refunds WHERE id=?", (row_id,)).fetchone()
        if row is None:
            raise KeyError(row_id)
        return _row(row)

    def unfinished(self, order_id: int | None = None) -> list[RefundRow]:
        marks = ",".join("?" * len(_OPEN_STATES))
        sql = f"SELECT * FROM refunds WHERE state IN ({marks})"  # noqa: S608
        args: list[Any] = list(_OPEN_STATES)
        if order_id is not None:
            sql += " AND order_id=?"
            args.append(order_id)
        return [_row(r) for r in self._conn.execute(sql + " ORDER BY id", args)]

    def unshown(self) -> list[RefundRow]:
        rows = self._conn.execute(
            "SELECT * FROM refunds WHERE state='finished' AND shown=0 ORDER BY id"
        )
        return [_row(r) for r in rows]


def _row(r: sqlite3.Row) -> RefundRow:
    return RefundRow(
        id=int(r["id"]), order_id=int(r["order_id"]), state=str(r["state"]),
        request=json.loads(r["request"]), known=frozenset(json.loads(r["known"])),
        refund_id=r["refund_id"], amount=r["amount"], currency=r["currency"],
        outcome=r["outcome"], message=r["message"], restock=r["restock"],
        shown=bool(r["shown"]),
    )

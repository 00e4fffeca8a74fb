"""Who rang a sale up, refunded or voided it, on the order at the store.

The order's ``staff_notes`` (``PUT /v2/orders/{id}``) carries one line per attribution
(``Clerk: Ana; approved by: Maria``), where a person at the control panel sees it. A cash
or terminal sale folds its line into the update that records its payment; a card sale,
a refund and a void add theirs after the fact, through this journal: a card sale's line is
written to a local SQLite file before the card is charged, and sent in the background once
the order is paid (never blocking the sale); it is kept until the store holds it, so that
a crash, a closed register or a store that does not answer never loses it
(:meth:`AttributionJournal.pending` is sent again on the next occasion).

Adding a line reads the order first and adds the line only when the order is paid and the
line is not there yet: sending it twice never writes it twice, and the payment's own notes
are kept.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

__all__ = ["UNPAID_STATUSES", "AttributionJournal", "PendingNote", "merged_notes"]

log = logging.getLogger("pos.staff")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL,
    note TEXT NOT NULL,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    sent INTEGER NOT NULL DEFAULT 0,
    until_paid INTEGER NOT NULL DEFAULT 0,
    UNIQUE (order_id, note)
);
"""

#: The longest line kept (a profile's names are short; a store's field is not endless).
MAX_NOTE = 500

#: Order statuses of an order not paid (0 Incomplete) or given up (5 Cancelled): a line
#: kept ``until_paid`` (a card sale's, kept before the card is charged) waits while its
#: order is in one, and is dropped after :data:`KEEP_UNPAID`.
UNPAID_STATUSES = frozenset({0, 5})
KEEP_UNPAID = dt.timedelta(days=1)


@dataclass(frozen=True)
class PendingNote:
    order_id: int
    note: str
    created: dt.datetime
    until_paid: bool = False

    @property
    def expired(self) -> bool:
        """Kept longer than :data:`KEEP_UNPAID` (its order was never paid)."""
        return dt.datetime.now(dt.UTC) - self.created > KEEP_UNPAID


class AttributionJournal:
    """Attribution lines not yet on their order at the store. Thread-safe (its calls run
    off the event loop)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(path), isolation_level=None, timeout=30.0,
                                     check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def add(self, order_id: int, note: str, *, until_paid: bool = False) -> None:
        """Keep ``note`` for ``order_id`` until :meth:`sent` (a line already kept or sent
        is not kept twice). ``until_paid``: it goes on the order only once the order is
        paid (a card sale's line, kept before the card is charged); the same line added
        again without it (the sale is paid) no longer waits."""
        note = note.strip()[:MAX_NOTE]
        if not note:
            return
        with self._lock:
            self._conn.execute(
                "INSERT INTO notes (order_id, note, until_paid) VALUES (?, ?, ?) "
                "ON CONFLICT (order_id, note) DO UPDATE SET "
                "until_paid = MIN(until_paid, excluded.until_paid)",
                (int(order_id), note, int(until_paid)))

    def pending(self) -> list[PendingNote]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT order_id, note, created, until_paid FROM notes WHERE sent = 0 "
                "ORDER BY id"
            ).fetchall()
        return [PendingNote(int(r[0]), str(r[1]),
                            dt.datetime.fromisoformat(str(r[2]).replace("Z", "+00:00")),
                            bool(r[3]))
                for r in rows]

    def drop(self, pending: PendingNote) -> None:
        """Give up a line whose order was never paid (or no longer exists)."""
        with self._lock:
            self._conn.execute("UPDATE notes SET sent = 2 WHERE order_id = ? AND note = ?",
                               (pending.order_id, pending.note))

    def sent(self, order_id: int, note: str) -> None:
        with self._lock:
            self._conn.execute("UPDATE notes SET sent = 1 WHERE order_id = ? AND note = ?",
                               (int(order_id), note.strip()[:MAX_NOTE]))


def merged_notes(existing: str | None, note: str) -> str | None:
    """The order's notes with ``note`` added on its own line; None when already there."""
    lines = [line.strip() for line in (existing or "").splitlines()]
    if note.strip() in lines:
        return None
    return f"{(existing or '').rstrip()}\n{note.strip()}".strip()



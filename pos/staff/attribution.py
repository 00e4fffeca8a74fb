"""Who rang a sale up, refunded or voided it, on the order at the store.

The order's ``staff_notes`` (``PUT /v2/orders/{id}``) carries one line per attribution
(``Clerk: Ana; approved by: Maria``), where a person at the control panel sees it. A cash
or terminal sale folds its line into the update that records its payment; a card sale,
a refund and a void add theirs after the fact, through this journal: the line is written
to a local SQLite file before anything is sent, sent in the background (never blocking the
sale), and kept until the store holds it, so that a crash, a closed register or a store
that does not answer never loses it (:meth:`AttributionJournal.pending` is sent again on
the next occasion).

Adding a line reads the order's notes first and adds the line only when it is not there:
sending it twice never writes it twice, and the payment's own notes are kept.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["AttributionJournal", "PendingNote", "add_note", "merged_notes"]

log = logging.getLogger("pos.staff")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL,
    note TEXT NOT NULL,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    sent INTEGER NOT NULL DEFAULT 0,
    UNIQUE (order_id, note)
);
"""

#: The longest line kept (a profile's names are short; a store's field is not endless).
MAX_NOTE = 500


@dataclass(frozen=True)
class PendingNote:
    order_id: int
    note: str


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

    def add(self, order_id: int, note: str) -> None:
        """Keep ``note`` for ``order_id`` until :meth:`sent` (a line already kept or sent
        is not kept twice)."""
        note = note.strip()[:MAX_NOTE]
        if not note:
            return
        with self._lock:
            self._conn.execute("INSERT OR IGNORE INTO notes (order_id, note) VALUES (?, ?)",
                               (int(order_id), note))

    def pending(self) -> list[PendingNote]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT order_id, note FROM notes WHERE sent = 0 ORDER BY id").fetchall()
        return [PendingNote(int(r[0]), str(r[1])) for r in rows]

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


#: ``GET /v2/orders/{id}``'s ``staff_notes``; ``PUT /v2/orders/{id}`` of ``{"staff_notes"}``.
ReadNotes = Callable[[int], Awaitable[str | None]]
WriteNotes = Callable[[int, str], Awaitable[Any]]


async def add_note(read: ReadNotes, write: WriteNotes, order_id: int, note: str) -> bool:
    """Adds ``note`` to the order's staff notes unless it is there; True when the store
    holds it now (raises the client's errors)."""
    merged = merged_notes(await read(order_id), note)
    if merged is not None:
        await write(order_id, merged)
    return True

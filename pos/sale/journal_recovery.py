"""A damaged journal: moved aside (never deleted), a fresh one opened, and what can still be
read from the old one listed (unfinished and payment-unknown sales first).

A journal is damaged when SQLite cannot read it (cut in half, random bytes, a zeroed
header), when it is not a file, when a table is missing, when it holds values this app does
not know (an unknown payment outcome) or was written by a newer version, and when it is an
empty (0-byte) file where a journal was expected: re-creating it silently would forget the
sales it held.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pos.sale.journal import Journal, JournalError
from pos.sale.phrases import SALE_WORDS

__all__ = ["DAMAGED_MARK", "SalvagedSale", "damaged_journals", "open_journal", "salvage"]

log = logging.getLogger("pos.sale")

#: A damaged journal is renamed ``journal.sqlite3.damaged-<UTC time>``.
DAMAGED_MARK = ".damaged-"

_SALVAGED = SALE_WORDS("salvaged.label", "sale {sale}: {order}, {state}")
_ORDER = SALE_WORDS("salvaged.order", "order {order}")
_NO_ORDER = SALE_WORDS("salvaged.no_order", "no order")
_PAYMENT_UNKNOWN = SALE_WORDS("salvaged.payment_unknown",
                              "payment outcome unknown: check the order at the store")
_PAID = SALE_WORDS("salvaged.paid", "paid")
_UNFINISHED = SALE_WORDS("salvaged.unfinished", "unfinished")
_FINISHED = SALE_WORDS("salvaged.finished", "finished")


@dataclass(frozen=True)
class SalvagedSale:
    """A sale as far as a damaged journal still tells it."""

    sale_id: str
    order_id: int | None
    finished: bool
    outcome: str | None
    payment_unknown: bool
    paid: bool

    @property
    def label(self) -> str:
        order = _ORDER(order=self.order_id) if self.order_id is not None else _NO_ORDER()
        state: str
        if self.payment_unknown:
            state = _PAYMENT_UNKNOWN()
        elif self.paid:
            state = _PAID()
        elif not self.finished:
            state = _UNFINISHED()
        else:
            state = self.outcome or _FINISHED()
        return _SALVAGED(sale=self.sale_id, order=order, state=state)


def _check(journal: Journal) -> None:
    """Raises when the journal cannot be read whole (every record is parsed)."""
    journal.unfinished_sales()
    journal.undelivered_sales()


def open_journal(
    path: Path, *, on_commit: Callable[[str], None] | None = None
) -> tuple[Journal, str | None]:
    """The journal at ``path``, and None; or, when it is damaged, a fresh journal and a
    plain message for the clerk saying where the damaged one was moved."""
    damaged_reason: str | None = None
    if path.is_dir():
        damaged_reason = "it is a folder"
    elif path.exists() and path.is_file() and path.stat().st_size == 0:
        damaged_reason = "it is empty"
    if damaged_reason is None:
        try:
            journal = Journal(path, on_commit=on_commit)
        except (sqlite3.DatabaseError, JournalError, ValueError) as exc:
            if _not_damage(exc):
                raise
            damaged_reason = _reason(exc)
        else:
            try:
                _check(journal)
                return journal, None
            except (sqlite3.DatabaseError, JournalError, ValueError, KeyError,
                    TypeError) as exc:
                journal.close()
                if _not_damage(exc):
                    raise
                damaged_reason = _reason(exc)
    moved = _move_aside(path)
    message = (f"The sale journal was damaged ({damaged_reason}). It was kept as {moved.name} "
               "and a new journal was started. Check unfinished sales with 'pos doctor'.")
    log.error("the journal %s is damaged (%s); moved to %s", path, damaged_reason, moved)
    return Journal(path, on_commit=on_commit), message


def _not_damage(exc: BaseException) -> bool:
    """A failure that says nothing about the file (busy, disk full, no access): the
    journal is left where it is and the error raised."""
    if isinstance(exc, sqlite3.OperationalError):
        words = str(exc).lower()
        return not any(w in words for w in ("no such table", "no such column", "malformed",
                                            "not a database"))
    return False


def _reason(exc: BaseException) -> str:
    if isinstance(exc, JournalError) and "newer version" in str(exc):
        return "written by a newer version of the app"
    if isinstance(exc, sqlite3.DatabaseError):
        return "it is not a readable database"
    return "it holds records this app cannot read"


def _move_aside(path: Path) -> Path:
    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    target = path.with_name(f"{path.name}{DAMAGED_MARK}{stamp}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


def damaged_journals(data_dir: Path) -> list[Path]:
    """The damaged journals moved aside in ``data_dir``, oldest first."""
    try:
        found = [p for p in data_dir.iterdir()
                 if DAMAGED_MARK in p.name and not p.name.endswith(("-wal", "-shm"))]
    except OSError:
        return []
    return sorted(found)


def salvage(path: Path) -> list[SalvagedSale]:
    """What a damaged journal still tells (read-only, best effort): payment-unknown sales
    first, then unfinished ones, then the rest. Empty when nothing can be read."""
    if not path.is_file():
        return []
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return []
    try:
        try:
            rows = db.execute(
                "SELECT sale_id, order_id, finished_at, outcome FROM sales"
            ).fetchall()
        except sqlite3.Error:
            return []
        outcomes: dict[str, set[str]] = {}
        try:
            for sale_id, outcome in db.execute(
                "SELECT sale_id, outcome FROM payment_attempts"
            ).fetchall():
                outcomes.setdefault(str(sale_id), set()).add(str(outcome))
        except sqlite3.Error:
            pass
    finally:
        db.close()
    sales = []
    for sale_id, order_id, finished_at, outcome in rows:
        seen = outcomes.get(str(sale_id), set())
        sales.append(SalvagedSale(
            sale_id=str(sale_id),
            order_id=order_id if isinstance(order_id, int) else None,
            finished=finished_at is not None,
            outcome=str(outcome) if outcome is not None else None,
            payment_unknown=bool(seen - {"success", "failed", "declined"}),
            paid=outcome == "paid" or "success" in seen,
        ))
    return sorted(sales, key=lambda s: (not s.payment_unknown, s.finished, s.sale_id))

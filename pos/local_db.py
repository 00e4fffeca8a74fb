"""The register's small SQLite files beside the sale journal (the sales index, the refunds
journal, staff attribution): one way of opening them. No Qt, no other room."""

from __future__ import annotations

import sqlite3
from pathlib import Path

__all__ = ["open_local_db"]


def open_local_db(path: Path, schema: str, *, durable: bool = False,
                  check_same_thread: bool = True) -> sqlite3.Connection:
    """``path`` opened (its folder made first) in autocommit mode with write-ahead logging
    and a 30 s wait for another writer, ``schema`` run on it. ``durable``: every commit
    reaches the disk before it returns (``synchronous=FULL``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=30.0,
                           check_same_thread=check_same_thread)
    conn.execute("PRAGMA journal_mode=WAL")
    if durable:
        conn.execute("PRAGMA synchronous=FULL")
    conn.executescript(schema)
    return conn

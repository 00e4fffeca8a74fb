"""The register's small SQLite files beside the sale journal (the sales index, the refunds
journal, staff attribution): one way of opening them, private to their owner (folders
0700 when made here, files 0600: they hold customers' names, e-mails and card last 4).
No Qt, no other room."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

__all__ = ["open_local_db"]


def open_local_db(path: Path, schema: str, *, durable: bool = False,
                  check_same_thread: bool = True) -> sqlite3.Connection:
    """``path`` opened (its folder made first) in autocommit mode with write-ahead logging
    and a 30 s wait for another writer, ``schema`` run on it. ``durable``: every commit
    reaches the disk before it returns (``synchronous=FULL``)."""
    _private_folder(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=30.0,
                           check_same_thread=check_same_thread)
    conn.execute("PRAGMA journal_mode=WAL")
    if durable:
        conn.execute("PRAGMA synchronous=FULL")
    conn.executescript(schema)
    return conn


def _private_folder(path: Path) -> None:
    """``path`` and its missing parents made 0700 whatever the umask (one that exists is
    left as its owner made it)."""
    missing: list[Path] = []
    here = path
    while not here.exists() and here.parent != here:
        missing.append(here)
        here = here.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        if os.name == "posix":
            os.chmod(folder, 0o700)

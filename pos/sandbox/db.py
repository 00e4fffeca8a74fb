"""The sandbox store's SQLite file: schema, connection and transactions.

One connection serves the whole server. Every request's work runs on the server's event
loop thread inside one ``BEGIN IMMEDIATE`` transaction, so concurrent terminals are served
one write at a time: stock is never oversold, an order id is never reused, no write is lost.
The file is in WAL mode so that another process may read it while the server runs.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS products (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sku TEXT NOT NULL,
    upc TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS variants (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL,
    sku TEXT NOT NULL,
    upc TEXT NOT NULL,
    inventory_level INTEGER NOT NULL,
    price TEXT,
    purchasing_disabled INTEGER NOT NULL,
    value_ids TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS instruments (
    token TEXT PRIMARY KEY,
    customer_id INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS instruments_customer ON instruments (customer_id);
CREATE TABLE IF NOT EXISTS coupons (
    code TEXT PRIMARY KEY COLLATE NOCASE,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS carts (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cart_id TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    status_id INTEGER NOT NULL,
    email TEXT NOT NULL,
    created REAL NOT NULL,
    modified REAL NOT NULL,
    pending_until REAL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_cart ON orders (cart_id);
CREATE INDEX IF NOT EXISTS orders_pending ON orders (pending_until);
CREATE TABLE IF NOT EXISTS transactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS transactions_order ON transactions (order_id);
CREATE TABLE IF NOT EXISTS refunds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS refunds_order ON refunds (order_id);
CREATE TABLE IF NOT EXISTS gift_certificates (
    code TEXT PRIMARY KEY COLLATE NOCASE,
    balance TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS used_payment_tokens (
    jti TEXT PRIMARY KEY,
    used REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (
    digest TEXT PRIMARY KEY,
    scopes TEXT NOT NULL,
    created REAL NOT NULL
);
"""

# Built after the catalogue is generated (bulk inserts are faster without them).
CATALOG_INDEXES = """
CREATE INDEX IF NOT EXISTS products_sku ON products (sku);
CREATE INDEX IF NOT EXISTS products_upc ON products (upc);
CREATE INDEX IF NOT EXISTS variants_product ON variants (product_id);
CREATE INDEX IF NOT EXISTS variants_sku ON variants (sku);
CREATE INDEX IF NOT EXISTS variants_upc ON variants (upc);
"""

FIRST_ORDER_ID = 100


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Database:
    """The store's SQLite file. Use :meth:`tx` for every unit of work."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self.conn = sqlite3.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=30.0
        )
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=OFF")
        self.conn.execute("PRAGMA cache_size=-65536")
        self.conn.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction: committed on success, rolled back on error."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")

    # -- meta -------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @staticmethod
    def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @staticmethod
    def next_id(conn: sqlite3.Connection, name: str, first: int = 1) -> int:
        """The next value of a named counter (inside the caller's transaction)."""
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (f"seq:{name}",)).fetchone()
        value = first if row is None else int(row[0]) + 1
        Database.set_meta(conn, f"seq:{name}", str(value))
        return value

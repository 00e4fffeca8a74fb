"""The demo catalogue's size: up to a million products (about three million variants),
made in batches so that memory stays bounded, the same data whatever the batch."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pos.sandbox import catalog
from pos.sandbox.db import Database
from pos.sandbox.server import MAX_CATALOG_SIZE, SandboxServer


def test_a_million_products_may_be_asked_for_and_no_more() -> None:
    assert MAX_CATALOG_SIZE == 1_000_000
    SandboxServer(catalog_size=1_000_000)  # only checked: nothing is made before start()
    with pytest.raises(ValueError, match="catalog_size must be 1 to 1000000"):
        SandboxServer(catalog_size=1_000_001)


def _dump(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return [
            *conn.execute("SELECT id, name, sku, upc, data FROM products ORDER BY id"),
            *conn.execute("SELECT * FROM variants ORDER BY id"),
        ]


def _generate(path: Path, size: int) -> None:
    db = Database(path)
    try:
        with db.tx() as conn:
            catalog.generate(conn, 11, size)
    finally:
        db.close()


def test_batches_make_the_same_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _generate(tmp_path / "one.sqlite3", 23)
    monkeypatch.setattr(catalog, "_BATCH", 5)
    _generate(tmp_path / "batched.sqlite3", 23)
    one, batched = _dump(tmp_path / "one.sqlite3"), _dump(tmp_path / "batched.sqlite3")
    assert len([r for r in one if len(r) == 5]) == 23
    assert one == batched

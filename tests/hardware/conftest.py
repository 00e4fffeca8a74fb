"""Fixtures of the hardware room's tests: a listening ESC/POS printer on loopback and
orders as the store sends them."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # escpos_server
sys.path.insert(0, str(HERE.parent / "sale"))  # test_sale_support: how tests run pos sale
from escpos_server import EscPosServer  # noqa: E402


@pytest.fixture
def printer_server() -> Iterator[EscPosServer]:
    server = EscPosServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def paid_demo_order(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A sandbox store file holding one paid order (2 items), made by ``pos sale --demo``:
    (the store's SQLite file, the sale's JSON outcome)."""
    from test_sale_support import card_json, run_pos_sale, write_spec

    root = tmp_path_factory.mktemp("paid-order")
    db = root / "store.sqlite3"
    spec = write_spec(root / "sale.json", items=[{"sku": "AWA-000001-S-RED", "quantity": 2}])
    code, out, err = run_pos_sale(root / "data", "--demo", "--demo-db", str(db),
                                  "--spec", str(spec), stdin=card_json())
    assert code == 0, (out, err)
    assert out[0]["outcome"] == "paid"
    return db, out[0]

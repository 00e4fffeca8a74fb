"""Fixtures of the hardware room's tests: a listening ESC/POS printer on loopback and
orders as the store sends them."""

from __future__ import annotations

import datetime as dt
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


def order_json(order_id: int = 101, **extra: Any) -> dict[str, Any]:
    """A v2 order as ``GET /v2/orders/{id}`` sends it (money as strings)."""
    body: dict[str, Any] = {
        "id": order_id, "status_id": 11, "status": "Awaiting Fulfillment",
        "currency_code": "USD", "subtotal_ex_tax": "30.0000", "subtotal_inc_tax": "32.4000",
        "shipping_cost_ex_tax": "0.0000", "shipping_cost_inc_tax": "0.0000",
        "discount_amount": "0.0000", "coupon_discount": "3.0000", "total_tax": "2.1600",
        "total_ex_tax": "27.0000", "total_inc_tax": "29.1600", "payment_method": "Cash",
        "date_created": dt.datetime(2026, 12, 7, 17, 30, tzinfo=dt.UTC),
    }
    body.update(extra)
    return body


def products_json() -> list[dict[str, Any]]:
    return [
        {"id": 1, "name": "Walking shoe", "sku": "AWA-1", "quantity": 2,
         "total_ex_tax": "20.0000", "product_options": [
             {"display_name": "Size", "display_value": "S"},
             {"display_name": "Colour", "display_value": "Red"}]},
        {"id": 2, "name": "Socks", "sku": "SOC-1", "quantity": 1, "total_ex_tax": "10.0000"},
    ]


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

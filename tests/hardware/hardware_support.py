"""Orders as the store sends them, for the hardware tests (not a test module)."""

from __future__ import annotations

import datetime as dt
from typing import Any


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

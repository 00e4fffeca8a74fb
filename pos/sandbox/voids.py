"""Voids of unsettled payments (``POST /v3/orders/{id}/payment_actions/void``).

A card payment settles at the end of the day it was taken (or when the sandbox is told to
settle it, ``POST /_sandbox/orders/{id}/settle``). Until then it can be voided instead of
refunded: the order is cancelled (status 5) and its ``payment_status`` becomes ``void``.
After settlement, after a refund, or on an order with nothing captured, the void is refused
with a 422 naming why.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from pos.sandbox.errors import ApiError
from pos.sandbox.orders import add_transaction, load_order, save_order, total_of

CANCELLED = 5


def settled(order: dict[str, Any], created: float, now: float) -> bool:
    """Whether the order's payment has settled: told so, or taken on an earlier UTC day."""
    if order.get("settled"):
        return True
    day = datetime.fromtimestamp(created, UTC).date()
    return datetime.fromtimestamp(now, UTC).date() > day


def void(conn: sqlite3.Connection, order_id: int, now: float) -> None:
    row, order = load_order(conn, order_id)
    if order["payment_status"] != "captured":
        raise ApiError(
            422, "The order has no payment that can be voided",
            detail=f"Its payment status is {order['payment_status'] or 'none'}.",
            errors={"order_id": "nothing to void"},
        )
    if settled(order, float(row["created"]), now):
        raise ApiError(
            422, "The payment has settled and can no longer be voided",
            detail="Refund the order instead.",
            errors={"order_id": "payment settled"},
        )
    order["payment_status"] = "void"
    add_transaction(conn, order_id, {
        "event": "void", "method": "credit_card", "amount": str(total_of(order)),
        "currency": order["currency"], "gateway_transaction_id": f"void-{order_id}",
        "status": "ok", "created": now, "card": None,
    })
    save_order(conn, order_id, order, status_id=CANCELLED, now=now)


def mark_settled(conn: sqlite3.Connection, order_id: int, now: float) -> None:
    row, order = load_order(conn, order_id)
    order["settled"] = True
    save_order(conn, order_id, order, status_id=int(row["status_id"]), now=now)

"""Refunds of one order run one at a time at the store.

BigCommerce's orders API (``orders.v3.yml``, Create a Refund): "Order refunds should be
processed sequentially. Processing multiple concurrent refunds on the same order are not
yet supported." The sandbox holds each order's refund request from the moment the store
has its body until its answer is written (including any latency in between); a second
refund of that order arriving meanwhile is refused with a 422 in the form the document
gives for refund errors: ``{"data": [ErrorResponse]}``.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from pos.sandbox.errors import ERROR_TYPE

__all__ = ["IN_FLIGHT_TITLE", "RefundsInFlight", "in_flight_body", "refund_order"]

_REFUNDS = re.compile(r"^/v3/orders/(\d{1,18})/payment_actions/refunds/?$")

IN_FLIGHT_TITLE = "A refund of this order is already in progress."


def refund_order(method: str, sub_path: str) -> int | None:
    """The order id of a refund request (``POST /v3/orders/{id}/payment_actions/refunds``),
    else None."""
    if method != "POST":
        return None
    match = _REFUNDS.match(sub_path)
    return int(match.group(1)) if match else None


def in_flight_body(order_id: int) -> dict[str, Any]:
    return {"data": [{
        "status": 422,
        "title": IN_FLIGHT_TITLE,
        "type": ERROR_TYPE,
        "detail": f"Order {order_id} has a refund being processed; refunds of one order "
                  "are processed one at a time. Read the order's refunds, then try again.",
        "errors": {},
    }]}


class RefundsInFlight:
    """The orders whose refund the store is processing now."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._orders: set[int] = set()

    def begin(self, order_id: int) -> bool:
        """True when no refund of ``order_id`` is in flight (it is now); False else."""
        with self._lock:
            if order_id in self._orders:
                return False
            self._orders.add(order_id)
            return True

    def end(self, order_id: int) -> None:
        with self._lock:
            self._orders.discard(order_id)

    def orders(self) -> frozenset[int]:
        with self._lock:
            return frozenset(self._orders)

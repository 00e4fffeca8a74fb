"""The shift's orders beside the store's own: ``GET /v2/orders`` between the shift's
opening and closing, in the register's channel. An order the store has paid that the
shift does not hold, or one the shift holds that the store does not show paid in that
window, is returned (and shown on the Z report).

A paid sale enters the shift with the figures the store holds for its order
(:func:`order_figures`): its total, discounts and each tax by name
(``GET /v2/orders/{id}/taxes``)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pos.api.client import BigCommerceClient

__all__ = ["UNPAID_STATUSES", "OrderFigures", "order_figures", "unmatched_orders"]

#: Incomplete, Cancelled, Declined: not a sale.
UNPAID_STATUSES = frozenset({0, 5, 6})


async def unmatched_orders(client: BigCommerceClient, *, channel_id: int,
                           opened_at: str, closed_at: str | None,
                           shift_orders: Collection[int]) -> list[dict[str, Any]]:
    """The orders on one side only (see the module's description)."""
    start = _dt.datetime.fromisoformat(opened_at) - _dt.timedelta(seconds=1)
    end = _dt.datetime.fromisoformat(closed_at) if closed_at else \
        _dt.datetime.now(_dt.UTC)
    end += _dt.timedelta(seconds=1)
    store: dict[int, Any] = {}
    page = 1
    while True:
        batch = await client.orders.list(
            min_date_created=start.isoformat(), max_date_created=end.isoformat(),
            page=page, limit=250,
        )
        for order in batch:
            if order.channel_id not in (None, channel_id):
                continue
            if order.status_id in UNPAID_STATUSES:
                continue
            store[order.id] = order
        if len(batch) < 250:
            break
        page += 1
    ours = set(shift_orders)
    out: list[dict[str, Any]] = []
    for order_id in sorted(set(store) - ours):
        order = store[order_id]
        out.append({"order_id": order_id, "where": "store only",
                    "total": str(order.total_inc_tax or "0"),
                    "payment_method": order.payment_method or ""})
    for order_id in sorted(ours - set(store)):
        out.append({"order_id": order_id, "where": "shift only"})
    return out


@dataclass(frozen=True)
class OrderFigures:
    """What the shift keeps of a paid order: its total, its discounts, and its taxes by
    name (``{"State Tax": Decimal("1.52")}``)."""

    total: Decimal
    discount: Decimal = Decimal(0)
    taxes: dict[str, Decimal] = field(default_factory=dict)


async def order_figures(client: BigCommerceClient, order_id: int) -> OrderFigures:
    """The order's figures as the store holds them: ``GET /v2/orders/{id}`` and
    ``GET /v2/orders/{id}/taxes`` (each tax applied, summed by its name; a store that
    lists none while the order has tax gives one line named "Tax"). Raises the client's
    errors."""
    order = await client.orders.get(order_id)
    total = order.total_inc_tax if order.total_inc_tax is not None else Decimal(0)
    discount = (order.discount_amount or Decimal(0)) + (order.coupon_discount or Decimal(0))
    taxes: dict[str, Decimal] = {}
    for tax in await client.orders.taxes(order_id):
        name = (tax.name or "").strip() or "Tax"
        taxes[name] = taxes.get(name, Decimal(0)) + tax.amount
    if not taxes and order.total_tax:
        taxes["Tax"] = order.total_tax
    cent = Decimal("0.01")
    return OrderFigures(total.quantize(cent), discount.quantize(cent),
                        {k: v.quantize(cent) for k, v in taxes.items() if v})

"""What this register left at the store: carts and Incomplete orders of sales it gave up
(abandoned, failed, declined) that the store still holds. ``pos doctor`` reports them."""

from __future__ import annotations

from pos.api.client import BigCommerceClient
from pos.api.errors import NotFound
from pos.sale.journal import Journal

__all__ = ["find_leftovers"]


async def find_leftovers(
    client: BigCommerceClient, journal: Journal, profile: str | None = None, limit: int = 20
) -> list[str]:
    """One line per leftover (a cart still there, an order still Incomplete) of the last
    ``limit`` sales this register gave up. BigCommerceError when the store cannot be read."""
    found: list[str] = []
    for record in journal.given_up_sales(profile, limit):
        if record.cart_id:
            try:
                await client.carts.get(record.cart_id)
                found.append(f"cart {record.cart_id} of sale {record.sale_id}")
            except NotFound:
                pass
        for order_id in record.order_ids:
            order = await client.orders.get(order_id)
            if order.status_id == 0:
                found.append(f"Incomplete order {order_id} of sale {record.sale_id}")
    return found

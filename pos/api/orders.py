"""Orders: v2 orders, products and statuses; v3 transactions, refund quotes and refunds."""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ._resource import M, Resource
from .models import (
    Order,
    OrderProduct,
    OrderStatus,
    OrderTax,
    Refund,
    RefundItem,
    RefundPayment,
    RefundQuote,
    Transaction,
)

__all__ = ["ORDER_STATUS", "OrderWithProducts", "Orders"]

#: BigCommerce's order status ids.
ORDER_STATUS = {
    "incomplete": 0,
    "pending": 1,
    "shipped": 2,
    "partially_shipped": 3,
    "refunded": 4,
    "cancelled": 5,
    "declined": 6,
    "awaiting_payment": 7,
    "awaiting_pickup": 8,
    "awaiting_shipment": 9,
    "completed": 10,
    "awaiting_fulfillment": 11,
    "manual_verification_required": 12,
    "disputed": 13,
    "partially_refunded": 14,
}

V2_MAX_LIMIT = 250

_Orders = list[Order]
_OrderProducts = list[OrderProduct]
_OrderTaxes = list[OrderTax]
_OrderStatuses = list[OrderStatus]
_Transactions = list[Transaction]
_Refunds = list[Refund]


#: ``GET /v2/orders/{id}``'s query for the order with its products (``order_includes``).
WITH_LINE_ITEMS = {"include": "consignments.line_items", "consignment_structure": "object"}


@dataclass(frozen=True)
class OrderWithProducts:
    """An order and its products (its lines), as the store holds them."""

    order: Order
    products: tuple[OrderProduct, ...]


def _line_items(consignments: Any) -> Iterator[Any]:
    """The line items of a ``consignment_structure=object`` answer: pickups, shipping,
    downloads and gift-certificate emails (links to products are left out)."""
    if not isinstance(consignments, dict):
        return
    groups: list[Any] = [consignments.get("pickups"), consignments.get("shipping"),
                         consignments.get("downloads")]
    email = consignments.get("email")
    if isinstance(email, dict):
        groups.append(email.get("gift_certificates"))
    for group in groups:
        for consignment in group if isinstance(group, list) else ():
            items = consignment.get("line_items") if isinstance(consignment, dict) else None
            for item in items if isinstance(items, list) else ():
                if isinstance(item, dict) and "quantity" in item:
                    yield item


class Orders(Resource):
    async def get(self, order_id: int) -> Order:
        """``GET /v2/orders/{id}``: money as Decimal, RFC 2822 dates parsed."""
        c = self._client
        response = await c._request("GET", c.v2(f"/orders/{int(order_id)}"))
        return c.parse(Order, response.data, response, "order")

    async def get_with_products(self, order_id: int) -> OrderWithProducts:
        """The order and its products in one call: ``GET /v2/orders/{id}?include=
        consignments.line_items&consignment_structure=object`` (each consignment's
        ``line_items`` are the order's products, as ``/products`` gives them). When the
        consignments do not hold every item of the order (``items_total``: an order with
        items that need no fulfilment, or a store that left them out),
        ``GET /v2/orders/{id}/products`` is read too."""
        c = self._client
        response = await c._request("GET", c.v2(f"/orders/{int(order_id)}"),
                                    params=dict(WITH_LINE_ITEMS))
        data = response.data
        if not isinstance(data, dict):
            raise c.unreadable("order is not an object", response)
        order = c.parse(Order, {k: v for k, v in data.items() if k != "consignments"},
                        response, "order")
        found: dict[int, OrderProduct] = {}
        for item in _line_items(data.get("consignments")):
            product = c.parse(OrderProduct, item, response, "order products")
            found.setdefault(product.id, product)
        products = list(found.values())
        held = sum(p.quantity or 0 for p in products)
        if not products or (order.items_total is not None and held != order.items_total):
            products = await self.products(order_id)
        return OrderWithProducts(order, tuple(products))

    async def list(
        self,
        *,
        cart_id: str | None = None,
        customer_id: int | None = None,
        status_id: int | None = None,
        min_id: int | None = None,
        email: str | None = None,
        channel_id: int | None = None,
        min_date_created: str | None = None,
        max_date_created: str | None = None,
        sort: str | None = None,
        page: int = 1,
        limit: int = 50,
    ) -> _Orders:
        """``GET /v2/orders`` filtered (``cart_id`` finds the orders made from a checkout,
        the way to reconcile a lost create-order answer). An empty result (204) is ``[]``."""
        params: dict[str, Any] = {
            "cart_id": cart_id,
            "customer_id": customer_id,
            "status_id": status_id,
            "min_id": min_id,
            "email": email,
            "channel_id": channel_id,
            "min_date_created": min_date_created,
            "max_date_created": max_date_created,
            "sort": sort,
            "page": page,
            "limit": max(1, min(limit, V2_MAX_LIMIT)),
        }
        c = self._client
        response = await c._request("GET", c.v2("/orders"), params=params)
        if response.data is None:
            return []
        return c.parse_list(Order, response.data, response, "order list")

    async def products(self, order_id: int) -> _OrderProducts:
        """``GET /v2/orders/{id}/products``, every page."""
        return await self._v2_every_page(
            OrderProduct, f"/orders/{int(order_id)}/products", "order products")

    async def taxes(self, order_id: int) -> _OrderTaxes:
        """``GET /v2/orders/{id}/taxes``, every page: each tax applied to the order, by
        name (what a Z report sums)."""
        return await self._v2_every_page(
            OrderTax, f"/orders/{int(order_id)}/taxes", "order taxes")

    async def _v2_every_page(self, model: type[M], path: str, what: str) -> builtins.list[M]:
        """``GET /v2{path}`` page after page (v2 lists have no pagination meta: a short
        page, or no content, is the last)."""
        c = self._client
        out: builtins.list[M] = []
        page = 1
        while True:
            response = await c._request(
                "GET", c.v2(path), params={"page": page, "limit": V2_MAX_LIMIT},
            )
            if response.data is None:
                return out
            batch = c.parse_list(model, response.data, response, what)
            out.extend(batch)
            if len(batch) < V2_MAX_LIMIT:
                return out
            page += 1

    async def statuses(self) -> _OrderStatuses:
        """``GET /v2/order_statuses``."""
        c = self._client
        response = await c._request("GET", c.v2("/order_statuses"))
        return c.parse_list(OrderStatus, response.data, response, "order statuses")

    async def set_status(self, order_id: int, status_id: int) -> Order:
        """``PUT /v2/orders/{id}`` ``{"status_id": N}`` (e.g. 5 to cancel an unpaid order)."""
        c = self._client
        response = await c._request(
            "PUT", c.v2(f"/orders/{int(order_id)}"), json_body={"status_id": int(status_id)}
        )
        return c.parse(Order, response.data, response, "order")

    async def update(self, order_id: int, fields: dict[str, Any], *,
                     idempotent: bool = True) -> Order:
        """``PUT /v2/orders/{id}`` with documented fields (``status_id``, ``payment_method``,
        ``payment_provider_id``, ``staff_notes``...). ``idempotent=False``: a lost answer
        is raised (OutcomeUnknown) for the caller to re-read the order, never resent."""
        c = self._client
        response = await c._request(
            "PUT", c.v2(f"/orders/{int(order_id)}"), json_body=dict(fields),
            idempotent=idempotent,
        )
        return c.parse(Order, response.data, response, "order")

    async def transactions(self, order_id: int) -> _Transactions:
        """``GET /v3/orders/{id}/transactions``; none (204) is ``[]``."""
        c = self._client
        response = await c._request("GET", c.v3(f"/orders/{int(order_id)}/transactions"))
        if response.data is None:
            return []
        return self._many(Transaction, response, "transactions")

    async def refund_quote(self, order_id: int, items: Sequence[RefundItem]) -> RefundQuote:
        """``POST /v3/orders/{id}/payment_actions/refund_quotes``. Only computes, so it is
        retried like a read."""
        c = self._client
        response = await c._request(
            "POST", c.v3(f"/orders/{int(order_id)}/payment_actions/refund_quotes"),
            json_body={"items": [i.body() for i in items]}, idempotent=True,
        )
        return self._one(RefundQuote, response, "refund quote")

    async def refund(
        self,
        order_id: int,
        items: Sequence[RefundItem],
        payments: Sequence[RefundPayment],
    ) -> Refund:
        """``POST /v3/orders/{id}/payment_actions/refunds``. Moves money: never resent once
        it may have arrived (OutcomeUnknown; read the order's refunds to reconcile)."""
        c = self._client
        response = await c._request(
            "POST", c.v3(f"/orders/{int(order_id)}/payment_actions/refunds"),
            json_body={
                "items": [i.body() for i in items],
                "payments": [p.body() for p in payments],
            },
            idempotent=False,
        )
        return self._one(Refund, response, "refund")

    async def refunds(self, order_id: int) -> _Refunds:
        """``GET /v3/orders/{id}/payment_actions/refunds``: the order's refunds as the store
        holds them (how a lost refund answer is reconciled)."""
        c = self._client
        response = await c._request(
            "GET", c.v3(f"/orders/{int(order_id)}/payment_actions/refunds")
        )
        if response.data is None:
            return []
        return self._many(Refund, response, "refunds")

    async def void(self, order_id: int) -> None:
        """``POST /v3/orders/{id}/payment_actions/void``: voids an unsettled payment (the
        order is cancelled). Never resent once it may have arrived (read the order's
        ``payment_status`` to reconcile)."""
        c = self._client
        await c._request(
            "POST", c.v3(f"/orders/{int(order_id)}/payment_actions/void"), idempotent=False
        )

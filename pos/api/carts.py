"""Carts v3 (server-to-server carts; the cart id is also the checkout id)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._resource import Resource
from ._resource import seg as _seg
from .models import Cart, CustomItemInput, LineItemInput

__all__ = ["Carts"]


def _items_body(
    line_items: Sequence[LineItemInput], custom_items: Sequence[CustomItemInput]
) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if line_items:
        body["line_items"] = [item.body() for item in line_items]
    if custom_items:
        body["custom_items"] = [item.body() for item in custom_items]
    if not body:
        raise ValueError("a cart needs at least one line item or custom item")
    return body


class Carts(Resource):
    async def create(
        self,
        line_items: Sequence[LineItemInput] = (),
        *,
        custom_items: Sequence[CustomItemInput] = (),
        customer_id: int | None = None,
        channel_id: int | None = None,
        currency: str | None = None,
        locale: str | None = None,
        include: Sequence[str] = (),
    ) -> Cart:
        """``POST /v3/carts`` → 201. Unsafe: a lost answer raises OutcomeUnknown (an
        orphan cart is harmless; it expires after 30 days)."""
        body = _items_body(line_items, custom_items)
        if customer_id is not None:
            body["customer_id"] = int(customer_id)
        if channel_id is not None:
            body["channel_id"] = int(channel_id)
        if currency is not None:
            body["currency"] = {"code": currency}
        if locale is not None:
            body["locale"] = locale
        c = self._client
        response = await c._request(
            "POST", c.v3("/carts"), json_body=body, idempotent=False,
            params={"include": list(include) or None},
        )
        return self._one(Cart, response, "created cart")

    async def get(self, cart_id: str, *, include: Sequence[str] = ()) -> Cart:
        c = self._client
        response = await c._request(
            "GET", c.v3(f"/carts/{_seg(cart_id)}"), params={"include": list(include) or None}
        )
        return self._one(Cart, response, "cart")

    async def add_items(
        self,
        cart_id: str,
        line_items: Sequence[LineItemInput] = (),
        *,
        custom_items: Sequence[CustomItemInput] = (),
    ) -> Cart:
        """``POST /v3/carts/{id}/items`` → 201. Unsafe (a resend would add the items twice):
        a lost answer raises OutcomeUnknown; re-read the cart to reconcile."""
        c = self._client
        response = await c._request(
            "POST", c.v3(f"/carts/{_seg(cart_id)}/items"),
            json_body=_items_body(line_items, custom_items), idempotent=False,
        )
        return self._one(Cart, response, "cart")

    async def update_item(
        self,
        cart_id: str,
        item_id: str,
        *,
        product_id: int,
        quantity: int,
        variant_id: int | None = None,
        list_price: Any = None,
    ) -> Cart:
        """``PUT /v3/carts/{id}/items/{itemId}``: quantity and/or list price (idempotent)."""
        item = LineItemInput(
            product_id=product_id, quantity=quantity, variant_id=variant_id,
            list_price=list_price,
        )
        c = self._client
        response = await c._request(
            "PUT", c.v3(f"/carts/{_seg(cart_id)}/items/{_seg(item_id)}"),
            json_body={"line_item": item.body()},
        )
        return self._one(Cart, response, "cart")

    async def delete_item(self, cart_id: str, item_id: str) -> Cart | None:
        """``DELETE /v3/carts/{id}/items/{itemId}``. Returns the cart, or ``None`` when the
        cart became empty and BigCommerce deleted it (204). A retried delete whose first
        attempt went through ends in NotFound."""
        c = self._client
        response = await c._request(
            "DELETE", c.v3(f"/carts/{_seg(cart_id)}/items/{_seg(item_id)}")
        )
        if response.status == 204 or response.data is None:
            return None
        return self._one(Cart, response, "cart")

    async def set_customer(
        self, cart_id: str, customer_id: int, *, version: int | None = None
    ) -> Cart:
        """``PUT /v3/carts/{id}`` ``{customer_id}`` → 201. Drops promotions and shipping:
        attach the customer before consignments and coupons."""
        body: dict[str, Any] = {"customer_id": int(customer_id)}
        if version is not None:
            body["version"] = int(version)
        c = self._client
        response = await c._request("PUT", c.v3(f"/carts/{_seg(cart_id)}"), json_body=body)
        return self._one(Cart, response, "cart")

    async def delete(self, cart_id: str) -> None:
        """``DELETE /v3/carts/{id}`` → 204."""
        c = self._client
        await c._request("DELETE", c.v3(f"/carts/{_seg(cart_id)}"))


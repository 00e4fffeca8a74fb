"""Checkouts v3: billing address, consignments, shipping option, coupons, order creation."""

from __future__ import annotations

from collections.abc import Sequence

from ._resource import Resource
from ._resource import seg as _seg
from .models import AddressInput, Checkout, ConsignmentInput, ConsignmentLineItem, CreatedOrder

__all__ = ["SHIPPING_OPTIONS", "Checkouts"]

#: The only ``include`` the consignment calls accept (plural ``consignments``).
SHIPPING_OPTIONS = "consignments.available_shipping_options"


class Checkouts(Resource):
    """Which calls are resent after an uncertain failure:

    * ``get``, ``update_billing_address``, ``update_consignment``,
      ``select_shipping_option``, ``delete_consignment``, ``remove_coupon``: PUT/GET/DELETE,
      idempotent, retried.
    * ``add_billing_address``, ``add_consignments``, ``add_coupon``, ``create_order``:
      POSTs, never resent once they may have arrived (OutcomeUnknown). Re-read the
      checkout to reconcile: its ``billing_address``, ``consignments``, ``coupons`` and
      ``order_id`` say what happened.
    """

    async def get(
        self, checkout_id: str, *, include: Sequence[str] = (SHIPPING_OPTIONS,)
    ) -> Checkout:
        c = self._client
        response = await c._request(
            "GET", c.v3(f"/checkouts/{_seg(checkout_id)}"),
            params={"include": list(include) or None},
        )
        return self._one(Checkout, response, "checkout")

    async def add_billing_address(self, checkout_id: str, address: AddressInput) -> Checkout:
        """``POST .../billing-address`` (``email`` and ``country_code`` required)."""
        c = self._client
        response = await c._request(
            "POST", c.v3(f"/checkouts/{_seg(checkout_id)}/billing-address"),
            json_body=address.body(), idempotent=False,
        )
        return self._one(Checkout, response, "checkout")

    async def update_billing_address(
        self, checkout_id: str, address_id: str, address: AddressInput
    ) -> Checkout:
        c = self._client
        response = await c._request(
            "PUT", c.v3(f"/checkouts/{_seg(checkout_id)}/billing-address/{_seg(address_id)}"),
            json_body=address.body(),
        )
        return self._one(Checkout, response, "checkout")

    async def add_consignments(
        self,
        checkout_id: str,
        consignments: Sequence[ConsignmentInput],
        *,
        include_shipping_options: bool = True,
    ) -> Checkout:
        """``POST .../consignments`` with an ARRAY body; returns the checkout with each
        consignment's ``available_shipping_options`` (unless told not to)."""
        if not consignments:
            raise ValueError("give at least one consignment")
        c = self._client
        response = await c._request(
            "POST", c.v3(f"/checkouts/{_seg(checkout_id)}/consignments"),
            params={"include": SHIPPING_OPTIONS if include_shipping_options else None},
            json_body=[item.body() for item in consignments], idempotent=False,
        )
        return self._one(Checkout, response, "checkout")

    async def update_consignment(
        self,
        checkout_id: str,
        consignment_id: str,
        *,
        address: AddressInput | None = None,
        line_items: Sequence[ConsignmentLineItem] | None = None,
        include_shipping_options: bool = True,
    ) -> Checkout:
        """``PUT .../consignments/{id}`` with a new address and/or line items (not together
        with a shipping option: use :meth:`select_shipping_option` for that)."""
        body: dict[str, object] = {}
        if address is not None:
            body["address"] = address.body()
        if line_items is not None:
            body["line_items"] = [item.body() for item in line_items]
        if not body:
            raise ValueError("give an address or line items")
        return await self._put_consignment(
            checkout_id, consignment_id, body, include_shipping_options
        )

    async def select_shipping_option(
        self, checkout_id: str, consignment_id: str, shipping_option_id: str
    ) -> Checkout:
        """``PUT .../consignments/{id}`` ``{"shipping_option_id": ...}``."""
        return await self._put_consignment(
            checkout_id, consignment_id, {"shipping_option_id": str(shipping_option_id)}, False
        )

    async def _put_consignment(
        self, checkout_id: str, consignment_id: str, body: dict[str, object], include: bool
    ) -> Checkout:
        c = self._client
        response = await c._request(
            "PUT",
            c.v3(f"/checkouts/{_seg(checkout_id)}/consignments/{_seg(consignment_id)}"),
            params={"include": SHIPPING_OPTIONS if include else None},
            json_body=body,
        )
        return self._one(Checkout, response, "checkout")

    async def delete_consignment(self, checkout_id: str, consignment_id: str) -> Checkout:
        c = self._client
        response = await c._request(
            "DELETE",
            c.v3(f"/checkouts/{_seg(checkout_id)}/consignments/{_seg(consignment_id)}"),
        )
        return self._one(Checkout, response, "checkout")

    async def add_coupon(self, checkout_id: str, coupon_code: str) -> Checkout:
        c = self._client
        response = await c._request(
            "POST", c.v3(f"/checkouts/{_seg(checkout_id)}/coupons"),
            json_body={"coupon_code": coupon_code}, idempotent=False,
        )
        return self._one(Checkout, response, "checkout")

    async def remove_coupon(self, checkout_id: str, coupon_code: str) -> Checkout:
        c = self._client
        response = await c._request(
            "DELETE", c.v3(f"/checkouts/{_seg(checkout_id)}/coupons/{_seg(coupon_code)}")
        )
        return self._one(Checkout, response, "checkout")

    async def create_order(self, checkout_id: str) -> int:
        """``POST .../orders`` (no body) → the new order's id (status 0, Incomplete).

        NOT idempotent: every call makes another order. Never resent once it may have
        arrived; on OutcomeUnknown re-read the checkout's ``order_id`` (or list orders by
        ``cart_id``) before trying again.
        """
        c = self._client
        response = await c._request(
            "POST", c.v3(f"/checkouts/{_seg(checkout_id)}/orders"), idempotent=False
        )
        return self._one(CreatedOrder, response, "created order").id

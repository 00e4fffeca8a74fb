"""Inventory by location: ``GET /v3/inventory/items`` and the relative and absolute
adjustments (``reference/inventory.v3.yml``)."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from ._resource import Resource
from .models import BCInput, BCModel

__all__ = ["Adjustment", "Inventory", "InventoryItem", "ItemLocation"]

MAX_ADJUSTMENT_ITEMS = 2000


class Adjustment(BCInput):
    """One line of an adjustment: an item named by ``sku`` or ``variant_id`` at a location."""

    location_id: int
    quantity: int
    sku: str | None = None
    variant_id: int | None = None

    def body(self) -> dict[str, object]:
        return self.model_dump(mode="json", exclude_none=True)


class ItemLocation(BCModel):
    location_id: int
    location_code: str | None = None
    location_name: str | None = None
    available_to_sell: int | None = None
    total_inventory_onhand: int | None = None


class ItemIdentity(BCModel):
    sku: str | None = None
    variant_id: int | None = None
    product_id: int | None = None


class InventoryItem(BCModel):
    identity: ItemIdentity
    locations: list[ItemLocation] = Field(default_factory=list)

    def onhand(self, location_id: int) -> int | None:
        for loc in self.locations:
            if loc.location_id == location_id:
                return loc.total_inventory_onhand
        return None


class Inventory(Resource):
    async def items(
        self, *, skus: Sequence[str] = (), location_ids: Sequence[int] = ()
    ) -> list[InventoryItem]:
        """``GET /v3/inventory/items?sku:in=&location_id:in=`` (one page of up to 1,000)."""
        c = self._client
        params: dict[str, object] = {"limit": 1000}
        if skus:
            params["sku:in"] = ",".join(skus)
        if location_ids:
            params["location_id:in"] = ",".join(str(int(i)) for i in location_ids)
        response = await c._request("GET", c.v3("/inventory/items"), params=params)
        return self._many(InventoryItem, response, "inventory items")

    async def adjust_relative(self, reason: str, items: Sequence[Adjustment]) -> str | None:
        """``POST /v3/inventory/adjustments/relative``: adds (or takes) stock. Not safe to
        repeat: never resent once it may have arrived. Returns the store's transaction id."""
        return await self._adjust("POST", "relative", reason, items)

    async def adjust_absolute(self, reason: str, items: Sequence[Adjustment]) -> str | None:
        """``PUT /v3/inventory/adjustments/absolute``: sets stock (safe to repeat)."""
        return await self._adjust("PUT", "absolute", reason, items)

    async def _adjust(
        self, method: str, kind: str, reason: str, items: Sequence[Adjustment]
    ) -> str | None:
        if not 0 < len(items) <= MAX_ADJUSTMENT_ITEMS:
            raise ValueError(f"an adjustment holds 1 to {MAX_ADJUSTMENT_ITEMS} items")
        c = self._client
        response = await c._request(
            method, c.v3(f"/inventory/adjustments/{kind}"),
            json_body={"reason": reason, "items": [i.body() for i in items]},
            idempotent=method == "PUT",
        )
        body = response.data
        if isinstance(body, dict) and isinstance(body.get("transaction_id"), str):
            return str(body["transaction_id"])
        return None

"""Inventory routes: items by location, relative and absolute adjustments."""

from __future__ import annotations

from typing import Any

from pos.sandbox import inventory
from pos.sandbox.context import Ctx, api

ITEMS_QUERY = frozenset({"sku:in", "variant_id:in", "product_id:in", "location_id:in",
                         "location_code:in", "page", "limit"})


@api.add("GET", "/v3/inventory/items", query=ITEMS_QUERY)
def get_items(ctx: Ctx) -> tuple[int, Any]:
    page = ctx.int_query("page", 1, minimum=1) or 1
    limit = min(ctx.int_query("limit", 50, minimum=1) or 50, 1000)
    data, total = inventory.items(
        ctx.conn, skus=ctx.query("sku:in"), variant_ids=ctx.query("variant_id:in"),
        location_ids=ctx.query("location_id:in"), page=page, limit=limit,
    )
    pages = max(1, -(-total // limit))
    meta = {"pagination": {"total": total, "count": len(data), "per_page": limit,
                           "current_page": page, "total_pages": pages,
                           "links": {"current": f"?page={page}&limit={limit}"}}}
    return 200, {"data": data, "meta": meta}


def _transaction() -> dict[str, Any]:
    import secrets

    return {"transaction_id": secrets.token_hex(16)}


@api.add("POST", "/v3/inventory/adjustments/relative")
def post_relative(ctx: Ctx) -> tuple[int, Any]:
    inventory.adjust(ctx.conn, ctx.body, relative=True, now=ctx.now)
    return 200, _transaction()


@api.add("PUT", "/v3/inventory/adjustments/absolute")
def put_absolute(ctx: Ctx) -> tuple[int, Any]:
    inventory.adjust(ctx.conn, ctx.body, relative=False, now=ctx.now)
    return 200, _transaction()

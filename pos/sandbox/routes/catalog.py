"""Catalogue routes: products and variants (`/v3/catalog`)."""

from __future__ import annotations

import json
from typing import Any

from pos.sandbox import catalog
from pos.sandbox.context import (
    LIKE,
    Ctx,
    api,
    documented_time,
    like_pattern,
    marks,
    select_page,
)
from pos.sandbox.errors import ApiError, not_found

VARIANT_QUERY = frozenset({"page", "limit", "id", "sku", "upc", "product_id:in"})


def _products(ctx: Ctx, rows: list[Any]) -> list[dict[str, Any]]:
    include = ctx.include()
    ids = [r["id"] for r in rows]
    variants: dict[int, list[Any]] = {i: [] for i in ids}
    if ids:
        marks = ",".join("?" * len(ids))
        for v in ctx.conn.execute(
            f"SELECT * FROM variants WHERE product_id IN ({marks}) ORDER BY id",  # noqa: S608
            ids,
        ):
            variants[v["product_id"]].append(v)
    return [catalog.product_json(r, variants[r["id"]], include, ctx.base_url) for r in rows]


# From products_catalog.v3.yml: the `include` enum, and the `sort` enum with the column each
# sorts by here.
PRODUCT_INCLUDES = frozenset(
    {
        "bulk_pricing_rules",
        "channels",
        "custom_fields",
        "images",
        "modifiers",
        "options",
        "parent_relations",
        "primary_image",
        "reviews",
        "variants",
        "videos",
    }
)
MODIFIED = f"COALESCE(json_extract(data, '$.modified'), {catalog.STORE_EPOCH})"
PRICE = "CAST(json_extract(data, '$.price') AS REAL)"
PRODUCT_SORTS = {
    "id": "id",
    "name": "name",
    "sku": "sku",
    "price": PRICE,
    "calculated_price": PRICE,
    "date_modified": MODIFIED,
    "date_last_imported": "id",  # nothing here was imported
    "inventory_level": "(SELECT SUM(inventory_level) FROM variants v WHERE v.product_id = "
    "products.id)",
    "is_visible": "id",  # every product is visible
    "total_sold": "id",  # not counted by the sandbox: every product has sold 0
}
# The filters the sandbox honours exactly; any other query parameter is refused.
PRODUCT_QUERY = frozenset(
    {
        "page",
        "limit",
        "include",
        "id",
        "id:in",
        "id:not_in",
        "id:min",
        "id:max",
        "id:greater",
        "id:less",
        "name",
        "sku",
        "sku:in",
        "upc",
        "keyword",
        "keyword_context",
        "date_modified",
        "date_modified:min",
        "date_modified:max",
        "sort",
        "direction",
    }
)


def _product_order(ctx: Ctx) -> str:
    sort = ctx.query("sort") or "id"
    direction = ctx.query("direction") or "asc"
    if sort not in PRODUCT_SORTS or direction not in ("asc", "desc"):
        wrong = "sort" if sort not in PRODUCT_SORTS else "direction"
        allowed = sorted(PRODUCT_SORTS) if wrong == "sort" else ["asc", "desc"]
        raise ApiError(
            422,
            "Input is invalid",
            detail=f"{wrong} must be one of: {', '.join(allowed)}.",
            errors={wrong: f"{ctx.query(wrong)!r} is not a documented value"},
        )
    return f"{PRODUCT_SORTS[sort]} {direction.upper()}"


@api.add("GET", "/v3/catalog/products", includes=PRODUCT_INCLUDES, query=PRODUCT_QUERY)
def get_products(ctx: Ctx) -> tuple[int, Any]:
    where: list[str] = []
    args: list[Any] = []
    keyword = ctx.query("keyword")
    if keyword:
        # Literally, in the name or SKU of the product or of one of its variants.
        where.append(
            f"(name{LIKE} OR sku{LIKE} OR EXISTS (SELECT 1 FROM variants v WHERE "  # noqa: S608
            f"v.product_id = products.id AND v.sku{LIKE}))"
        )
        args += [like_pattern(keyword)] * 3
    context = ctx.query("keyword_context")
    if context is not None and context not in ("shopper", "merchant"):
        raise ApiError(
            422, "Input is invalid", errors={"keyword_context": "must be shopper or merchant"}
        )
    for name, column in (("sku", "sku"), ("upc", "upc"), ("name", "name")):
        value = ctx.query(name)
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    skus = ctx.many("sku:in")
    if skus is not None:
        where.append(marks("sku", skus))
        args += skus
    product_id = ctx.int_query("id")
    if product_id is not None:
        where.append("id = ?")
        args.append(product_id)
    for name, sql in (("id:in", "id IN"), ("id:not_in", "id NOT IN")):
        ids = ctx.int_list(name)
        if ids is not None:
            where.append(marks("id", ids) if sql == "id IN" else f"NOT {marks('id', ids)}")
            args += ids
    for name, op in (("id:min", ">="), ("id:max", "<="), ("id:greater", ">"), ("id:less", "<")):
        bound = ctx.int_query(name)
        if bound is not None:
            where.append(f"id {op} ?")
            args.append(bound)
    day = ctx.query("date_modified")
    if day is not None:
        start = documented_time("date_modified", day[:10], ctx.now)
        where.append(f"date({MODIFIED}, 'unixepoch') = date(?, 'unixepoch')")
        args.append(start)
    for name, op in (("date_modified:min", ">="), ("date_modified:max", "<=")):
        text = ctx.query(name)
        if text is not None:
            where.append(f"{MODIFIED} {op} ?")
            args.append(documented_time(name, text, ctx.now))
    rows, meta = select_page(ctx, "products", where, args, order=_product_order(ctx))
    return 200, {"data": _products(ctx, rows), "meta": meta}


@api.add("GET", "/v3/catalog/products/{product_id}", includes=PRODUCT_INCLUDES)
def get_product(ctx: Ctx) -> tuple[int, Any]:
    product_id = ctx.int_param("product_id")
    row = ctx.conn.execute("SELECT * FROM products WHERE id = ?", (product_id,)).fetchone()
    if row is None:
        raise not_found("Product")
    return 200, {"data": _products(ctx, [row])[0], "meta": {}}


def _variants(ctx: Ctx, where: list[str], args: list[Any]) -> tuple[int, Any]:
    rows, meta = select_page(ctx, "variants", where, args)
    products: dict[int, dict[str, Any]] = {}
    out = []
    for row in rows:
        pid = row["product_id"]
        if pid not in products:
            prow = ctx.conn.execute("SELECT data FROM products WHERE id = ?", (pid,)).fetchone()
            products[pid] = json.loads(prow["data"])
        out.append(catalog.variant_json(row, products[pid]))
    return 200, {"data": out, "meta": meta}


@api.add("GET", "/v3/catalog/variants", query=VARIANT_QUERY)
def get_variants(ctx: Ctx) -> tuple[int, Any]:
    where: list[str] = []
    args: list[Any] = []
    for name in ("sku", "upc"):
        value = ctx.query(name)
        if value is not None:
            where.append(f"{name} = ?")
            args.append(value)
    variant_id = ctx.int_query("id")
    if variant_id is not None:
        where.append("id = ?")
        args.append(variant_id)
    product_ids = ctx.int_list("product_id:in")
    if product_ids is not None:
        where.append(marks("product_id", product_ids))
        args += product_ids
    return _variants(ctx, where, args)


@api.add("GET", "/v3/catalog/products/{product_id}/variants", query=frozenset({"page", "limit"}))
def get_product_variants(ctx: Ctx) -> tuple[int, Any]:
    product_id = ctx.int_param("product_id")
    if ctx.conn.execute("SELECT 1 FROM products WHERE id = ?", (product_id,)).fetchone() is None:
        raise not_found("Product")
    return _variants(ctx, ["product_id = ?"], [product_id])

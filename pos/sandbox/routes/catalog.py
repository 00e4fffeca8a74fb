"""Catalogue routes: products and variants (`/v3/catalog`)."""

from __future__ import annotations

import json
from typing import Any

from pos.sandbox import catalog
from pos.sandbox.context import Ctx, api, marks, select_page
from pos.sandbox.errors import not_found


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


@api.add("GET", "/v3/catalog/products")
def get_products(ctx: Ctx) -> tuple[int, Any]:
    where: list[str] = []
    args: list[Any] = []
    keyword = ctx.query("keyword")
    if keyword:
        where.append("(name LIKE ? OR sku LIKE ?)")
        args += [f"%{keyword}%", f"%{keyword}%"]
    for name, column in (("sku", "sku"), ("upc", "upc"), ("name", "name")):
        value = ctx.query(name)
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    sku_in = ctx.query("sku:in")
    if sku_in:
        skus = [s for s in sku_in.split(",") if s]
        where.append(marks("sku", skus))
        args += skus
    ids = ctx.int_list("id:in")
    if ids is not None:
        where.append(marks("id", ids))
        args += ids
    rows, meta = select_page(ctx, "products", where, args)
    return 200, {"data": _products(ctx, rows), "meta": meta}


@api.add("GET", "/v3/catalog/products/{product_id}")
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


@api.add("GET", "/v3/catalog/variants")
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


@api.add("GET", "/v3/catalog/products/{product_id}/variants")
def get_product_variants(ctx: Ctx) -> tuple[int, Any]:
    product_id = ctx.int_param("product_id")
    if ctx.conn.execute("SELECT 1 FROM products WHERE id = ?", (product_id,)).fetchone() is None:
        raise not_found("Product")
    return _variants(ctx, ["product_id = ?"], [product_id])

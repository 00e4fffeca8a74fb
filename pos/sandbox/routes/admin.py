"""The sandbox's own admin routes (`/__sandbox/...`, loopback only)."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from pos.sandbox import catalog
from pos.sandbox.context import Ctx, admin
from pos.sandbox.errors import MAX_INT, ApiError, Fields, not_found
from pos.sandbox.faults import validate_fault
from pos.sandbox.scopes import validate_scopes


@admin.add("GET", "/faults")
def admin_get_faults(ctx: Ctx) -> tuple[int, Any]:
    return 200, {"data": ctx.state.faults.active()}


@admin.add("POST", "/faults")
def admin_post_fault(ctx: Ctx) -> tuple[int, Any]:
    values, errors = validate_fault(ctx.body)
    if errors:
        raise ApiError(422, "Input is invalid", errors=errors)
    return 201, {"id": ctx.state.faults.add(**values)}


@admin.add("DELETE", "/faults")
def admin_delete_faults(ctx: Ctx) -> tuple[int, Any]:
    ctx.state.faults.clear()
    return 204, None


@admin.add("GET", "/config")
def admin_get_config(ctx: Ctx) -> tuple[int, Any]:
    return 200, ctx.state.settings.as_dict()


@admin.add("POST", "/config")
def admin_post_config(ctx: Ctx) -> tuple[int, Any]:
    if not isinstance(ctx.body, dict):
        raise ApiError(422, "Input is invalid", errors={"body": "must be a JSON object"})
    errors = ctx.state.settings.update(ctx.body)
    if errors:
        raise ApiError(422, "Input is invalid", errors=errors)
    ctx.state.limiter.reset()
    return 200, ctx.state.settings.as_dict()


@admin.add("POST", "/tokens")
def admin_post_token(ctx: Ctx) -> tuple[int, Any]:
    if not isinstance(ctx.body, dict):
        raise ApiError(422, "Input is invalid", errors={"body": "must be a JSON object"})
    unknown = sorted(set(ctx.body) - {"scopes"})
    if unknown:
        raise ApiError(422, "Input is invalid", errors={unknown[0]: "unknown field"})
    scopes, errors = validate_scopes(ctx.body.get("scopes"))
    if errors:
        raise ApiError(422, "Input is invalid", errors=errors)
    return 201, {"token": ctx.state.tokens.issue(ctx.conn, scopes), "scopes": scopes}


@admin.add("PUT", "/stock")
def admin_put_stock(ctx: Ctx) -> tuple[int, Any]:
    f = Fields(ctx.body)
    variant_id = f.int("variant_id", required=True, minimum=1)
    level = f.int("inventory_level", required=True, minimum=0)
    f.done()
    cursor = ctx.conn.execute(
        "UPDATE variants SET inventory_level = ? WHERE id = ?", (level, variant_id)
    )
    if cursor.rowcount == 0:
        raise not_found("Variant")
    # A change of stock is a change of the product: its date_modified moves.
    ctx.conn.execute(
        "UPDATE products SET data = json_set(data, '$.modified', ?) "
        "WHERE id = (SELECT product_id FROM variants WHERE id = ?)",
        (ctx.now, variant_id),
    )
    return 200, {"variant_id": variant_id, "inventory_level": level}


@admin.add("POST", "/orders/{order_id}/settle")
def admin_settle_order(ctx: Ctx) -> tuple[int, Any]:
    """Settles an order's payment now (it can then be refunded, no longer voided)."""
    from pos.sandbox import voids

    voids.mark_settled(ctx.conn, ctx.int_param("order_id"), ctx.now)
    return 200, {"order_id": ctx.int_param("order_id"), "settled": True}


@admin.add("PUT", "/quantity_rules")
def admin_put_quantity_rules(ctx: Ctx) -> tuple[int, Any]:
    """Sets a product's order_quantity_minimum and order_quantity_maximum (0: no rule)."""
    f = Fields(ctx.body)
    product_id = f.int("product_id", required=True, minimum=1)
    least = f.int("order_quantity_minimum", minimum=0, default=0) or 0
    most = f.int("order_quantity_maximum", minimum=0, default=0) or 0
    f.done()
    cursor = ctx.conn.execute(
        "UPDATE products SET data = json_set(data, '$.order_quantity_minimum', ?, "
        "'$.order_quantity_maximum', ?, '$.modified', ?) WHERE id = ?",
        (least, most, ctx.now, product_id),
    )
    if cursor.rowcount == 0:
        raise not_found("Product")
    return 200, {
        "product_id": product_id,
        "order_quantity_minimum": least,
        "order_quantity_maximum": most,
    }


@admin.add("GET", "/images/{name}")
def admin_image(ctx: Ctx) -> tuple[int, Any]:
    name = ctx.params["name"]
    stem = name.removesuffix(".svg")
    if not (stem.isascii() and stem.isdigit()) or len(stem) > 10 or int(stem) > MAX_INT:
        raise not_found("Image")
    row = ctx.conn.execute("SELECT name FROM products WHERE id = ?", (int(stem),)).fetchone()
    if row is None:
        raise not_found("Image")
    return 200, Response(catalog.product_svg(int(stem), row["name"]), media_type="image/svg+xml")

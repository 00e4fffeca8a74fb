"""Order routes: v2 orders and their parts, v3 transactions and refunds."""

from __future__ import annotations

import json
from typing import Any

from pos.sandbox import orders, totals, voids
from pos.sandbox.context import Ctx, api, where_clause
from pos.sandbox.errors import ApiError, not_found
from pos.sandbox.money import D
from pos.sandbox.money import v2 as v2_money
from pos.sandbox.orders_consignments import CONSIGNMENT_INCLUDES, consignments_v2


def _timestamp(name: str, text: str) -> float:
    """A v2 date filter: RFC 2822 or ISO 8601 (a date alone is midnight UTC)."""
    from datetime import UTC, datetime
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ApiError(
                400, "Bad date", detail=f"The field '{name}' is not a valid date.", v2=True
            ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


V2_ORDER_QUERY = frozenset(
    {
        "page",
        "limit",
        "sort",
        "status_id",
        "customer_id",
        "min_id",
        "max_id",
        "cart_id",
        "email",
        "min_date_created",
        "max_date_created",
        "min_date_modified",
        "max_date_modified",
    }
)


@api.add("GET", "/v2/orders", v2=True, query=V2_ORDER_QUERY)
def get_orders(ctx: Ctx) -> tuple[int, Any]:
    where: list[str] = []
    args: list[Any] = []
    for name, column, op in (
        ("status_id", "status_id", "="),
        ("customer_id", "customer_id", "="),
        ("min_id", "id", ">="),
        ("max_id", "id", "<="),
    ):
        value = ctx.int_query(name)
        if value is not None:
            where.append(f"{column} {op} ?")
            args.append(value)
    for name in ("cart_id", "email"):
        text = ctx.query(name)
        if text:
            where.append(f"{name} = ?")
            args.append(text)
    for name, column, op in (
        ("min_date_created", "created", ">="),
        ("max_date_created", "created", "<="),
        ("min_date_modified", "modified", ">="),
        ("max_date_modified", "modified", "<="),
    ):
        text = ctx.query(name)
        if text:
            where.append(f"{column} {op} ?")
            args.append(_timestamp(name, text))
    sort = ctx.query("sort") or "id"
    column, _, direction = sort.partition(":")
    columns = {
        "id": "id",
        "date_created": "created",
        "date_modified": "modified",
        "status_id": "status_id",
        "customer_id": "customer_id",
        "channel_id": "id",
    }
    if column not in columns or direction not in ("", "asc", "desc"):
        raise ApiError(400, "Bad sort", detail=f"The sort {sort!r} is not supported.", v2=True)
    page = ctx.int_query("page", 1, minimum=1) or 1
    limit = min(ctx.int_query("limit", 50, minimum=1) or 50, 250)
    clause = where_clause(where)
    rows = ctx.conn.execute(
        f"SELECT * FROM orders{clause} ORDER BY {columns[column]} "  # noqa: S608
        f"{'DESC' if direction == 'desc' else 'ASC'}, id LIMIT ? OFFSET ?",
        [*args, limit, (page - 1) * limit],
    ).fetchall()
    return 200, [
        orders.order_v2(r, json.loads(r["data"]), ctx.base_url + ctx.extra["prefix"]) for r in rows
    ]


@api.add("GET", "/v2/orders/{order_id}", v2=True, includes=CONSIGNMENT_INCLUDES)
def get_order(ctx: Ctx) -> tuple[int, Any]:
    """The order; ``include=consignments[.line_items]&consignment_structure=object`` adds
    its consignments (with its products, for ``consignments.line_items``)."""
    order_id = ctx.int_param("order_id")
    row, order = orders.load_order(ctx.conn, order_id, v2_errors=True)
    base = ctx.base_url + ctx.extra["prefix"]
    body = orders.order_v2(row, order, base)
    includes = ctx.include()
    structure = ctx.query("consignment_structure")
    if structure not in (None, "object"):
        raise ApiError(422, "Input is invalid", v2=True,
                       detail="consignment_structure must be 'object'.",
                       errors={"consignment_structure": "must be 'object'"})
    if includes & CONSIGNMENT_INCLUDES:
        if structure != "object":
            raise ApiError(422, "Input is invalid", v2=True,
                           detail="include=consignments needs consignment_structure=object.",
                           errors={"consignment_structure": "required with consignments"})
        body["consignments"] = consignments_v2(
            order_id, order, base, line_items="consignments.line_items" in includes)
    return 200, body


@api.add("PUT", "/v2/orders/{order_id}", v2=True)
def put_order(ctx: Ctx) -> tuple[int, Any]:
    order_id = ctx.int_param("order_id")
    row, order = orders.load_order(ctx.conn, order_id, v2_errors=True)
    body = ctx.body
    if not isinstance(body, dict):
        raise ApiError(
            400, "Bad request", detail="The request body must be a JSON object.", v2=True
        )
    allowed = {
        "status_id", "staff_notes", "customer_message", "payment_method", "payment_provider_id",
    }
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise ApiError(
            400,
            "Bad request",
            v2=True,
            detail=f"The field '{unknown[0]}' cannot be written to by the sandbox.",
        )
    status_id = body.get("status_id")
    if status_id is not None and (
        isinstance(status_id, bool)
        or not isinstance(status_id, int)
        or status_id not in orders.ORDER_STATUSES
    ):
        raise ApiError(
            400,
            "Bad request",
            v2=True,
            detail="The field 'status_id' must be a valid order status id (0-14).",
        )
    provider = body.get("payment_provider_id")
    if "payment_provider_id" in body:
        # Documented as a string or a number (orders.v2.oas2.yml).
        if isinstance(provider, bool) or not isinstance(provider, str | int | float):
            raise ApiError(
                400, "Bad request", v2=True,
                detail="The field 'payment_provider_id' must be a string or a number.",
            )
        order["payment_provider_id"] = str(provider)
    for key in ("staff_notes", "customer_message", "payment_method"):
        if key in body:
            if not isinstance(body[key], str):
                raise ApiError(
                    400, "Bad request", v2=True, detail=f"The field '{key}' must be a string."
                )
            order[key] = body[key]
    orders.save_order(ctx.conn, order_id, order, status_id=status_id, now=ctx.now)
    row, order = orders.load_order(ctx.conn, order_id, v2_errors=True)
    return 200, orders.order_v2(row, order, ctx.base_url + ctx.extra["prefix"])


@api.add("GET", "/v2/orders/{order_id}/products", v2=True)
def get_order_products(ctx: Ctx) -> tuple[int, Any]:
    order_id = ctx.int_param("order_id")
    _, order = orders.load_order(ctx.conn, order_id, v2_errors=True)
    return 200, orders.order_products_v2(order_id, order)


@api.add("GET", "/v2/orders/{order_id}/taxes", v2=True,
         query=frozenset({"page", "limit", "details"}))
def get_order_taxes(ctx: Ctx) -> tuple[int, Any]:
    order_id = ctx.int_param("order_id")
    _, order = orders.load_order(ctx.conn, order_id, v2_errors=True)
    page = ctx.int_query("page", 1, minimum=1) or 1
    limit = min(ctx.int_query("limit", 50, minimum=1) or 50, 250)
    return 200, orders.order_taxes_v2(order_id, order)[(page - 1) * limit:page * limit]


@api.add("GET", "/v2/orders/{order_id}/shipping_addresses", v2=True)
def get_order_shipping_addresses(ctx: Ctx) -> tuple[int, Any]:
    order_id = ctx.int_param("order_id")
    _, order = orders.load_order(ctx.conn, order_id, v2_errors=True)
    out = []
    zero = v2_money(D(0))
    for a in order["shipping_addresses"]:
        entry = {k: v for k, v in a.items() if k not in ("cost_ex_tax", "cost_tax", "cost_inc_tax")}
        entry.update(
            order_id=order_id,
            items_shipped=0,
            base_cost=v2_money(D(a["cost_ex_tax"])),
            cost_ex_tax=v2_money(D(a["cost_ex_tax"])),
            cost_inc_tax=v2_money(D(a["cost_inc_tax"])),
            cost_tax=v2_money(D(a["cost_tax"])),
            cost_tax_class_id=2,
            base_handling_cost=zero,
            handling_cost_ex_tax=zero,
            handling_cost_inc_tax=zero,
            handling_cost_tax=zero,
            handling_cost_tax_class_id=2,
            shipping_zone_id=1,
            shipping_zone_name="Sandbox",
            form_fields=[],
        )
        out.append(entry)
    return 200, out


@api.add("GET", "/v2/orders/{order_id}/coupons", v2=True)
def get_order_coupons(ctx: Ctx) -> tuple[int, Any]:
    order_id = ctx.int_param("order_id")
    _, order = orders.load_order(ctx.conn, order_id, v2_errors=True)
    types = {"per_item_discount": 0, "percentage_discount": 1, "per_total_discount": 2}
    out = []
    for n, coupon in enumerate(order["coupons"]):
        found = totals.find_coupon(ctx.conn, coupon["code"]) or {}
        out.append(
            {
                "id": order_id * 100 + n,
                "coupon_id": coupon["id"],
                "order_id": order_id,
                "code": coupon["code"],
                "amount": float(D(found.get("amount", "0"))),
                "type": types.get(found.get("kind", ""), 2),
                "discount": float(D(coupon["amount"])),
            }
        )
    return 200, out


@api.add("GET", "/v2/order_statuses", v2=True)
def get_order_statuses(ctx: Ctx) -> tuple[int, Any]:
    return 200, orders.statuses_v2()


@api.add("GET", "/v3/orders/{order_id}/transactions")
def get_transactions(ctx: Ctx) -> tuple[int, Any]:
    order_id = ctx.int_param("order_id")
    orders.load_order(ctx.conn, order_id)
    data = orders.transactions_json(ctx.conn, order_id)
    if not data:
        return 204, None
    meta = {
        "pagination": {
            "total": len(data),
            "count": len(data),
            "per_page": 50,
            "current_page": 1,
            "total_pages": 1,
            "links": {"current": "?page=1&limit=50"},
        }
    }
    return 200, {"data": data, "meta": meta}


@api.add("POST", "/v3/orders/{order_id}/payment_actions/refund_quotes")
def post_refund_quote(ctx: Ctx) -> tuple[int, Any]:
    quote = orders.refund_quote(ctx.conn, ctx.int_param("order_id"), ctx.body)
    return 201, {"data": orders.quote_json(quote), "meta": {}}


@api.add("POST", "/v3/orders/{order_id}/payment_actions/refunds")
def post_refund(ctx: Ctx) -> tuple[int, Any]:
    refund = orders.create_refund(ctx.conn, ctx.int_param("order_id"), ctx.body, ctx.now)
    return 201, {"data": refund, "meta": {}}


@api.add("GET", "/v3/orders/{order_id}/payment_actions/refunds")
def get_refunds(ctx: Ctx) -> tuple[int, Any]:
    order_id = ctx.int_param("order_id")
    orders.load_order(ctx.conn, order_id)
    rows = ctx.conn.execute(
        "SELECT data FROM refunds WHERE order_id = ? ORDER BY id", (order_id,)
    ).fetchall()
    data = [json.loads(r["data"]) for r in rows]
    return 200, {"data": data, "meta": {}}


@api.add("GET", "/v3/orders/payment_actions/refunds/{refund_id}")
def get_refund(ctx: Ctx) -> tuple[int, Any]:
    row = ctx.conn.execute(
        "SELECT data FROM refunds WHERE id = ?", (ctx.int_param("refund_id"),)
    ).fetchone()
    if row is None:
        raise not_found("Refund")
    refund = json.loads(row["data"])
    # This route's documents give requested_amount as a string (null for quantities).
    for item in refund["items"]:
        item["requested_amount"] = (
            None if item["item_type"] == "PRODUCT" else f"{D(item['requested_amount']):.2f}"
        )
    return 200, {"data": refund, "meta": {}}


@api.add("POST", "/v3/orders/{order_id}/payment_actions/void")
def post_void(ctx: Ctx) -> tuple[int, Any]:
    voids.void(ctx.conn, ctx.int_param("order_id"), ctx.now)
    return 201, {}

"""The sandbox store's HTTP face: an ASGI app (Starlette requests/responses) with its routes.

Every request runs through the same steps: injected faults and latency, the rate limit of
its class (the store API, or payments), authentication, then its handler, which does all of
its database work in one transaction on the event loop's thread.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from pos.sandbox import catalog, channels, checkout, orders, payments
from pos.sandbox.db import Database, dumps
from pos.sandbox.errors import ERROR_TYPE, MAX_INT, ApiError, Fields, not_found
from pos.sandbox.faults import FaultSet, RateLimiter, Settings, validate_fault
from pos.sandbox.money import D
from pos.sandbox.money import v2 as v2_money
from pos.sandbox.scopes import FORBIDDEN_TITLE, Tokens, required_scopes, validate_scopes

log = logging.getLogger("pos.sandbox")

Handler = Callable[["Ctx"], tuple[int, Any]]

JSON_TYPE = "application/json"
PAYMENTS_ACCEPT = "application/vnd.bc.v1+json"
PAT_HEADER = re.compile(r"^PAT ([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)$")


@dataclass
class StoreState:
    """Everything a request may touch."""

    db: Database
    store_hash: str
    token: str
    secret: bytes
    tokens: Tokens
    settings: Settings = field(default_factory=Settings)
    faults: FaultSet = field(default_factory=FaultSet)
    limiter: RateLimiter = field(default_factory=RateLimiter)


@dataclass
class Ctx:
    """One request, as its handler sees it."""

    conn: Any
    request: Request
    params: dict[str, str]
    body: Any
    now: float
    base_url: str
    state: StoreState
    extra: dict[str, Any] = field(default_factory=dict)

    def query(self, name: str) -> str | None:
        return self.request.query_params.get(name)

    def include(self) -> set[str]:
        raw = self.request.query_params.get("include", "")
        return {part.strip() for part in raw.split(",") if part.strip()}

    def int_param(self, name: str) -> int:
        value = self.params[name]
        if not value.isdigit() or len(value) > 10 or int(value) > MAX_INT:
            raise not_found(name.replace("_", " ").capitalize(), v2="/v2/" in self.request.url.path)
        return int(value)

    def int_query(self, name: str, default: int | None = None, *, minimum: int = 0) -> int | None:
        raw = self.query(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ApiError(
                422,
                "Input is invalid",
                errors={name: f"{name} must be an integer"},
                v2="/v2/" in self.request.url.path,
            ) from None
        if value > MAX_INT:
            raise ApiError(
                422,
                "Input is invalid",
                errors={name: f"{name} is too large"},
                v2="/v2/" in self.request.url.path,
            )
        if value < minimum:
            raise ApiError(
                422,
                "Input is invalid",
                errors={name: f"{name} must be at least {minimum}"},
                v2="/v2/" in self.request.url.path,
            )
        return value

    def int_list(self, name: str) -> list[int] | None:
        raw = self.query(name)
        if raw is None or raw == "":
            return None
        try:
            values = [int(part) for part in raw.split(",") if part.strip()]
            if any(abs(v) > MAX_INT for v in values):
                raise ValueError(name)
            return values
        except ValueError:
            raise ApiError(
                422,
                "Input is invalid",
                errors={name: f"{name} must be a comma-separated list of integers"},
            ) from None


# -- routing --------------------------------------------------------------------------------


class Router:
    def __init__(self) -> None:
        self.routes: list[tuple[str, re.Pattern[str], Handler, bool]] = []

    def add(self, method: str, pattern: str, *, v2: bool = False) -> Callable[[Handler], Handler]:
        regex = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern) + "$")

        def register(handler: Handler) -> Handler:
            self.routes.append((method, regex, handler, v2))
            return handler

        return register

    def match(self, method: str, path: str) -> tuple[Handler | None, dict[str, str], bool, bool]:
        """(handler, params, is_v2, path_known)."""
        known = False
        for route_method, regex, handler, v2 in self.routes:
            m = regex.match(path)
            if m is None:
                continue
            known = True
            if route_method == method:
                return handler, m.groupdict(), v2, True
        return None, {}, path.startswith("/v2/"), known


api = Router()
admin = Router()


def paginate(
    ctx: Ctx, total: int, default_limit: int = 50, max_limit: int = 250
) -> tuple[int, int, dict[str, Any]]:
    page = ctx.int_query("page", 1, minimum=1) or 1
    limit = ctx.int_query("limit", default_limit, minimum=1) or default_limit
    limit = min(limit, max_limit)
    pages = max(1, -(-total // limit))
    links: dict[str, str] = {"current": f"?page={page}&limit={limit}"}
    if page > 1:
        links["previous"] = f"?page={page - 1}&limit={limit}"
    if page < pages:
        links["next"] = f"?page={page + 1}&limit={limit}"
    count = max(0, min(limit, total - (page - 1) * limit))
    meta = {
        "pagination": {
            "total": total,
            "count": count,
            "per_page": limit,
            "current_page": page,
            "total_pages": pages,
            "links": links,
        }
    }
    return (page - 1) * limit, limit, meta


def _marks(column: str, values: list[Any]) -> str:
    """A `column IN (?,?,...)` condition with one placeholder per value; an empty list
    matches nothing (spelled out: an empty IN list is an SQLite extension)."""
    if not values:
        return "0"
    return f"{column} IN ({','.join('?' * len(values))})"


def _where(where: list[str]) -> str:
    return (" WHERE " + " AND ".join(where)) if where else ""


def _select_page(
    ctx: Ctx, table: str, where: list[str], args: list[Any]
) -> tuple[list[Any], dict[str, Any]]:
    """One page of a table's rows (by id) that match all of `where`, and the page's meta."""
    clause = _where(where)
    total = ctx.conn.execute(f"SELECT COUNT(*) FROM {table}{clause}", args).fetchone()[0]  # noqa: S608
    offset, limit, meta = paginate(ctx, int(total))
    rows = ctx.conn.execute(
        f"SELECT * FROM {table}{clause} ORDER BY id LIMIT ? OFFSET ?",  # noqa: S608
        [*args, limit, offset],
    ).fetchall()
    return rows, meta


# -- catalog --------------------------------------------------------------------------------


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
        where.append(_marks("sku", skus))
        args += skus
    ids = ctx.int_list("id:in")
    if ids is not None:
        where.append(_marks("id", ids))
        args += ids
    rows, meta = _select_page(ctx, "products", where, args)
    return 200, {"data": _products(ctx, rows), "meta": meta}


@api.add("GET", "/v3/catalog/products/{product_id}")
def get_product(ctx: Ctx) -> tuple[int, Any]:
    product_id = ctx.int_param("product_id")
    row = ctx.conn.execute("SELECT * FROM products WHERE id = ?", (product_id,)).fetchone()
    if row is None:
        raise not_found("Product")
    return 200, {"data": _products(ctx, [row])[0], "meta": {}}


def _variants(ctx: Ctx, where: list[str], args: list[Any]) -> tuple[int, Any]:
    rows, meta = _select_page(ctx, "variants", where, args)
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
        where.append(_marks("product_id", product_ids))
        args += product_ids
    return _variants(ctx, where, args)


@api.add("GET", "/v3/catalog/products/{product_id}/variants")
def get_product_variants(ctx: Ctx) -> tuple[int, Any]:
    product_id = ctx.int_param("product_id")
    if ctx.conn.execute("SELECT 1 FROM products WHERE id = ?", (product_id,)).fetchone() is None:
        raise not_found("Product")
    return _variants(ctx, ["product_id = ?"], [product_id])


# -- customers ------------------------------------------------------------------------------


def customer_json(row: Any, include: set[str]) -> dict[str, Any]:
    data = json.loads(row["data"])
    out: dict[str, Any] = {
        "id": row["id"],
        "email": row["email"],
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "company": data.get("company", ""),
        "phone": data.get("phone", ""),
        "notes": data.get("notes", ""),
        "registration_ip_address": "",
        "tax_exempt_category": "",
        "customer_group_id": 0,
        "date_created": catalog.iso(data.get("created", catalog.STORE_EPOCH)),
        "date_modified": catalog.iso(data.get("created", catalog.STORE_EPOCH)),
        "address_count": len(data["addresses"]),
        "attribute_count": 0,
        "authentication": {"force_password_reset": False},
        "accepts_product_review_abandoned_cart_emails": False,
        "origin_channel_id": 1,
    }
    if "addresses" in include:
        out["addresses"] = [
            {
                **{
                    k: a.get(k, "")
                    for k in (
                        "first_name",
                        "last_name",
                        "company",
                        "address1",
                        "address2",
                        "city",
                        "state_or_province",
                        "postal_code",
                        "country_code",
                        "phone",
                    )
                },
                "address_type": a.get("address_type", "residential"),
                "country": {
                    "US": "United States",
                    "CA": "Canada",
                    "GB": "United Kingdom",
                    "DE": "Germany",
                    "AU": "Australia",
                }.get(a.get("country_code", ""), a.get("country_code", "")),
                "customer_id": row["id"],
                "id": a["id"],
            }
            for a in data["addresses"]
        ]
    if "storecredit" in include:
        out["store_credit_amounts"] = [{"amount": 0}]
    return out


@api.add("GET", "/v3/customers")
def get_customers(ctx: Ctx) -> tuple[int, Any]:
    where: list[str] = []
    args: list[Any] = []
    emails = ctx.query("email:in")
    if emails:
        values = [e.strip() for e in emails.split(",") if e.strip()]
        where.append(_marks("email", values))
        args += values
    ids = ctx.int_list("id:in")
    if ids is not None:
        where.append(_marks("id", ids))
        args += ids
    like = ctx.query("name:like")
    if like:
        alternatives = []
        for part in (p.strip() for p in like.split(",") if p.strip()):
            alternatives.append("(first_name || ' ' || last_name) LIKE ?")
            args.append(f"%{part}%")
        where.append("(" + " OR ".join(alternatives) + ")")
    names = ctx.query("name:in")
    if names:
        values = [n.strip() for n in names.split(",") if n.strip()]
        where.append(_marks("(first_name || ' ' || last_name)", values))
        args += values
    rows, meta = _select_page(ctx, "customers", where, args)
    include = ctx.include()
    return 200, {"data": [customer_json(r, include) for r in rows], "meta": meta}


@api.add("POST", "/v3/customers")
def post_customers(ctx: Ctx) -> tuple[int, Any]:
    body = ctx.body
    if not isinstance(body, list) or not body:
        raise ApiError(
            422, "Input is invalid", errors={"body": "must be a non-empty array of customers"}
        )
    created = []
    for n, raw in enumerate(body):
        f = Fields(raw, f"[{n}]")
        email = f.str("email", required=True, max_length=255)
        first = f.str("first_name", required=True, max_length=100)
        last = f.str("last_name", required=True, max_length=100)
        phone = f.str("phone", max_length=50) or ""
        company = f.str("company", max_length=255) or ""
        notes = f.str("notes") or ""
        addresses = f.list("addresses") or []
        if email and "@" not in email:
            f.fail("email", "email is not a valid address")
        parsed = []
        for m, raw_address in enumerate(addresses):
            a = Fields(raw_address, f"[{n}].addresses[{m}]")
            entry = {}
            for key in ("first_name", "last_name", "address1", "city", "country_code"):
                entry[key] = a.str(key, required=True, max_length=255)
            for key in (
                "company",
                "address2",
                "state_or_province",
                "postal_code",
                "phone",
                "address_type",
            ):
                entry[key] = a.str(key, max_length=255) or ""
            entry["address_type"] = entry["address_type"] or "residential"
            f.merge(a)
            parsed.append(entry)
        f.done()
        exists = ctx.conn.execute("SELECT 1 FROM customers WHERE email = ?", (email,)).fetchone()
        if exists is not None:
            raise ApiError(
                422,
                "The customer could not be created",
                errors={f"[{n}].email": f"The email address {email} is already in use"},
            )
        cursor = ctx.conn.execute(
            "INSERT INTO customers (email, first_name, last_name, data) VALUES (?,?,?,?)",
            (
                email,
                first,
                last,
                dumps(
                    {
                        "phone": phone,
                        "company": company,
                        "notes": notes,
                        "addresses": [],
                        "created": ctx.now,
                    }
                ),
            ),
        )
        customer_id = int(cursor.lastrowid or 0)
        catalog.store_addresses(ctx.conn, customer_id, parsed)
        created.append(customer_id)
    rows = [
        ctx.conn.execute("SELECT * FROM customers WHERE id = ?", (i,)).fetchone() for i in created
    ]
    return 200, {"data": [customer_json(r, {"addresses"}) for r in rows], "meta": {}}


@api.add("GET", "/v3/customers/{customer_id}/stored-instruments")
def get_stored_instruments(ctx: Ctx) -> tuple[int, Any]:
    customer_id = ctx.int_param("customer_id")
    if ctx.conn.execute("SELECT 1 FROM customers WHERE id = ?", (customer_id,)).fetchone() is None:
        raise not_found("Customer")
    return 200, payments.stored_instruments(ctx.conn, customer_id, with_billing=True)


# -- channels -------------------------------------------------------------------------------


def _str_set(ctx: Ctx, name: str) -> set[str] | None:
    raw = ctx.query(name)
    if raw is None or raw == "":
        return None
    return {part.strip() for part in raw.split(",") if part.strip()}


@api.add("GET", "/v3/channels")
def get_channels(ctx: Ctx) -> tuple[int, Any]:
    found = channels.list_channels(
        _str_set(ctx, "type:in"), _str_set(ctx, "platform:in"), _str_set(ctx, "status:in")
    )
    offset, limit, meta = paginate(ctx, len(found))
    return 200, {"data": found[offset : offset + limit], "meta": meta}


@api.add("GET", "/v3/channels/{channel_id}")
def get_channel(ctx: Ctx) -> tuple[int, Any]:
    channel = channels.find(ctx.int_param("channel_id"))
    if channel is None:
        raise not_found("Channel")
    return 200, {"data": channels.channel_json(channel), "meta": {}}


# -- carts ----------------------------------------------------------------------------------


def _cart_response(ctx: Ctx, cart: dict[str, Any], status: int) -> tuple[int, Any]:
    return status, {
        "data": checkout.cart_json(ctx.conn, cart, ctx.base_url, ctx.include()),
        "meta": {},
    }


def _customer_email(ctx: Ctx, customer_id: int, field_name: str) -> str:
    if customer_id == 0:
        return ""
    row = ctx.conn.execute("SELECT email FROM customers WHERE id = ?", (customer_id,)).fetchone()
    if row is None:
        raise ApiError(
            422, f"Customer {customer_id} does not exist", errors={field_name: "unknown customer"}
        )
    return str(row["email"])


def _read_items(f: Fields) -> tuple[list[Any], list[Any]]:
    """The `line_items` and `custom_items` of a request body: at least one of them."""
    line_items = f.list("line_items") or []
    custom_items = f.list("custom_items") or []
    if not line_items and not custom_items and not f.errors:
        f.fail("line_items", "Missing line_items in request body")
    return line_items, custom_items


def _add_items(
    ctx: Ctx, cart: dict[str, Any], line_items: list[Any], custom_items: list[Any]
) -> tuple[int, Any]:
    """Add catalogue and custom items to a cart, save it and answer 201 with the cart."""
    items = [
        checkout.resolve_item(ctx.conn, raw, f"line_items[{n}]") for n, raw in enumerate(line_items)
    ]
    items += [checkout.custom_item(raw, f"custom_items[{n}]") for n, raw in enumerate(custom_items)]
    checkout.add_items(ctx.conn, cart, items)
    checkout.save_cart(ctx.conn, cart, ctx.now)
    return _cart_response(ctx, cart, 201)


@api.add("POST", "/v3/carts")
def post_cart(ctx: Ctx) -> tuple[int, Any]:
    f = Fields(ctx.body)
    customer_id = f.int("customer_id", minimum=0, default=0) or 0
    channel_id = f.int("channel_id", minimum=1, default=1) or 1
    locale = f.str("locale", default="en-US") or "en-US"
    line_items = f.list("line_items") or []
    custom_items = f.list("custom_items") or []
    currency = f.dict("currency")
    if not line_items and not custom_items and not f.errors:
        f.fail("line_items", "Missing line_items in request body")
    f.done()
    if currency is not None and currency.get("code", checkout.CURRENCY) != checkout.CURRENCY:
        raise ApiError(
            400,
            "The currency is not a transactional currency of this store",
            errors={"currency.code": f"only {checkout.CURRENCY}"},
        )
    channel = channels.find(channel_id)
    if channel is None or channel[4] not in channels.SELLING_STATUSES:
        raise ApiError(
            422,
            f"Channel {channel_id} does not exist or is not active",
            errors={"channel_id": f"channel {channel_id} is not a valid channel of this store"},
        )
    email = _customer_email(ctx, customer_id, "customer_id")
    cart = checkout.new_cart(customer_id, email, channel_id, locale, ctx.now)
    return _add_items(ctx, cart, line_items, custom_items)


@api.add("GET", "/v3/carts/{cart_id}")
def get_cart(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["cart_id"])
    return _cart_response(ctx, cart, 200)


@api.add("PUT", "/v3/carts/{cart_id}")
def put_cart(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["cart_id"])
    f = Fields(ctx.body)
    customer_id = f.int("customer_id", required=True, minimum=0)
    f.done()
    checkout.check_version(cart, ctx.body)
    assert customer_id is not None
    email = _customer_email(ctx, customer_id, "customer_id")
    if customer_id != cart["customer_id"]:
        cart["customer_id"] = customer_id
        cart["email"] = email
        checkout.drop_promotions_and_shipping(cart)
    checkout.save_cart(ctx.conn, cart, ctx.now)
    return _cart_response(ctx, cart, 201)


@api.add("DELETE", "/v3/carts/{cart_id}")
def delete_cart(ctx: Ctx) -> tuple[int, Any]:
    checkout.load_cart(ctx.conn, ctx.params["cart_id"])
    ctx.conn.execute("DELETE FROM carts WHERE id = ?", (ctx.params["cart_id"],))
    return 204, None


@api.add("POST", "/v3/carts/{cart_id}/items")
def post_cart_items(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["cart_id"])
    f = Fields(ctx.body)
    line_items, custom_items = _read_items(f)
    f.done()
    checkout.check_version(cart, ctx.body)
    return _add_items(ctx, cart, line_items, custom_items)


@api.add("PUT", "/v3/carts/{cart_id}/items/{item_id}")
def put_cart_item(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["cart_id"])
    item = checkout.find_item(cart, ctx.params["item_id"])
    f = Fields(ctx.body)
    line = f.dict("line_item", required=True)
    f.done()
    checkout.check_version(cart, ctx.body)
    g = Fields(line, "line_item")
    quantity = g.int("quantity", required=True, minimum=1)
    list_price = g.number("list_price", minimum=0)
    product_id = g.int("product_id")
    variant_id = g.int("variant_id")
    g.done()
    for name, value in (("product_id", product_id), ("variant_id", variant_id)):
        if value is not None and value != item.get(name):
            raise ApiError(
                422,
                "Only quantity and list_price of a line item can be changed",
                errors={f"line_item.{name}": "does not match the line item"},
            )
    assert quantity is not None
    old_quantity = item["quantity"]
    item["quantity"] = quantity
    checkout.resize_line(cart, item, old_quantity)
    if list_price is not None:
        item["list_price"] = str(D(list_price))
        item["overridden"] = True
    checkout.check_stock(ctx.conn, cart["items"])
    checkout.save_cart(ctx.conn, cart, ctx.now)
    return _cart_response(ctx, cart, 200)


@api.add("DELETE", "/v3/carts/{cart_id}/items/{item_id}")
def delete_cart_item(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["cart_id"])
    checkout.remove_item(cart, ctx.params["item_id"])
    if not cart["items"]:
        ctx.conn.execute("DELETE FROM carts WHERE id = ?", (cart["id"],))
        return 204, None
    checkout.save_cart(ctx.conn, cart, ctx.now)
    return _cart_response(ctx, cart, 200)


# -- checkouts ------------------------------------------------------------------------------


def _checkout_response(ctx: Ctx, cart: dict[str, Any]) -> tuple[int, Any]:
    return 200, {
        "data": checkout.checkout_json(ctx.conn, cart, ctx.base_url, ctx.include()),
        "meta": {},
    }


@api.add("GET", "/v3/checkouts/{checkout_id}")
def get_checkout(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["checkout_id"])
    return _checkout_response(ctx, cart)


@api.add("PUT", "/v3/checkouts/{checkout_id}")
def put_checkout(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["checkout_id"])
    f = Fields(ctx.body)
    message = f.str("customer_message", max_length=2000)
    f.done()
    checkout.check_version(cart, ctx.body)
    if message is not None:
        cart["customer_message"] = message
    checkout.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("POST", "/v3/checkouts/{checkout_id}/billing-address")
def post_billing(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["checkout_id"])
    checkout.check_version(cart, ctx.body)
    cart["billing"] = checkout.read_address(ctx.body, "", billing=True)
    if not cart["email"]:
        cart["email"] = cart["billing"]["email"]
    checkout.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("PUT", "/v3/checkouts/{checkout_id}/billing-address/{address_id}")
def put_billing(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["checkout_id"])
    if not cart.get("billing") or cart["billing"]["id"] != ctx.params["address_id"]:
        raise not_found("Billing address")
    checkout.check_version(cart, ctx.body)
    address = checkout.read_address(ctx.body, "", billing=True)
    address["id"] = cart["billing"]["id"]
    cart["billing"] = address
    checkout.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("POST", "/v3/checkouts/{checkout_id}/consignments")
def post_consignments(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["checkout_id"])
    checkout.add_consignments(ctx.conn, cart, ctx.body)
    checkout.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("PUT", "/v3/checkouts/{checkout_id}/consignments/{consignment_id}")
def put_consignment(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["checkout_id"])
    consignment = checkout.find_consignment(cart, ctx.params["consignment_id"])
    checkout.update_consignment(cart, consignment, ctx.body)
    checkout.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("DELETE", "/v3/checkouts/{checkout_id}/consignments/{consignment_id}")
def delete_consignment(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["checkout_id"])
    consignment = checkout.find_consignment(cart, ctx.params["consignment_id"])
    cart["consignments"].remove(consignment)
    checkout.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("POST", "/v3/checkouts/{checkout_id}/coupons")
def post_coupon(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["checkout_id"])
    f = Fields(ctx.body)
    code = f.str("coupon_code", required=True, max_length=50)
    f.done()
    checkout.check_version(cart, ctx.body)
    assert code is not None
    coupon = checkout.find_coupon(ctx.conn, code.strip())
    if coupon is None:
        raise ApiError(
            422,
            "The coupon code is not valid",
            errors={"coupon_code": f"{code} is not a valid coupon code"},
        )
    if any(c.upper() == coupon["code"].upper() for c in cart["coupons"]):
        return _checkout_response(ctx, cart)
    if cart["coupons"]:
        raise ApiError(
            422,
            "Only one coupon can be applied to an order",
            errors={"coupon_code": "remove the other coupon first"},
        )
    totals = checkout.compute(ctx.conn, cart)
    if checkout.coupon_discount(coupon, totals.subtotal) is None:
        raise ApiError(
            422,
            f"The coupon {coupon['code']} needs an order of at least {coupon['min_purchase']}",
            errors={"coupon_code": "minimum purchase not reached"},
        )
    cart["coupons"].append(coupon["code"])
    checkout.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("DELETE", "/v3/checkouts/{checkout_id}/coupons/{code}")
def delete_coupon(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["checkout_id"])
    code = ctx.params["code"].upper()
    if not any(c.upper() == code for c in cart["coupons"]):
        raise not_found("Coupon")
    cart["coupons"] = [c for c in cart["coupons"] if c.upper() != code]
    checkout.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("POST", "/v3/checkouts/{checkout_id}/orders")
def post_order(ctx: Ctx) -> tuple[int, Any]:
    cart = checkout.load_cart(ctx.conn, ctx.params["checkout_id"])
    order_id = orders.create_order(ctx.conn, cart, ctx.now)
    checkout.save_cart(ctx.conn, cart, ctx.now, bump=False)
    return 200, {"data": {"id": order_id}, "meta": {}}


# -- payments (store API side) --------------------------------------------------------------


@api.add("GET", "/v3/payments/methods")
def get_payment_methods(ctx: Ctx) -> tuple[int, Any]:
    order_id = ctx.int_query("order_id", minimum=1)
    checkout_id = ctx.query("checkout_id")
    if order_id is not None:
        _, order = orders.load_order(ctx.conn, order_id)
        customer_id = int(order["customer_id"])
    elif checkout_id:
        customer_id = int(checkout.load_cart(ctx.conn, checkout_id)["customer_id"])
    else:
        raise ApiError(
            422,
            "order_id or checkout_id is required",
            errors={"order_id": "order_id or checkout_id is required"},
        )
    return 200, {"data": payments.methods_json(ctx.conn, customer_id), "meta": {}}


@api.add("POST", "/v3/payments/access_tokens")
def post_access_token(ctx: Ctx) -> tuple[int, Any]:
    f = Fields(ctx.body)
    order = f.dict("order", required=True)
    f.done()
    g = Fields(order, "order")
    order_id = g.int("id", required=True, minimum=1)
    g.bool("is_recurring")
    g.done()
    assert order_id is not None
    token = payments.new_pat(ctx.conn, ctx.state.secret, ctx.state.store_hash, order_id, ctx.now)
    return 201, {"data": {"id": token}, "meta": {}}


# -- orders ---------------------------------------------------------------------------------


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


@api.add("GET", "/v2/orders", v2=True)
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
    clause = _where(where)
    rows = ctx.conn.execute(
        f"SELECT * FROM orders{clause} ORDER BY {columns[column]} "  # noqa: S608
        f"{'DESC' if direction == 'desc' else 'ASC'}, id LIMIT ? OFFSET ?",
        [*args, limit, (page - 1) * limit],
    ).fetchall()
    return 200, [
        orders.order_v2(r, json.loads(r["data"]), ctx.base_url + ctx.extra["prefix"]) for r in rows
    ]


@api.add("GET", "/v2/orders/{order_id}", v2=True)
def get_order(ctx: Ctx) -> tuple[int, Any]:
    row, order = orders.load_order(ctx.conn, ctx.int_param("order_id"), v2_errors=True)
    return 200, orders.order_v2(row, order, ctx.base_url + ctx.extra["prefix"])


@api.add("PUT", "/v2/orders/{order_id}", v2=True)
def put_order(ctx: Ctx) -> tuple[int, Any]:
    order_id = ctx.int_param("order_id")
    row, order = orders.load_order(ctx.conn, order_id, v2_errors=True)
    body = ctx.body
    if not isinstance(body, dict):
        raise ApiError(
            400, "Bad request", detail="The request body must be a JSON object.", v2=True
        )
    allowed = {"status_id", "staff_notes", "customer_message"}
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
    for key in ("staff_notes", "customer_message"):
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
        found = checkout.find_coupon(ctx.conn, coupon["code"]) or {}
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


@api.add("POST", "/payments")
def post_payment(ctx: Ctx) -> tuple[int, Any]:
    return 201, payments.process_payment(
        ctx.conn, ctx.extra["pat"], ctx.body, ctx.now, ctx.state.settings.pending_settle_ms
    )


# -- admin (/__sandbox) ---------------------------------------------------------------------


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
    return 200, {"variant_id": variant_id, "inventory_level": level}


@admin.add("GET", "/images/{name}")
def admin_image(ctx: Ctx) -> tuple[int, Any]:
    name = ctx.params["name"]
    stem = name.removesuffix(".svg")
    if not stem.isdigit():
        raise not_found("Image")
    row = ctx.conn.execute("SELECT name FROM products WHERE id = ?", (int(stem),)).fetchone()
    if row is None:
        raise not_found("Image")
    return 200, Response(catalog.product_svg(int(stem), row["name"]), media_type="image/svg+xml")


# -- the ASGI application -------------------------------------------------------------------


def _json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    if status == 204 or body is None:
        return Response(status_code=status, headers=headers)
    if isinstance(body, Response):
        return body
    return Response(dumps(body), status_code=status, headers=headers, media_type=JSON_TYPE)


def _drop_connection(send: Send) -> bool:
    """Closes the client's connection without a response (uvicorn's h11 protocol)."""
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if cycle is None or transport is None:
        return False
    cycle.disconnected = True
    transport.close()
    return True


async def _discard(_message: Message) -> None:
    return None


async def _read_body(receive: Receive) -> bytes | None:
    """The whole request body, or None when the client went away before sending it all."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        if message["type"] == "http.request":
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands out the body already read, then waits for the disconnect."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _from_loopback(scope: Scope) -> bool:
    """Whether the ASGI client is on this machine (127.0.0.0/8 or ::1, IPv4-mapped too)."""
    client = scope.get("client")
    if not client:
        return False
    try:
        address = ipaddress.ip_address(str(client[0]).split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def _is_v2(sub_path: str) -> bool:
    return sub_path.startswith("/v2/")


class SandboxApp:
    """The ASGI application of one sandbox store.

    The request is read in full before anything else, like a real server does: once it has
    arrived it is processed and committed even if the client stops waiting for the answer
    (a client timeout during added latency), and the answer then goes nowhere.
    """

    def __init__(self, state: StoreState) -> None:
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = await _read_body(receive)
        if body is None:
            log.debug("client went away before its request was complete")
            return
        receive = _replay(body, receive)
        path: str = scope["path"]
        if path.startswith("/__sandbox/"):
            if not _from_loopback(scope):
                log.warning("refused an admin request from a non-loopback client")
                error = ApiError(
                    403, "Forbidden", detail="The sandbox's admin routes answer loopback only."
                )
                await _json_response(403, error.body())(scope, receive, send)
                return
            await self._serve(
                scope, receive, send, admin, path[len("/__sandbox") :], {}, admin_route=True
            )
            return
        parts = path.split("/", 3)
        if len(parts) < 4 or parts[1] != "stores" or not parts[2]:
            await _json_response(
                404, ApiError(404, "Not found").body(), self._current_limits("/")
            )(scope, receive, send)
            return
        store_hash = parts[2]
        sub_path = "/" + parts[3]
        method: str = scope["method"]
        fault = self.state.faults.take(method, sub_path)
        latency = self.state.settings.latency_ms + (
            fault.latency_ms if fault is not None and fault.kind == "latency" else 0
        )
        if latency:
            await asyncio.sleep(latency / 1000)
        if fault is not None and fault.kind == "close_before":
            if not _drop_connection(send):  # pragma: no cover - other servers
                raise ConnectionAbortedError("sandbox fault: close_before")
            return
        if fault is not None and fault.kind in ("500", "502", "503", "429"):
            await self._fault_response(int(fault.kind), sub_path)(scope, receive, send)
            return
        if fault is not None and fault.kind == "close_after":
            await self._store_request(scope, receive, _discard, store_hash, sub_path)
            if not _drop_connection(send):  # pragma: no cover - other servers
                raise ConnectionAbortedError("sandbox fault: close_after")
            return
        await self._store_request(scope, receive, send, store_hash, sub_path)

    def _fault_response(self, status: int, sub_path: str) -> Response:
        titles = {
            500: "Internal Server Error",
            502: "Bad Gateway",
            503: "Service Unavailable",
            429: "Too Many Requests",
        }
        headers: dict[str, str] = self._current_limits(sub_path)
        if status == 429:
            payments_route = sub_path == "/payments"
            settings = self.state.settings
            window = (
                settings.payments_window_ms if payments_route else settings.rate_limit_window_ms
            )
            quota = settings.payments_quota if payments_route else settings.rate_limit_quota
            headers = {
                "X-Rate-Limit-Requests-Left": "0",
                "X-Rate-Limit-Requests-Quota": str(quota),
                "X-Rate-Limit-Time-Reset-Ms": str(window),
                "X-Rate-Limit-Time-Window-Ms": str(window),
                "X-Retry-After": str(max(1, -(-window // 1000))),
            }
        if _is_v2(sub_path):
            error = ApiError(status, titles[status], v2=True)
        else:
            error = ApiError(status, titles[status], detail="Injected by the sandbox.")
        return _json_response(status, error.body(), headers)

    def _current_limits(self, sub_path: str) -> dict[str, str]:
        """The rate-limit headers of the quota ``sub_path`` counts against, without spending
        any of it."""
        settings = self.state.settings
        if sub_path == "/payments":
            return self.state.limiter.peek(
                "payments", settings.payments_quota, settings.payments_window_ms
            )
        return self.state.limiter.peek(
            "api", settings.rate_limit_quota, settings.rate_limit_window_ms
        )

    async def _store_request(
        self, scope: Scope, receive: Receive, send: Send, store_hash: str, sub_path: str
    ) -> None:
        state = self.state
        settings = state.settings
        is_payments = sub_path == "/payments"
        v2 = _is_v2(sub_path)
        if is_payments:
            allowed, limit_headers = state.limiter.take(
                "payments", settings.payments_quota, settings.payments_window_ms
            )
        else:
            allowed, limit_headers = state.limiter.take(
                "api", settings.rate_limit_quota, settings.rate_limit_window_ms
            )
        if not allowed:
            # The store's rate limiter answers with the v3 object on every route.
            body = ApiError(
                429, "Too Many Requests", detail="The rate limit of this store has been reached."
            ).body()
            await _json_response(429, body, limit_headers)(scope, receive, send)
            return

        async def send_with_limits(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.lower().encode(), v.encode()) for k, v in limit_headers.items()]
                message = {**message, "headers": headers}
            await send(message)

        extra: dict[str, Any] = {"prefix": f"/stores/{store_hash}"}
        headers = {
            k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])
        }
        if is_payments:
            auth = headers.get("authorization", "")
            match = PAT_HEADER.match(auth)
            try:
                if match is None:
                    raise ApiError(
                        401,
                        "Unauthorized",
                        code=10001,
                        detail="The Authorization header must be 'PAT <token>'.",
                    )
                pat = payments.read_pat(state.secret, state.store_hash, match.group(1), time.time())
                if store_hash != state.store_hash:
                    raise not_found("Store")
                if PAYMENTS_ACCEPT not in headers.get("accept", ""):
                    raise ApiError(
                        400,
                        "Bad Request",
                        code=10001,
                        detail=f"The Accept header must be {PAYMENTS_ACCEPT}.",
                    )
            except ApiError as refused:
                await _json_response(refused.status, refused.body())(
                    scope, receive, send_with_limits
                )
                return
            extra["pat"] = pat
        else:
            denied = self._authorize(headers.get("x-auth-token", ""), store_hash, sub_path, scope)
            if denied is not None:
                denied.v2 = v2
                await _json_response(denied.status, denied.body())(
                    scope, receive, send_with_limits
                )
                return
        await self._serve(scope, receive, send_with_limits, api, sub_path, extra, admin_route=False)

    def _authorize(
        self, given: str, store_hash: str, sub_path: str, scope: Scope
    ) -> ApiError | None:
        """None when the token may make this request; else the error to answer with."""
        state = self.state
        granted: frozenset[str] | None = None
        if not secrets.compare_digest(given.encode(), state.token.encode()):
            granted = state.tokens.scopes_of(given)
            if granted is None:
                return ApiError(
                    401, "Unauthorized", detail="The X-Auth-Token header is missing or not valid."
                )
        if store_hash != state.store_hash:
            return ApiError(404, "Store not found")
        if granted is not None:
            needed = required_scopes(scope["method"], sub_path)
            if needed is not None and granted.isdisjoint(needed):
                return ApiError(403, FORBIDDEN_TITLE)
        return None

    async def _serve(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        router: Router,
        sub_path: str,
        extra: dict[str, Any],
        *,
        admin_route: bool,
    ) -> None:
        request = Request(scope, receive)
        method = scope["method"]
        handler, params, v2, known = router.match(method, sub_path)
        if handler is None:
            if known:
                error = ApiError(
                    405, "Method Not Allowed", v2=v2, detail=f"{method} is not supported here."
                )
            else:
                error = ApiError(
                    404, "Not Found", v2=v2, detail="The requested resource was not found."
                )
            await _json_response(error.status, error.body())(scope, receive, send)
            return
        response = await self._run(request, handler, params, v2, extra, admin_route)
        await response(scope, receive, send)

    async def _run(
        self,
        request: Request,
        handler: Handler,
        params: dict[str, str],
        v2: bool,
        extra: dict[str, Any],
        admin_route: bool,
    ) -> Response:
        try:
            body: Any = None
            if request.method in ("POST", "PUT", "PATCH"):
                raw = await request.body()
                if raw.strip():
                    try:
                        body = json.loads(raw)
                    except (ValueError, UnicodeDecodeError, RecursionError):
                        raise ApiError(
                            400,
                            "Input is invalid",
                            v2=v2,
                            code=(10001 if extra.get("pat") is not None else None),
                            detail="The request body is not valid JSON.",
                        ) from None
            now = time.time()
            base_url = f"{request.url.scheme}://{request.url.netloc}"
            with self.state.db.tx() as conn:
                if not admin_route:
                    orders.settle_due(conn, now)
                ctx = Ctx(conn, request, params, body, now, base_url, self.state, extra)
                status, payload = handler(ctx)
            return _json_response(status, payload)
        except ClientDisconnect:  # pragma: no cover - the body is read before handlers run
            log.debug("client went away during %s %s", request.method, request.url.path)
            return Response(status_code=499)
        except ApiError as error:
            if v2 and not error.v2 and error.status in (400, 404, 405, 422):
                error.v2 = True
            return _json_response(error.status, error.body(), error.headers)
        except Exception:
            log.exception("unexpected error serving %s %s", request.method, request.url.path)
            body = {
                "status": 500,
                "title": "Internal Server Error",
                "type": ERROR_TYPE,
                "detail": "The sandbox store hit an unexpected error; it has been logged.",
                "errors": {},
            }
            if v2:
                body = [{"status": 500, "message": "Internal Server Error"}]
            return _json_response(500, body)

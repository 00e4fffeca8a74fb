"""Cart routes (`/v3/carts`): the cart and its line items."""

from __future__ import annotations

from typing import Any

from pos.sandbox import carts, channels, rendering
from pos.sandbox.context import Ctx, api
from pos.sandbox.errors import ApiError, Fields
from pos.sandbox.money import D
from pos.sandbox.store_rules import CURRENCY

# carts.v3.yml: the `include` enum of every cart route that answers with the cart.
CART_INCLUDES = frozenset(
    {
        "redirect_urls",
        "line_items.physical_items.options",
        "line_items.digital_items.options",
        "promotions.banners",
    }
)


def _cart_response(ctx: Ctx, cart: dict[str, Any], status: int) -> tuple[int, Any]:
    return status, {
        "data": rendering.cart_json(ctx.conn, cart, ctx.base_url, ctx.include()),
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
        carts.resolve_item(ctx.conn, raw, f"line_items[{n}]") for n, raw in enumerate(line_items)
    ]
    items += [carts.custom_item(raw, f"custom_items[{n}]") for n, raw in enumerate(custom_items)]
    carts.add_items(ctx.conn, cart, items)
    carts.save_cart(ctx.conn, cart, ctx.now)
    return _cart_response(ctx, cart, 201)


@api.add("POST", "/v3/carts", includes=CART_INCLUDES)
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
    if currency is not None and currency.get("code", CURRENCY) != CURRENCY:
        raise ApiError(
            400,
            "The currency is not a transactional currency of this store",
            errors={"currency.code": f"only {CURRENCY}"},
        )
    channel = channels.find(channel_id)
    if channel is None or channel[4] not in channels.SELLING_STATUSES:
        raise ApiError(
            422,
            f"Channel {channel_id} does not exist or is not active",
            errors={"channel_id": f"channel {channel_id} is not a valid channel of this store"},
        )
    email = _customer_email(ctx, customer_id, "customer_id")
    cart = carts.new_cart(customer_id, email, channel_id, locale, ctx.now)
    return _add_items(ctx, cart, line_items, custom_items)


@api.add("GET", "/v3/carts/{cart_id}", includes=CART_INCLUDES)
def get_cart(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["cart_id"])
    return _cart_response(ctx, cart, 200)


@api.add("PUT", "/v3/carts/{cart_id}", includes=CART_INCLUDES)
def put_cart(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["cart_id"])
    f = Fields(ctx.body)
    customer_id = f.int("customer_id", required=True, minimum=0)
    f.done()
    carts.check_version(cart, ctx.body)
    assert customer_id is not None
    email = _customer_email(ctx, customer_id, "customer_id")
    if customer_id != cart["customer_id"]:
        cart["customer_id"] = customer_id
        cart["email"] = email
        carts.drop_promotions_and_shipping(cart)
    carts.save_cart(ctx.conn, cart, ctx.now)
    return _cart_response(ctx, cart, 201)


@api.add("DELETE", "/v3/carts/{cart_id}")
def delete_cart(ctx: Ctx) -> tuple[int, Any]:
    carts.load_cart(ctx.conn, ctx.params["cart_id"])
    ctx.conn.execute("DELETE FROM carts WHERE id = ?", (ctx.params["cart_id"],))
    return 204, None


@api.add("POST", "/v3/carts/{cart_id}/items", includes=CART_INCLUDES)
def post_cart_items(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["cart_id"])
    f = Fields(ctx.body)
    line_items, custom_items = _read_items(f)
    f.done()
    carts.check_version(cart, ctx.body)
    return _add_items(ctx, cart, line_items, custom_items)


@api.add("PUT", "/v3/carts/{cart_id}/items/{item_id}", includes=CART_INCLUDES)
def put_cart_item(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["cart_id"])
    item = carts.find_item(cart, ctx.params["item_id"])
    if item["kind"] == "custom":
        # carts.v3.yml: "custom_items cannot be updated via the API at this time".
        raise ApiError(
            422,
            "Custom items cannot be updated",
            detail="custom_items cannot be updated via the API at this time: add a new "
            "custom item and delete the outdated one.",
            errors={"line_item": "this line is a custom item"},
        )
    f = Fields(ctx.body)
    line = f.dict("line_item", required=True)
    f.done()
    carts.check_version(cart, ctx.body)
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
    carts.resize_line(cart, item, old_quantity)
    if list_price is not None:
        item["list_price"] = str(D(list_price))
        item["overridden"] = True
    carts.check_stock(ctx.conn, cart["items"])
    carts.save_cart(ctx.conn, cart, ctx.now)
    return _cart_response(ctx, cart, 200)


@api.add("DELETE", "/v3/carts/{cart_id}/items/{item_id}", includes=CART_INCLUDES)
def delete_cart_item(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["cart_id"])
    carts.remove_item(cart, ctx.params["item_id"])
    if not cart["items"]:
        ctx.conn.execute("DELETE FROM carts WHERE id = ?", (cart["id"],))
        return 204, None
    carts.save_cart(ctx.conn, cart, ctx.now)
    return _cart_response(ctx, cart, 200)

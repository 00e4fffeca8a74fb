"""Checkout routes (`/v3/checkouts`): billing, consignments, coupons, the order."""

from __future__ import annotations

from typing import Any

from pos.sandbox import addresses, carts, consignments, orders, rendering, totals
from pos.sandbox.context import Ctx, api
from pos.sandbox.errors import ApiError, Fields, not_found

# checkouts.v3.yml: the `include` enums (the other checkout routes document none).
CHECKOUT_INCLUDES = frozenset(
    {
        "cart.line_items.physical_items.options",
        "cart.line_items.digital_items.options",
        "consignments.available_shipping_options",
        "promotions.banners",
    }
)
SHIPPING_OPTIONS = frozenset({"consignments.available_shipping_options"})


def coupon_refused(code: str, kind: str, detail: str) -> ApiError:
    """A refused coupon, in the body real stores answer (checkout-sdk-js issue #1303:
    status 400, title "Incorrect or mismatch", ``type`` about:blank, a string ``code``,
    spelled as the store spells it)."""
    return ApiError(400, "Incorrect or mismatch", detail=detail, code=kind, type_url="about:blank")


def _checkout_response(ctx: Ctx, cart: dict[str, Any]) -> tuple[int, Any]:
    return 200, {
        "data": rendering.checkout_json(ctx.conn, cart, ctx.base_url, ctx.include()),
        "meta": {},
    }


@api.add("GET", "/v3/checkouts/{checkout_id}", includes=CHECKOUT_INCLUDES)
def get_checkout(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["checkout_id"])
    return _checkout_response(ctx, cart)


@api.add("PUT", "/v3/checkouts/{checkout_id}")
def put_checkout(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["checkout_id"])
    f = Fields(ctx.body)
    message = f.str("customer_message", max_length=2000)
    f.done()
    carts.check_version(cart, ctx.body)
    if message is not None:
        cart["customer_message"] = message
    carts.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("POST", "/v3/checkouts/{checkout_id}/billing-address")
def post_billing(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["checkout_id"])
    carts.check_version(cart, ctx.body)
    cart["billing"] = addresses.read_address(ctx.body, "", billing=True)
    if not cart["email"]:
        cart["email"] = cart["billing"]["email"]
    carts.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("PUT", "/v3/checkouts/{checkout_id}/billing-address/{address_id}")
def put_billing(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["checkout_id"])
    if not cart.get("billing") or cart["billing"]["id"] != ctx.params["address_id"]:
        raise not_found("Billing address")
    carts.check_version(cart, ctx.body)
    address = addresses.read_address(ctx.body, "", billing=True)
    address["id"] = cart["billing"]["id"]
    cart["billing"] = address
    carts.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("POST", "/v3/checkouts/{checkout_id}/consignments", includes=SHIPPING_OPTIONS)
def post_consignments(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["checkout_id"])
    consignments.add_consignments(ctx.conn, cart, ctx.body)
    carts.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add(
    "PUT", "/v3/checkouts/{checkout_id}/consignments/{consignment_id}", includes=SHIPPING_OPTIONS
)
def put_consignment(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["checkout_id"])
    consignment = consignments.find_consignment(cart, ctx.params["consignment_id"])
    consignments.update_consignment(cart, consignment, ctx.body)
    carts.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("DELETE", "/v3/checkouts/{checkout_id}/consignments/{consignment_id}")
def delete_consignment(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["checkout_id"])
    consignment = consignments.find_consignment(cart, ctx.params["consignment_id"])
    cart["consignments"].remove(consignment)
    carts.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("POST", "/v3/checkouts/{checkout_id}/coupons")
def post_coupon(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["checkout_id"])
    f = Fields(ctx.body)
    code = f.str("coupon_code", required=True, max_length=50)
    f.done()
    carts.check_version(cart, ctx.body)
    assert code is not None
    coupon = totals.find_coupon(ctx.conn, code.strip())
    if coupon is None:
        raise coupon_refused(code, "invalid", f"Coupon code `{code}` is invalid")
    if any(c.upper() == coupon["code"].upper() for c in cart["coupons"]):
        return _checkout_response(ctx, cart)
    computed = totals.compute(ctx.conn, cart)
    if cart["coupons"] or totals.coupon_discount(coupon, computed.subtotal) is None:
        # Another coupon already applied, or the order is below the coupon's minimum.
        raise coupon_refused(
            code, "ineligibile", f"Coupon code `{code}` is not eligible for this checkout"
        )
    cart["coupons"].append(coupon["code"])
    carts.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("DELETE", "/v3/checkouts/{checkout_id}/coupons/{code}")
def delete_coupon(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["checkout_id"])
    code = ctx.params["code"].upper()
    if not any(c.upper() == code for c in cart["coupons"]):
        raise not_found("Coupon")
    cart["coupons"] = [c for c in cart["coupons"] if c.upper() != code]
    carts.save_cart(ctx.conn, cart, ctx.now)
    return _checkout_response(ctx, cart)


@api.add("POST", "/v3/checkouts/{checkout_id}/orders")
def post_order(ctx: Ctx) -> tuple[int, Any]:
    cart = carts.load_cart(ctx.conn, ctx.params["checkout_id"])
    order_id = orders.create_order(ctx.conn, cart, ctx.now)
    carts.save_cart(ctx.conn, cart, ctx.now, bump=False)
    return 200, {"data": {"id": order_id}, "meta": {}}

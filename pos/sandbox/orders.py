"""Orders: created from a checkout, read through v2, paid, settled and refunded (v3)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from decimal import Decimal
from email.utils import format_datetime
from typing import Any

from pos.sandbox.addresses import address_json
from pos.sandbox.carts import check_stock
from pos.sandbox.catalog import iso
from pos.sandbox.consignments import order_blockers
from pos.sandbox.db import FIRST_ORDER_ID, Database, dumps
from pos.sandbox.errors import ApiError, Fields
from pos.sandbox.money import D, cents, num, v2
from pos.sandbox.totals import Totals, compute

ORDER_STATUSES = {
    0: "Incomplete",
    1: "Pending",
    2: "Shipped",
    3: "Partially Shipped",
    4: "Refunded",
    5: "Cancelled",
    6: "Declined",
    7: "Awaiting Payment",
    8: "Awaiting Pickup",
    9: "Awaiting Shipment",
    10: "Completed",
    11: "Awaiting Fulfillment",
    12: "Manual Verification Required",
    13: "Disputed",
    14: "Partially Refunded",
}
STATUS_DESCRIPTIONS = {
    0: "An incomplete order happens when a shopper reached the payment page, but did not "
    "complete the transaction.",
    1: "Customer started the checkout process, but did not complete it.",
    11: "Customer has completed the checkout process and payment has been confirmed.",
}
GATEWAY = "testgateway"
PAYMENT_METHOD_ID = "sandbox.card"


def rfc2822(ts: float) -> str:
    return format_datetime(datetime.fromtimestamp(ts, UTC))


def _v2_address(address: dict[str, Any]) -> dict[str, Any]:
    a = address_json(address, with_id=False)
    return {
        "first_name": a["first_name"],
        "last_name": a["last_name"],
        "company": a["company"],
        "street_1": a["address1"],
        "street_2": a["address2"],
        "city": a["city"],
        "state": a["state_or_province"],
        "zip": a["postal_code"],
        "country": a["country"],
        "country_iso2": a["country_code"],
        "phone": a["phone"],
        "email": a["email"],
    }


def create_order(conn: sqlite3.Connection, cart: dict[str, Any], now: float) -> int:
    """A new Incomplete (0) order from the checkout (422 when it is not ready)."""
    totals = compute(conn, cart)
    blocker = order_blockers(cart, totals)
    if blocker is not None:
        raise blocker
    check_stock(conn, cart["items"])
    order = _order_doc(conn, cart, totals, now)
    if conn.execute("SELECT 1 FROM sqlite_sequence WHERE name = 'orders'").fetchone() is None:
        conn.execute(
            "INSERT INTO sqlite_sequence (name, seq) VALUES ('orders', ?)", (FIRST_ORDER_ID - 1,)
        )
    cursor = conn.execute(
        "INSERT INTO orders (cart_id, customer_id, status_id, email, created, modified, data) "
        "VALUES (?,?,?,?,?,?,?)",
        (cart["id"], cart["customer_id"], 0, order["email"], now, now, dumps(order)),
    )
    order_id = int(cursor.lastrowid or 0)
    for product in order["products"]:
        product["order_id"] = order_id
    save_order(conn, order_id, order)
    cart.setdefault("order_ids", []).append(order_id)
    return order_id


def _order_doc(
    conn: sqlite3.Connection, cart: dict[str, Any], totals: Totals, now: float
) -> dict[str, Any]:
    billing = cart["billing"]
    items = {i["id"]: i for i in cart["items"]}
    products: list[dict[str, Any]] = []
    shipping_addresses: list[dict[str, Any]] = []
    pickups: list[dict[str, Any]] = []
    taxes: list[dict[str, Any]] = []  # one per taxed part of a tax location, by name
    for group in totals.groups:
        consignment = group.consignment
        address_id = 0
        pickup_id = 0
        if consignment is not None and consignment["address"] is not None:
            address_id = Database.next_id(conn, "order_address")
            option = group.selected or {}
            shipping_addresses.append(
                {
                    "id": address_id,
                    **_v2_address(consignment["address"]),
                    "items_total": sum(group.quantities.values()),
                    "shipping_method": option.get("description", ""),
                    "cost_ex_tax": str(group.shipping),
                    "cost_tax": str(group.shipping_tax),
                    "cost_inc_tax": str(group.shipping + group.shipping_tax),
                }
            )
        elif consignment is not None:
            pickup_id = Database.next_id(conn, "order_pickup")
            pickups.append({"id": pickup_id, "pickup_method_id": consignment["pickup"]})
        if group.shipping_tax:
            taxes.append({"name": group.tax_name, "rate": str(group.rate),
                          "line_item_type": "shipping", "amount": str(group.shipping_tax),
                          "order_address_id": address_id, "order_pickup_method_id": pickup_id})
        items_tax_left = group.items_tax
        group_products = len(products)
        # One order product per line item per consignment: a line split between
        # consignments becomes one product for each part, tied to its address or pickup.
        for item_id, quantity in group.quantities.items():
            item = items[item_id]
            price = D(item["list_price"])
            rate = group.rate
            unit_tax = cents(price * rate / 100)
            line_discount = group.discounts.get(item_id, Decimal(0))
            net = price * quantity - line_discount
            products.append(
                {
                    "id": Database.next_id(conn, "order_product"),
                    "product_id": item.get("product_id", 0),
                    "variant_id": item.get("variant_id", 0),
                    "name": item["name"],
                    "sku": item["sku"],
                    "kind": item["kind"],
                    "quantity": quantity,
                    "base_price": str(D(item["original_price"])),
                    "price_ex_tax": str(price),
                    "price_inc_tax": str(price + unit_tax),
                    "price_tax": str(unit_tax),
                    "total_ex_tax": str(price * quantity),
                    "total_inc_tax": str(cents(price * quantity * (1 + rate / 100))),
                    "total_tax": str(cents(price * quantity * rate / 100)),
                    "discount": str(line_discount),
                    "discounted_total_inc_tax": str(cents(net * (1 + rate / 100))),
                    "order_address_id": address_id,
                    "order_pickup_method_id": pickup_id,
                    "weight": str(item.get("weight") or "0"),
                    "options": item.get("options", []),
                    "quantity_refunded": 0,
                    "refund_amount": "0",
                }
            )
        # Each product's share of the group's item tax; the last takes what rounding left.
        for n, product in enumerate(products[group_products:]):
            last = n == len(products) - group_products - 1
            net = D(product["total_ex_tax"]) - D(product["discount"])
            share = items_tax_left if last else min(cents(net * group.rate / 100),
                                                    items_tax_left)
            items_tax_left -= share
            if share:
                taxes.append({"name": group.tax_name, "rate": str(group.rate),
                              "line_item_type": "item", "amount": str(share),
                              "order_product_id": str(product["id"]),
                              "order_address_id": address_id,
                              "order_pickup_method_id": pickup_id})
    return {
        "taxes": taxes,
        "cart_id": cart["id"],
        "customer_id": cart["customer_id"],
        "channel_id": cart["channel_id"],
        "email": billing.get("email") or cart.get("email", ""),
        "currency": cart["currency"],
        "billing": _v2_address(billing),
        "subtotal_ex_tax": str(totals.subtotal),
        "subtotal_tax": str(totals.items_tax),
        "shipping_ex_tax": str(totals.shipping),
        "shipping_tax": str(totals.shipping_tax),
        "coupon_discount": str(totals.discount),
        "total_tax": str(totals.tax_total),
        "total_inc_tax": str(totals.grand_total),
        "coupons": [
            {"code": c["code"], "id": c["id"], "amount": str(amount)}
            for c, amount in totals.coupons
        ],
        "shipping_addresses": shipping_addresses,
        "pickups": pickups,
        "products": products,
        "payment_status": "",
        "payment_method": "",
        "refunded_amount": "0",
        "staff_notes": "",
        "customer_message": cart.get("customer_message", ""),
        "paid": False,
        "stock_taken": False,
    }


def load_order(
    conn: sqlite3.Connection, order_id: int, *, v2_errors: bool = False
) -> tuple[sqlite3.Row, dict[str, Any]]:
    row = conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
    if row is None:
        raise ApiError(
            404, "Order not found", detail=f"Order {order_id} was not found.", v2=v2_errors
        )
    return row, json.loads(row["data"])


def save_order(
    conn: sqlite3.Connection,
    order_id: int,
    order: dict[str, Any],
    *,
    status_id: int | None = None,
    now: float | None = None,
    pending_until: float | str | None = "keep",
) -> None:
    sets = ["data = ?"]
    args: list[Any] = [dumps(order)]
    if status_id is not None:
        sets.append("status_id = ?")
        args.append(status_id)
    if now is not None:
        sets.append("modified = ?")
        args.append(now)
    if pending_until != "keep":
        sets.append("pending_until = ?")
        args.append(pending_until)
    conn.execute(
        f"UPDATE orders SET {', '.join(sets)} WHERE id = ?",  # noqa: S608
        (*args, order_id),
    )


def total_of(order: dict[str, Any]) -> Decimal:
    return D(order["total_inc_tax"])


# -- v2 rendering -------------------------------------------------------------------------


def order_v2(row: sqlite3.Row, order: dict[str, Any], base_url: str) -> dict[str, Any]:
    order_id = int(row["id"])
    status_id = int(row["status_id"])
    subtotal = D(order["subtotal_ex_tax"])
    subtotal_tax = D(order["subtotal_tax"])
    shipping = D(order["shipping_ex_tax"])
    shipping_tax = D(order["shipping_tax"])
    total_inc = D(order["total_inc_tax"])
    total_tax = D(order["total_tax"])
    v2_base = f"{base_url}/v2/orders/{order_id}"
    return {
        "id": order_id,
        "customer_id": int(row["customer_id"]),
        "date_created": rfc2822(float(row["created"])),
        "date_modified": rfc2822(float(row["modified"])),
        "date_shipped": "",
        "status_id": status_id,
        "status": ORDER_STATUSES.get(status_id, ""),
        "cart_id": order["cart_id"],
        "subtotal_ex_tax": v2(subtotal),
        "subtotal_inc_tax": v2(subtotal + subtotal_tax),
        "subtotal_tax": v2(subtotal_tax),
        "base_shipping_cost": v2(shipping),
        "shipping_cost_ex_tax": v2(shipping),
        "shipping_cost_inc_tax": v2(shipping + shipping_tax),
        "shipping_cost_tax": v2(shipping_tax),
        "shipping_cost_tax_class_id": 2,
        "base_handling_cost": v2(Decimal(0)),
        "handling_cost_ex_tax": v2(Decimal(0)),
        "handling_cost_inc_tax": v2(Decimal(0)),
        "handling_cost_tax": v2(Decimal(0)),
        "handling_cost_tax_class_id": 2,
        "base_wrapping_cost": v2(Decimal(0)),
        "wrapping_cost_ex_tax": v2(Decimal(0)),
        "wrapping_cost_inc_tax": v2(Decimal(0)),
        "wrapping_cost_tax": v2(Decimal(0)),
        "wrapping_cost_tax_class_id": 3,
        "total_ex_tax": v2(total_inc - total_tax),
        "total_inc_tax": v2(total_inc),
        "total_tax": v2(total_tax),
        "items_total": sum(p["quantity"] for p in order["products"]),
        "items_shipped": 0,
        "payment_method": order["payment_method"],
        "payment_provider_id": order.get("payment_provider_id", ""),
        "payment_status": order["payment_status"],
        "refunded_amount": v2(D(order["refunded_amount"])),
        "order_is_digital": False,
        "store_credit_amount": v2(Decimal(0)),
        "gift_certificate_amount": v2(Decimal(0)),
        "ip_address": "127.0.0.1",
        "ip_address_v6": "",
        "geoip_country": "",
        "geoip_country_iso2": "",
        "currency_id": 1,
        "currency_code": order["currency"],
        "currency_exchange_rate": "1.0000000000",
        "default_currency_id": 1,
        "default_currency_code": order["currency"],
        "store_default_currency_code": order["currency"],
        "store_default_to_transactional_exchange_rate": "1.0000000000",
        "staff_notes": order["staff_notes"],
        "customer_message": order["customer_message"],
        "discount_amount": v2(Decimal(0)),
        "coupon_discount": v2(D(order["coupon_discount"])),
        "shipping_address_count": len(order["shipping_addresses"]),
        "is_deleted": False,
        "ebay_order_id": "0",
        "is_email_opt_in": False,
        "order_source": "checkout_api",
        "channel_id": order["channel_id"],
        "external_source": None,
        "external_id": None,
        "external_merchant_id": None,
        "tax_provider_id": "BasicTaxProvider",
        "customer_locale": "en",
        "external_order_id": "",
        "is_tax_inclusive_pricing": False,
        "billing_address": {**order["billing"], "form_fields": []},
        "products": {"url": f"{v2_base}/products", "resource": f"/orders/{order_id}/products"},
        "shipping_addresses": {
            "url": f"{v2_base}/shipping_addresses",
            "resource": f"/orders/{order_id}/shipping_addresses",
        },
        "coupons": {"url": f"{v2_base}/coupons", "resource": f"/orders/{order_id}/coupons"},
    }


def order_taxes_v2(order_id: int, order: dict[str, Any]) -> list[dict[str, Any]]:
    """``GET /v2/orders/{id}/taxes`` (orders.v2.oas2.yml, orderTaxes_Base): each tax the
    order was charged, by name and rate, per tax location and line type."""
    out = []
    for n, tax in enumerate(order.get("taxes", []), start=1):
        amount = v2(D(tax["amount"]))
        out.append({
            "id": order_id * 100 + n,
            "order_id": order_id,
            "order_address_id": tax.get("order_address_id", 0),
            "tax_rate_id": 1,
            "sales_tax_id": f"sandbox-{tax['name'].lower().replace(' ', '-')}",
            "tax_class_id": 0,
            "name": tax["name"],
            "class": "Default Tax Class",
            "rate": v2(D(tax["rate"])),
            "priority": 0,
            "priority_amount": amount,
            "line_amount": amount,
            "order_pickup_method_id": tax.get("order_pickup_method_id", 0),
            "line_item_type": tax["line_item_type"],
            **({"order_product_id": tax["order_product_id"]}
               if tax.get("order_product_id") else {}),
        })
    return out


def order_products_v2(order_id: int, order: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for p in order["products"]:
        discount = D(p["discount"])
        applied = []
        if discount:
            code = order["coupons"][0]["code"] if order["coupons"] else None
            applied.append(
                {
                    "id": "coupon",
                    "amount": v2(discount),
                    "name": "Coupon",
                    "code": code,
                    "target": "order",
                }
            )
        out.append(
            {
                "id": p["id"],
                "order_id": order_id,
                "product_id": p["product_id"],
                "variant_id": p["variant_id"],
                "order_address_id": p["order_address_id"],
                "order_pickup_method_id": p["order_pickup_method_id"],
                "name": p["name"],
                "name_customer": p["name"],
                "name_merchant": p["name"],
                "sku": p["sku"],
                "upc": "",
                "type": "physical",
                "base_price": v2(D(p["base_price"])),
                "price_ex_tax": v2(D(p["price_ex_tax"])),
                "price_inc_tax": v2(D(p["price_inc_tax"])),
                "price_tax": v2(D(p["price_tax"])),
                "base_total": v2(D(p["total_ex_tax"])),
                "total_ex_tax": v2(D(p["total_ex_tax"])),
                "total_inc_tax": v2(D(p["total_inc_tax"])),
                "total_tax": v2(D(p["total_tax"])),
                "discounted_total_inc_tax": v2(D(p["discounted_total_inc_tax"])),
                "quantity": p["quantity"],
                "weight": v2(D(p["weight"])),
                "is_refunded": p["quantity_refunded"] >= p["quantity"],
                "quantity_refunded": p["quantity_refunded"],
                "refund_amount": v2(D(p["refund_amount"])),
                "quantity_shipped": 0,
                "is_bundled_product": False,
                "applied_discounts": applied,
                "product_options": [
                    {
                        "id": n + 1,
                        "option_id": o["name_id"],
                        "order_product_id": p["id"],
                        "product_option_id": o["name_id"],
                        "display_name": o["name"],
                        "display_value": o["value"],
                        "value": str(o["value_id"]),
                        "type": "Multiple choice",
                        "name": o["name"],
                        "display_style": "Rectangle",
                    }
                    for n, o in enumerate(p["options"])
                ],
                "configurable_fields": [],
            }
        )
    return out


def statuses_v2() -> list[dict[str, Any]]:
    return [
        {
            "id": sid,
            "name": name,
            "system_label": name,
            "custom_label": name,
            "system_description": STATUS_DESCRIPTIONS.get(sid, name),
        }
        for sid, name in ORDER_STATUSES.items()
    ]


# -- transactions ---------------------------------------------------------------------------


def add_transaction(conn: sqlite3.Connection, order_id: int, tx: dict[str, Any]) -> int:
    cursor = conn.execute(
        "INSERT INTO transactions (order_id, data) VALUES (?, ?)", (order_id, dumps(tx))
    )
    return int(cursor.lastrowid or 0)


def transactions_json(conn: sqlite3.Connection, order_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT id, data FROM transactions WHERE order_id = ? ORDER BY id", (order_id,)
    ).fetchall()
    out = []
    for row in rows:
        tx = json.loads(row["data"])
        entry = {
            "id": row["id"],
            "order_id": str(order_id),
            "event": tx["event"],
            "method": tx["method"],
            "amount": float(D(tx["amount"])),
            "currency": tx["currency"],
            "gateway": tx.get("gateway", GATEWAY),
            "gateway_transaction_id": tx["gateway_transaction_id"],
            "payment_method_id": tx.get("payment_method_id", PAYMENT_METHOD_ID),
            "date_created": iso(tx["created"]),
            "test": True,
            "status": tx["status"],
            "fraud_review": False,
            "payment_instrument_token": tx.get("instrument_token"),
            "avs_result": {
                "code": "Y",
                "message": "Street address and postal code match",
                "street_match": "Y",
                "postal_match": "Y",
            },
            "cvv_result": {"code": "M", "message": "CVV matches"},
        }
        if tx.get("card"):
            card = tx["card"]
            entry["credit_card"] = {
                "card_type": card["card_type"],
                "card_last4": card["last4"],
                "card_expiry_month": card["expiry_month"],
                "card_expiry_year": card["expiry_year"],
            }
        out.append(entry)
    return out


def settle_due(conn: sqlite3.Connection, now: float) -> int:
    """Settles the pending payments whose delay has passed; returns how many."""
    rows = conn.execute(
        "SELECT id FROM orders WHERE pending_until IS NOT NULL AND pending_until <= ?", (now,)
    ).fetchall()
    for r in rows:
        order_id = int(r["id"])
        row, order = load_order(conn, order_id)
        pending = conn.execute(
            "SELECT data FROM transactions WHERE order_id = ? ORDER BY id DESC LIMIT 1", (order_id,)
        ).fetchone()
        status_id = int(row["status_id"])
        if status_id == 1:
            status_id = 11
            order["payment_status"] = "captured"
            if pending is not None:
                tx = json.loads(pending["data"])
                tx.update(event="purchase", created=now)
                add_transaction(conn, order_id, tx)
        save_order(conn, order_id, order, status_id=status_id, now=now, pending_until=None)
    return len(rows)


# -- refunds --------------------------------------------------------------------------------


def refund_quote(conn: sqlite3.Connection, order_id: int, body: Any) -> dict[str, Any]:
    """The amounts a refund of ``body['items']`` would return (422 when it cannot)."""
    _, order = load_order(conn, order_id)
    f = Fields(body)
    items = f.list("items", required=True)
    f.done()
    assert items is not None
    if order["payment_status"] not in ("captured", "partially refunded"):
        raise ApiError(
            422, "The order has no captured payment to refund", errors={"order_id": "not paid"}
        )
    total = Decimal(0)
    tax = Decimal(0)
    order_level = Decimal(0)
    lines = []
    products = {p["id"]: p for p in order["products"]}
    addresses = {a["id"]: a for a in order["shipping_addresses"]}
    for n, raw in enumerate(items):
        g = Fields(raw, f"items[{n}]")
        kind = g.str("item_type", required=True)
        item_id = g.int("item_id", required=True, minimum=0)
        g.done()
        if kind in ("PRODUCT",):
            qf = Fields(raw, f"items[{n}]")
            quantity = qf.int("quantity", required=True, minimum=1)
            qf.done()
            assert quantity is not None
            product = products.get(item_id or -1)
            if product is None:
                raise ApiError(
                    422,
                    f"Order product {item_id} is not in the order",
                    errors={f"items[{n}].item_id": "unknown order product"},
                )
            left = product["quantity"] - product["quantity_refunded"]
            if quantity > left:
                raise ApiError(
                    422,
                    "The quantity to refund is more than was bought",
                    errors={f"items[{n}].quantity": f"at most {left}"},
                )
            unit = D(product["discounted_total_inc_tax"]) / product["quantity"]
            unit_tax = D(product["total_tax"]) / product["quantity"]
            if quantity == left:
                # The last units take what remains of the line, so that the line's refunds
                # add up to exactly what was paid for it (no cent lost or gained).
                amount = D(product["discounted_total_inc_tax"]) - D(product["refund_amount"])
                done = product["quantity"] - left
                line_tax = D(product["total_tax"]) - cents(unit_tax * done)
            else:
                amount = cents(unit * quantity)
                line_tax = cents(unit_tax * quantity)
            total += amount
            tax += line_tax
            lines.append(
                {
                    "item_type": kind,
                    "item_id": item_id,
                    "quantity": quantity,
                    "amount": str(amount),
                    "reason": raw.get("reason", ""),
                }
            )
        elif kind in ("ORDER", "SHIPPING"):
            af = Fields(raw, f"items[{n}]")
            amount_raw = af.number("amount", required=True, minimum=0)
            af.done()
            amount = cents(D(amount_raw))
            if kind == "SHIPPING":
                address = addresses.get(item_id or -1)
                if address is None:
                    raise ApiError(
                        422,
                        f"Order address {item_id} is not in the order",
                        errors={f"items[{n}].item_id": "unknown order address"},
                    )
                if amount > D(address["cost_inc_tax"]):
                    raise ApiError(
                        422,
                        "The amount is more than the shipping cost",
                        errors={f"items[{n}].amount": "too large"},
                    )
            else:
                order_level += amount
            total += amount
            lines.append(
                {
                    "item_type": kind,
                    "item_id": item_id,
                    "amount": str(amount),
                    "reason": raw.get("reason", ""),
                }
            )
        else:
            raise ApiError(
                422,
                f"Refunds of item_type {kind} are not supported",
                errors={f"items[{n}].item_type": "unsupported"},
            )
    remaining = total_of(order) - D(order["refunded_amount"])
    if total > remaining:
        raise ApiError(
            422,
            "The refund is more than the amount left to refund",
            detail=f"At most {remaining} can be refunded.",
            errors={"items": "amount too large"},
        )
    return {
        "order_id": order_id,
        "total_refund_amount": total,
        "total_refund_tax_amount": tax,
        "order_level_refund_amount": order_level,
        "lines": lines,
    }


def quote_json(quote: dict[str, Any]) -> dict[str, Any]:
    total = quote["total_refund_amount"]
    return {
        "order_id": quote["order_id"],
        "total_refund_amount": num(total),
        "total_refund_tax_amount": num(quote["total_refund_tax_amount"]),
        "order_level_refund_amount": num(quote["order_level_refund_amount"]),
        "rounding": 0,
        "adjustment": 0,
        "tax_inclusive": False,
        "refund_methods": [
            [
                {
                    "provider_id": GATEWAY,
                    "provider_description": "Sandbox card",
                    "amount": num(total),
                    "offline": False,
                    "offline_provider": False,
                    "offline_reason": "",
                }
            ],
            [
                {
                    "provider_id": "custom",
                    "provider_description": "Custom",
                    "amount": num(total),
                    "offline": True,
                    "offline_provider": True,
                    "offline_reason": "This is an offline payment provider.",
                }
            ],
        ],
    }


def create_refund(conn: sqlite3.Connection, order_id: int, body: Any, now: float) -> dict[str, Any]:
    quote = refund_quote(conn, order_id, body)
    f = Fields(body)
    payments = f.list("payments", required=True)
    f.done()
    assert payments is not None
    paid = Decimal(0)
    entries: list[dict[str, Any]] = []
    for n, raw in enumerate(payments):
        g = Fields(raw, f"payments[{n}]")
        provider = g.str("provider_id", required=True)
        amount = g.number("amount", required=True, minimum=0)
        offline = g.bool("offline")
        g.done()
        if provider not in (GATEWAY, "custom"):
            raise ApiError(
                422,
                f"Unknown refund provider {provider}",
                errors={f"payments[{n}].provider_id": "unknown provider"},
            )
        paid += cents(D(amount))
        entries.append(
            {
                "provider_id": provider,
                "amount": cents(D(amount)),
                "offline": offline or provider == "custom",
            }
        )
    if paid != quote["total_refund_amount"]:
        raise ApiError(
            422,
            "The payments do not add up to the refund amount",
            detail=f"Expected {quote['total_refund_amount']}, got {paid}.",
            errors={"payments": "amounts must match the refund quote"},
        )
    _, order = load_order(conn, order_id)
    refund_id = Database.next_id(conn, "refund")
    products = {p["id"]: p for p in order["products"]}
    for line in quote["lines"]:
        if line["item_type"] == "PRODUCT":
            product = products[line["item_id"]]
            product["quantity_refunded"] += line["quantity"]
            product["refund_amount"] = str(D(product["refund_amount"]) + D(line["amount"]))
    order["refunded_amount"] = str(D(order["refunded_amount"]) + paid)
    fully = D(order["refunded_amount"]) >= total_of(order)
    order["payment_status"] = "refunded" if fully else "partially refunded"
    status_id = 4 if fully else 14
    payment_rows = []
    for n, entry in enumerate(entries):
        if not entry["offline"] and entry["amount"] > 0:
            add_transaction(
                conn,
                order_id,
                {
                    "event": "refund",
                    "method": "credit_card",
                    "amount": str(entry["amount"]),
                    "currency": order["currency"],
                    "gateway_transaction_id": f"refund-{refund_id}",
                    "status": "ok",
                    "created": now,
                    "card": None,
                },
            )
        payment_rows.append(
            {
                "id": refund_id * 10 + n,
                "provider_id": entry["provider_id"],
                "amount": num(entry["amount"]),
                "offline": entry["offline"],
                "is_declined": False,
                "declined_message": "",
            }
        )
    save_order(conn, order_id, order, status_id=status_id, now=now)
    refund = {
        "id": refund_id,
        "order_id": order_id,
        "user_id": 0,
        "created": iso(now),
        "reason": next((line["reason"] for line in quote["lines"] if line["reason"]), ""),
        "total_amount": num(paid),
        "total_tax": num(quote["total_refund_tax_amount"]),
        "uses_merchant_override_values": False,
        "items": [
            {
                "item_type": line["item_type"],
                "item_id": line["item_id"],
                "reason": line["reason"],
                "quantity": line.get("quantity", 0),
                "requested_amount": num(D(line["amount"])),
            }
            for line in quote["lines"]
        ],
        "payments": payment_rows,
    }
    conn.execute(
        "INSERT INTO refunds (id, order_id, data) VALUES (?,?,?)",
        (refund_id, order_id, dumps(refund)),
    )
    return refund

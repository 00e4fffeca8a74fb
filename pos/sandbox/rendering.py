"""Carts and checkouts as the API shows them (their totals computed on every read)."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from typing import Any

from pos.sandbox.addresses import address_json
from pos.sandbox.catalog import COUPON_TYPE_CODES, image_path, iso
from pos.sandbox.money import D, num
from pos.sandbox.totals import Totals, compute


def _item_common(item: dict[str, Any], totals: Totals, base_url: str) -> dict[str, Any]:
    price = D(item["list_price"])
    quantity = item["quantity"]
    return {
        "id": item["id"],
        "variant_id": item["variant_id"],
        "product_id": item["product_id"],
        "sku": item["sku"],
        "name": item["name"],
        "url": f"{base_url}/products/{item['product_id']}/",
        "quantity": quantity,
        "image_url": base_url + image_path(item["product_id"]),
        "discounts": [],
        "discount_amount": 0,
        "coupon_amount": num(totals.item_discounts.get(item["id"], Decimal(0))),
        "original_price": num(D(item["original_price"])),
        "list_price": num(price),
        "sale_price": num(price),
        "extended_list_price": num(price * quantity),
        "extended_sale_price": num(price * quantity),
        "is_require_shipping": True,
        "is_mutable": True,
        "added_by_promotion": False,
    }


def _item_options(item: dict[str, Any]) -> list[dict[str, Any]]:
    """A physical line item's chosen options, as carts and checkouts both show them."""
    return [
        {"name": o["name"], "nameId": o["name_id"], "value": o["value"], "valueId": o["value_id"]}
        for o in item["options"]
    ]


def cart_json(
    conn: sqlite3.Connection, cart: dict[str, Any], base_url: str, include: set[str]
) -> dict[str, Any]:
    totals = compute(conn, cart)
    physical = []
    custom = []
    for item in cart["items"]:
        if item["kind"] == "physical":
            entry = _item_common(item, totals, base_url)
            entry["taxable"] = True
            if "line_items.physical_items.options" in include:
                entry["options"] = _item_options(item)
            physical.append(entry)
        else:
            custom.append(
                {
                    "id": item["id"],
                    "sku": item["sku"],
                    "name": item["name"],
                    "quantity": str(item["quantity"]),
                    "list_price": str(D(item["list_price"])),
                    "extended_list_price": num(D(item["list_price"]) * item["quantity"]),
                }
            )
    out: dict[str, Any] = {
        "id": cart["id"],
        "customer_id": cart["customer_id"],
        "channel_id": cart["channel_id"],
        "email": cart["email"],
        "currency": {"code": cart["currency"]},
        "tax_included": False,
        "base_amount": num(totals.subtotal),
        "discount_amount": 0,
        "manual_discount_amount": 0,
        "cart_amount": num(totals.subtotal - totals.discount),
        "coupons": [
            {
                "code": c["code"],
                "id": str(c["id"]),
                "coupon_type": COUPON_TYPE_CODES.get(c["kind"], "0"),
                "discounted_amount": num(amount),
                "display_name": c["name"],
            }
            for c, amount in totals.coupons
        ],
        "discounts": [],
        "line_items": {
            "physical_items": physical,
            "digital_items": [],
            "gift_certificates": [],
            "custom_items": custom,
        },
        "created_time": iso(cart["created"]),
        "updated_time": iso(cart["updated"]),
        "locale": cart["locale"],
        "version": cart["version"],
    }
    if "redirect_urls" in include:
        out["redirect_urls"] = {
            "cart_url": f"{base_url}/cart.php?action=load&id={cart['id']}",
            "checkout_url": f"{base_url}/cart.php?action=loadInCheckout&id={cart['id']}",
            "embedded_checkout_url": f"{base_url}/cart.php?embedded=1&id={cart['id']}",
        }
    return out


def _option_json(option: dict[str, Any]) -> dict[str, Any]:
    return {k: (num(v) if k == "cost" else v) for k, v in option.items() if k != "key"}


def checkout_json(
    conn: sqlite3.Connection, cart: dict[str, Any], base_url: str, include: set[str]
) -> dict[str, Any]:
    totals = compute(conn, cart)
    physical = []
    custom = []
    entry: dict[str, Any]
    for item in cart["items"]:
        if item["kind"] == "physical":
            entry = _item_common(item, totals, base_url)
            entry["is_taxable"] = True
            entry["parent_id"] = None
            if "cart.line_items.physical_items.options" in include:
                entry["options"] = _item_options(item)
            physical.append(entry)
        else:
            custom.append(
                {
                    "id": item["id"],
                    "sku": item["sku"],
                    "name": item["name"],
                    "quantity": item["quantity"],
                    "list_price": num(D(item["list_price"])),
                    "extended_list_price": num(D(item["list_price"]) * item["quantity"]),
                }
            )
    with_options = "consignments.available_shipping_options" in include
    consignments = []
    for group in totals.groups:
        consignment = group.consignment
        if consignment is None:
            continue
        entry = {"id": consignment["id"]}
        if consignment["address"] is not None:
            entry["address"] = address_json(consignment["address"], with_id=False)
            entry["address"]["id"] = consignment["id"]
            if with_options:
                entry["available_shipping_options"] = [_option_json(o) for o in group.options]
            if group.selected is not None:
                entry["selected_shipping_option"] = _option_json(group.selected)
        else:
            entry["selected_pickup_option"] = {"pickup_method_id": consignment["pickup"]}
        entry.update(
            {
                "coupon_discounts": [],
                "discounts": [],
                "shipping_cost_inc_tax": num(group.shipping + group.shipping_tax),
                "shipping_cost_ex_tax": num(group.shipping),
                "handling_cost_inc_tax": 0,
                "handling_cost_ex_tax": 0,
                "line_item_ids": group.item_ids,
            }
        )
        consignments.append(entry)
    coupons = [
        {
            "code": c["code"],
            "id": c["id"],
            "coupon_type": c["kind"],
            "display_name": c["name"],
            "discounted_amount": num(amount),
        }
        for c, amount in totals.coupons
    ]
    cart_part = {
        "id": cart["id"],
        "customer_id": cart["customer_id"],
        "email": cart["email"],
        "currency": {"code": cart["currency"]},
        "tax_included": False,
        "base_amount": num(totals.subtotal),
        "channel_id": cart["channel_id"],
        "discount_amount": 0,
        "cart_amount_inc_tax": num(totals.subtotal - totals.discount + totals.items_tax),
        "cart_amount_ex_tax": num(totals.subtotal - totals.discount),
        "coupons": coupons,
        "discounts": [],
        "line_items": {
            "physical_items": physical,
            "digital_items": [],
            "gift_certificates": [],
            "custom_items": custom,
        },
        "created_time": iso(cart["created"]),
        "updated_time": iso(cart["updated"]),
    }
    order_ids = cart.get("order_ids") or []
    out: dict[str, Any] = {
        "id": cart["id"],
        "cart": cart_part,
        "consignments": consignments,
        "taxes": totals.taxes,
        "coupons": coupons,
        "fees": [],
        "order_id": str(order_ids[-1]) if order_ids else None,
        "shipping_cost_total_inc_tax": num(totals.shipping + totals.shipping_tax),
        "shipping_cost_total_ex_tax": num(totals.shipping),
        "handling_cost_total_inc_tax": 0,
        "handling_cost_total_ex_tax": 0,
        "tax_total": num(totals.tax_total),
        "subtotal_inc_tax": num(totals.subtotal + totals.items_tax),
        "subtotal_ex_tax": num(totals.subtotal),
        "grand_total": num(totals.grand_total),
        "created_time": iso(cart["created"]),
        "updated_time": iso(cart["updated"]),
        "customer_message": cart.get("customer_message", ""),
        "promotions": [],
        "version": cart["version"],
    }
    if cart.get("billing"):
        out["billing_address"] = address_json(cart["billing"], with_id=True)
    return out

"""Coupons, shipping options, tax and totals: computed on every read, in Decimal, the way
a store computes them:

    subtotal     = Σ line price × quantity                 (prices exclude tax)
    discount     = coupons (10 % of the subtotal; $5 off at $50 or more)
    shipping     = Σ cost of each consignment's selected option
    tax          = Σ per consignment: rate(address) × (its items after discount + its shipping)
                   pickup consignments and items not yet in a consignment are taxed at the
                   store's location (Austin, TX)
    grand_total  = subtotal − discount + shipping + tax
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pos.sandbox.carts import held_quantities
from pos.sandbox.money import D, cents, num
from pos.sandbox.store_rules import (
    BY_WEIGHT_BASE,
    BY_WEIGHT_PER_LB,
    FLAT_RATE,
    FREE_SHIPPING_THRESHOLD,
    STORE_COUNTRY,
    STORE_STATE,
    state_code_of,
    tax_rate,
)


def find_coupon(conn: sqlite3.Connection, code: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT code, data FROM coupons WHERE code = ?", (code,)).fetchone()
    if row is None:
        return None
    return {"code": row["code"], **json.loads(row["data"])}


def coupon_discount(coupon: dict[str, Any], subtotal: Decimal) -> Decimal | None:
    """The coupon's discount on a subtotal, or None when it does not apply."""
    if subtotal < D(coupon["min_purchase"]) or subtotal <= 0:
        return None
    if coupon["kind"] == "percentage_discount":
        return cents(subtotal * D(coupon["amount"]) / 100)
    return min(D(coupon["amount"]), subtotal)


# -- totals -------------------------------------------------------------------------------


@dataclass
class Group:
    """The items sharing one tax location: a consignment, or the unassigned items."""

    consignment: dict[str, Any] | None
    quantities: dict[str, int]  # line item id -> how many of it this group holds
    rate: Decimal
    tax_name: str
    subtotal: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    shipping: Decimal = Decimal(0)
    items_tax: Decimal = Decimal(0)
    shipping_tax: Decimal = Decimal(0)
    options: list[dict[str, Any]] = field(default_factory=list)
    selected: dict[str, Any] | None = None
    discounts: dict[str, Decimal] = field(default_factory=dict)  # its share of each line's

    @property
    def item_ids(self) -> list[str]:
        return list(self.quantities)


@dataclass
class Totals:
    subtotal: Decimal
    discount: Decimal
    shipping: Decimal
    shipping_tax: Decimal
    items_tax: Decimal
    tax_total: Decimal
    grand_total: Decimal
    coupons: list[tuple[dict[str, Any], Decimal]]
    groups: list[Group]
    item_discounts: dict[str, Decimal]
    item_rates: dict[str, Decimal]
    taxes: list[dict[str, Any]]


def _location_rate(cart: dict[str, Any], consignment: dict[str, Any] | None) -> tuple[Decimal, str]:
    if consignment is not None and consignment["address"] is not None:
        address = consignment["address"]
        return tax_rate(address["country_code"], state_code_of(address))
    if consignment is None and cart.get("billing"):
        billing = cart["billing"]
        return tax_rate(billing["country_code"], state_code_of(billing))
    return tax_rate(STORE_COUNTRY, STORE_STATE)


def shipping_options(cart: dict[str, Any], consignment: dict[str, Any]) -> list[dict[str, Any]]:
    """The options a shipping consignment may choose from (with an internal ``key``)."""
    if consignment["pickup"] is not None or consignment["address"] is None:
        return []
    items = {i["id"]: i for i in cart["items"]}
    chosen = [(items[k], q) for k, q in held_quantities(cart, consignment).items()]
    subtotal = sum((D(i["list_price"]) * q for i, q in chosen), Decimal(0))
    weight = sum((D(i.get("weight") or 0) * q for i, q in chosen), Decimal(0))
    domestic = consignment["address"]["country_code"] == STORE_COUNTRY
    found: list[tuple[str, str, str, Decimal, str]] = []
    if domestic:
        found.append(("pickup", "shipping_pickupinstore", "Pickup In Store", Decimal(0), ""))
    if subtotal >= FREE_SHIPPING_THRESHOLD:
        found.append(("free", "freeshipping", "Free Shipping", Decimal(0), "3-7 business days"))
    found.append(
        ("flat", "shipping_flatrate", "Flat Rate", FLAT_RATE[domestic], "3-5 business days")
    )
    by_weight = cents(BY_WEIGHT_BASE[domestic] + BY_WEIGHT_PER_LB[domestic] * weight)
    found.append(("weight", "shipping_byweight", "Ship by Weight", by_weight, "2-4 business days"))
    out = []
    for key, kind, description, cost, transit in found:
        option_id = hashlib.md5(  # noqa: S324 - an id, not security
            f"{cart['id']}:{consignment['id']}:{key}".encode()
        ).hexdigest()
        out.append(
            {
                "key": key,
                "id": option_id,
                "type": kind,
                "description": description,
                "image_url": "",
                "cost": cost,
                "transit_time": transit,
                "additional_description": "",
            }
        )
    return out


def compute(conn: sqlite3.Connection, cart: dict[str, Any]) -> Totals:
    items = cart["items"]
    subtotal = sum((D(i["list_price"]) * i["quantity"] for i in items), Decimal(0))
    coupons: list[tuple[dict[str, Any], Decimal]] = []
    discount = Decimal(0)
    for code in cart["coupons"]:
        coupon = find_coupon(conn, code)
        if coupon is None:
            continue
        amount = coupon_discount(coupon, subtotal - discount)
        if amount is None:
            continue
        coupons.append((coupon, amount))
        discount += amount
    discount = min(discount, subtotal)
    # Spread the discount over the items in proportion to their totals.
    item_discounts: dict[str, Decimal] = {}
    remaining = discount
    for n, item in enumerate(items):
        line = D(item["list_price"]) * item["quantity"]
        share = (
            remaining
            if n == len(items) - 1
            else (cents(discount * line / subtotal) if subtotal else Decimal(0))
        )
        share = min(share, remaining, line)
        item_discounts[item["id"]] = share
        remaining -= share
    groups: list[Group] = []
    assigned: dict[str, int] = {}
    for consignment in cart["consignments"]:
        rate, name = _location_rate(cart, consignment)
        held = held_quantities(cart, consignment)
        group = Group(consignment, held, rate, name)
        group.options = shipping_options(cart, consignment)
        if consignment["selected"] is not None:
            group.selected = next(
                (o for o in group.options if o["key"] == consignment["selected"]), None
            )
            if group.selected is None:
                consignment["selected"] = None  # no longer available
            else:
                group.shipping = group.selected["cost"]
        for item_id, quantity in held.items():
            assigned[item_id] = assigned.get(item_id, 0) + quantity
        groups.append(group)
    unassigned = {
        i["id"]: i["quantity"] - assigned.get(i["id"], 0)
        for i in items
        if i["quantity"] > assigned.get(i["id"], 0)
    }
    if unassigned:
        rate, name = _location_rate(cart, None)
        groups.append(Group(None, unassigned, rate, name))
    by_id = {i["id"]: i for i in items}
    item_rates: dict[str, Decimal] = {}
    taxes: dict[str, Decimal] = {}
    # Each line's discount is shared between the groups holding it, by quantity; the
    # last group holding the line takes what rounding left.
    discount_left = dict(item_discounts)
    quantity_left = {i["id"]: i["quantity"] for i in items}
    for group in groups:
        for item_id, quantity in group.quantities.items():
            item = by_id[item_id]
            line_discount = item_discounts.get(item_id, Decimal(0))
            if quantity >= quantity_left[item_id]:
                share = discount_left.get(item_id, Decimal(0))
            else:
                share = cents(line_discount * quantity / item["quantity"])
                share = min(share, discount_left.get(item_id, Decimal(0)))
            discount_left[item_id] = discount_left.get(item_id, Decimal(0)) - share
            quantity_left[item_id] -= quantity
            group.discounts[item_id] = share
            group.subtotal += D(item["list_price"]) * quantity
            group.discount += share
            item_rates[item_id] = group.rate
        group.items_tax = cents((group.subtotal - group.discount) * group.rate / 100)
        group.shipping_tax = cents(group.shipping * group.rate / 100)
        tax = group.items_tax + group.shipping_tax
        if tax:
            taxes[group.tax_name] = taxes.get(group.tax_name, Decimal(0)) + tax
    shipping = sum((g.shipping for g in groups), Decimal(0))
    shipping_tax = sum((g.shipping_tax for g in groups), Decimal(0))
    items_tax = sum((g.items_tax for g in groups), Decimal(0))
    tax_total = items_tax + shipping_tax
    grand_total = subtotal - discount + shipping + tax_total
    return Totals(
        subtotal=subtotal,
        discount=discount,
        shipping=shipping,
        shipping_tax=shipping_tax,
        items_tax=items_tax,
        tax_total=tax_total,
        grand_total=cents(grand_total),
        coupons=coupons,
        groups=groups,
        item_discounts=item_discounts,
        item_rates=item_rates,
        taxes=[{"name": name, "amount": num(amount)} for name, amount in taxes.items()],
    )

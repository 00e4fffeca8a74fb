"""Carts: loading and saving the cart document, its version, and its line items.

A cart is one JSON document; its id is also the checkout's id."""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from pos.sandbox.catalog import variant_option_values
from pos.sandbox.db import dumps
from pos.sandbox.errors import ApiError, Fields
from pos.sandbox.money import D
from pos.sandbox.store_rules import CURRENCY


def load_cart(conn: sqlite3.Connection, cart_id: str) -> dict[str, Any]:
    row = conn.execute("SELECT data FROM carts WHERE id = ?", (cart_id,)).fetchone()
    if row is None:
        raise ApiError(404, "Cart not found", detail=f"Cart {cart_id} was not found.")
    return json.loads(row["data"])  # type: ignore[no-any-return]


def save_cart(
    conn: sqlite3.Connection, cart: dict[str, Any], now: float, *, bump: bool = True
) -> None:
    if bump:
        cart["version"] = int(cart.get("version", 0)) + 1
        cart["updated"] = now
    conn.execute(
        "INSERT INTO carts (id, data) VALUES (?, ?) "
        "ON CONFLICT(id) DO UPDATE SET data = excluded.data",
        (cart["id"], dumps(cart)),
    )


def check_version(cart: dict[str, Any], body: Any) -> None:
    if isinstance(body, dict) and "version" in body and body["version"] is not None:
        version = body["version"]
        if isinstance(version, bool) or not isinstance(version, int):
            raise ApiError(422, "Input is invalid", errors={"version": "must be an integer"})
        if version != cart.get("version"):
            raise ApiError(
                409,
                "The request cannot be processed due to a possible conflict with the current "
                "state of the resource.",
                detail=f"The cart is at version {cart.get('version')}, not {version}.",
            )


def new_cart(
    customer_id: int, email: str, channel_id: int, locale: str, now: float
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "customer_id": customer_id,
        "channel_id": channel_id,
        "email": email,
        "currency": CURRENCY,
        "locale": locale,
        "created": now,
        "updated": now,
        "version": 0,
        "items": [],
        "billing": None,
        "consignments": [],
        "coupons": [],
        "customer_message": "",
        "order_ids": [],
    }


# -- line items ---------------------------------------------------------------------------


def _variant_rows(conn: sqlite3.Connection, product_id: int) -> list[sqlite3.Row]:
    return list(
        conn.execute("SELECT * FROM variants WHERE product_id = ? ORDER BY id", (product_id,))
    )


def resolve_item(conn: sqlite3.Connection, raw: Any, where: str) -> dict[str, Any]:
    """A cart line item from a request's ``line_items[]`` element (422 on anything wrong)."""
    f = Fields(raw, where)
    quantity = f.int("quantity", required=True, minimum=1)
    product_id = f.int("product_id", required=True, minimum=1)
    variant_id = f.int("variant_id", minimum=1)
    list_price = f.number("list_price", minimum=0)
    name = f.str("name", max_length=250)
    selections = f.list("option_selections")
    f.done()
    assert quantity is not None and product_id is not None
    prow = conn.execute("SELECT * FROM products WHERE id = ?", (product_id,)).fetchone()
    if prow is None:
        raise ApiError(
            422,
            f"Product with id {product_id} was not found",
            errors={f"{where}.product_id": f"Product {product_id} does not exist"},
        )
    pdata = json.loads(prow["data"])
    variants = _variant_rows(conn, product_id)
    variant: sqlite3.Row | None = None
    if variant_id is not None:
        variant = next((v for v in variants if v["id"] == variant_id), None)
        if variant is None:
            raise ApiError(
                422,
                f"Variant with id {variant_id} does not belong to product {product_id}",
                errors={f"{where}.variant_id": "unknown variant"},
            )
    elif selections:
        wanted = set()
        for sel in selections:
            if not isinstance(sel, dict) or not isinstance(sel.get("option_value"), int):
                raise ApiError(
                    422,
                    "Input is invalid",
                    errors={f"{where}.option_selections": "each needs option_id and option_value"},
                )
            wanted.add(sel["option_value"])
        for candidate in variants:
            values = {int(v) for v in candidate["value_ids"].split(",") if v}
            if values and values == wanted:
                variant = candidate
                break
        if variant is None:
            raise ApiError(
                422,
                "The selected options do not match a variant of this product",
                errors={f"{where}.option_selections": "no such variant"},
            )
    elif pdata["options"]:
        raise ApiError(
            422,
            "This product has options; variant ID is required",
            errors={f"{where}.variant_id": "required for a product with options"},
        )
    else:
        variant = variants[0]
    own_price = variant["price"]
    if pdata["availability"] == "disabled" or variant["purchasing_disabled"]:
        raise ApiError(
            422,
            f"{prow['name']} is not available for purchase",
            errors={f"{where}.product_id": "purchasing is disabled"},
        )
    catalog_price = D(own_price) if own_price is not None else D(pdata["price"])
    sale = D(pdata["sale_price"])
    effective = sale if (sale > 0 and own_price is None) else catalog_price
    label = prow["name"]
    return {
        "id": str(uuid.uuid4()),
        "kind": "physical",
        "product_id": product_id,
        "variant_id": variant["id"],
        "sku": variant["sku"],
        "name": name or label,
        "quantity": quantity,
        "original_price": str(catalog_price),
        "list_price": str(D(list_price) if list_price is not None else effective),
        "overridden": list_price is not None,
        "weight": pdata["weight"],
        "tracking": pdata["inventory_tracking"],
        "options": [
            {
                "name": v["option_display_name"],
                "value": v["label"],
                "name_id": v["option_id"],
                "value_id": v["id"],
            }
            for v in variant_option_values(variant, pdata)
        ],
    }


def custom_item(raw: Any, where: str) -> dict[str, Any]:
    f = Fields(raw, where)
    sku = f.str("sku", required=True, max_length=255)
    name = f.str("name", required=True, max_length=255)
    quantity = f.int("quantity", required=True, minimum=1)
    price = f.number("list_price", required=True, minimum=0)
    f.done()
    return {
        "id": str(uuid.uuid4()),
        "kind": "custom",
        "sku": sku,
        "name": name,
        "quantity": quantity,
        "list_price": str(D(price)),
        "original_price": str(D(price)),
    }


def check_stock(conn: sqlite3.Connection, items: list[dict[str, Any]]) -> None:
    """422 when the cart asks for more of a variant than is in stock, or it is disabled."""
    wanted: dict[int, int] = {}
    for item in items:
        if item["kind"] == "physical" and item.get("tracking") != "none":
            wanted[item["variant_id"]] = wanted.get(item["variant_id"], 0) + item["quantity"]
    _check_quantity_rules(conn, items)
    for variant_id, quantity in wanted.items():
        row = conn.execute(
            "SELECT v.inventory_level, v.purchasing_disabled, p.name, p.data AS pdata "
            "FROM variants v "
            "JOIN products p ON p.id = v.product_id WHERE v.id = ?",
            (variant_id,),
        ).fetchone()
        if row is None:
            raise ApiError(422, f"Variant {variant_id} no longer exists")
        if row["purchasing_disabled"] or json.loads(row["pdata"])["availability"] == "disabled":
            raise ApiError(422, f"{row['name']} is not available for purchase")
        if quantity > int(row["inventory_level"]):
            raise ApiError(
                422,
                f"Not enough stock: {row['name']} has {row['inventory_level']} in stock",
                detail=f"You requested {quantity}.",
                errors={"quantity": f"only {row['inventory_level']} in stock"},
            )


def _check_quantity_rules(conn: sqlite3.Connection, items: list[dict[str, Any]]) -> None:
    """422 when the cart holds fewer of a product than its ``order_quantity_minimum`` or
    more than its ``order_quantity_maximum`` (0: no rule), all its lines together."""
    per_product: dict[int, int] = {}
    for item in items:
        if item["kind"] == "physical":
            per_product[item["product_id"]] = (
                per_product.get(item["product_id"], 0) + item["quantity"]
            )
    for product_id, quantity in per_product.items():
        row = conn.execute("SELECT name, data FROM products WHERE id = ?", (product_id,)).fetchone()
        if row is None:
            continue
        data = json.loads(row["data"])
        least = int(data.get("order_quantity_minimum", 0))
        most = int(data.get("order_quantity_maximum", 0))
        if least and quantity < least:
            raise ApiError(
                422,
                f"You need to purchase a minimum of {least} of {row['name']} per order",
                errors={"quantity": f"at least {least}"},
            )
        if most and quantity > most:
            raise ApiError(
                422,
                f"You can only purchase a maximum of {most} of {row['name']} per order",
                errors={"quantity": f"at most {most}"},
            )


def add_items(conn: sqlite3.Connection, cart: dict[str, Any], new: list[dict[str, Any]]) -> None:
    for item in new:
        same = next(
            (
                i
                for i in cart["items"]
                if i["kind"] == "physical" == item["kind"]
                and i["variant_id"] == item["variant_id"]
                and i["list_price"] == item["list_price"]
                and i["name"] == item["name"]
            ),
            None,
        )
        if same is not None:
            old_quantity = same["quantity"]
            same["quantity"] += item["quantity"]
            resize_line(cart, same, old_quantity)
        else:
            cart["items"].append(item)
    check_stock(conn, cart["items"])


def find_item(cart: dict[str, Any], item_id: str) -> dict[str, Any]:
    for item in cart["items"]:
        if item["id"] == item_id:
            return item  # type: ignore[no-any-return]
    raise ApiError(404, "Line item not found", detail=f"Line item {item_id} is not in the cart.")


def remove_item(cart: dict[str, Any], item_id: str) -> None:
    find_item(cart, item_id)
    cart["items"] = [i for i in cart["items"] if i["id"] != item_id]
    for consignment in cart["consignments"]:
        if item_id in consignment["item_ids"]:
            held = held_quantities(cart, consignment)
            held.pop(item_id, None)
            consignment["item_ids"].remove(item_id)
            consignment["quantities"] = held
            consignment["selected"] = None
    cart["consignments"] = [c for c in cart["consignments"] if c["item_ids"]]


def held_quantities(cart: dict[str, Any], consignment: dict[str, Any]) -> dict[str, int]:
    """How many of each line item a consignment holds, in its ``item_ids`` order.

    Carts saved before quantities were kept per consignment hold whole lines."""
    quantities = consignment.get("quantities") or {}
    lines = {i["id"]: i["quantity"] for i in cart["items"]}
    out: dict[str, int] = {}
    for item_id in consignment["item_ids"]:
        if item_id in lines:
            out[item_id] = int(quantities.get(item_id, lines[item_id]))
    return out


def resize_line(cart: dict[str, Any], item: dict[str, Any], old_quantity: int) -> None:
    """Keeps the consignments consistent after a line item's quantity changed.

    A line wholly in one consignment stays wholly in it. A line split between
    consignments keeps its parts while they fit; when the line shrinks below them, the
    last consignments give up quantity first. When it grows, the extra is unassigned."""
    item_id = item["id"]
    holders = [c for c in cart["consignments"] if item_id in c["item_ids"]]
    if not holders:
        return
    for consignment in holders:
        consignment["quantities"] = held_quantities(cart, consignment)
    parts = [c["quantities"][item_id] for c in holders]
    if len(holders) == 1 and parts[0] == old_quantity:
        holders[0]["quantities"][item_id] = item["quantity"]
        return
    excess = sum(parts) - item["quantity"]
    for consignment in reversed(holders):
        if excess <= 0:
            break
        have = consignment["quantities"][item_id]
        give = min(have, excess)
        excess -= give
        if give == have:
            del consignment["quantities"][item_id]
            consignment["item_ids"].remove(item_id)
        else:
            consignment["quantities"][item_id] = have - give
        consignment["selected"] = None
    cart["consignments"] = [c for c in cart["consignments"] if c["item_ids"]]


def drop_promotions_and_shipping(cart: dict[str, Any]) -> None:
    """What changing the cart's customer does."""
    cart["coupons"] = []
    for consignment in cart["consignments"]:
        consignment["selected"] = None

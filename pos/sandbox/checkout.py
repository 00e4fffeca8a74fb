"""Carts and checkouts: line items, consignments, shipping, coupons, tax and totals.

A cart is one JSON document (its id is also the checkout's id). Totals are computed on
every read, in Decimal, the way a store computes them:

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
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pos.sandbox.catalog import (
    COUPON_TYPE_CODES,
    image_path,
    iso,
    us_states,
    variant_option_values,
)
from pos.sandbox.db import dumps
from pos.sandbox.errors import ApiError, Fields, not_found
from pos.sandbox.money import D, cents, num

STORE_ADDRESS = {
    "address1": "500 Congress Avenue",
    "city": "Austin",
    "state_or_province": "Texas",
    "state_or_province_code": "TX",
    "postal_code": "78701",
    "country_code": "US",
}
STORE_COUNTRY = "US"
STORE_STATE = "TX"
CURRENCY = "USD"
PICKUP_METHOD_ID = 1
FREE_SHIPPING_THRESHOLD = Decimal("100.00")
FLAT_RATE = {True: Decimal("7.50"), False: Decimal("25.00")}  # domestic?
BY_WEIGHT_BASE = {True: Decimal("4.00"), False: Decimal("12.00")}
BY_WEIGHT_PER_LB = {True: Decimal("1.25"), False: Decimal("2.50")}

# Sales tax by US state (percent); other US states pay US_DEFAULT_RATE.
US_STATE_RATES = {
    "TX": Decimal("8.25"),
    "CA": Decimal("7.25"),
    "NY": Decimal("8.875"),
    "WA": Decimal("6.5"),
    "FL": Decimal("6"),
    "IL": Decimal("6.25"),
    "MA": Decimal("6.25"),
    "CO": Decimal("2.9"),
    "OR": Decimal("0"),
    "MT": Decimal("0"),
    "NH": Decimal("0"),
    "DE": Decimal("0"),
}
US_DEFAULT_RATE = Decimal("5")
# Other countries (percent, tax name); countries not listed are not taxed.
COUNTRY_RATES = {
    "CA": (Decimal("5"), "GST"),
    "AU": (Decimal("10"), "GST"),
    "GB": (Decimal("20"), "VAT"),
    "DE": (Decimal("19"), "VAT"),
    "FR": (Decimal("20"), "VAT"),
    "NL": (Decimal("21"), "VAT"),
}

ADDRESS_KEYS = (
    "first_name",
    "last_name",
    "email",
    "company",
    "address1",
    "address2",
    "city",
    "state_or_province",
    "state_or_province_code",
    "country_code",
    "postal_code",
    "phone",
)


def tax_rate(country_code: str, state_code: str) -> tuple[Decimal, str]:
    """(rate in percent, tax name) for an address."""
    country = (country_code or "").upper()
    if country == "US":
        return US_STATE_RATES.get(state_code.upper(), US_DEFAULT_RATE), "Sales Tax"
    return COUNTRY_RATES.get(country, (Decimal(0), "Tax"))


def state_code_of(address: dict[str, Any]) -> str:
    code = str(address.get("state_or_province_code") or "").strip().upper()
    if code:
        return code
    state = str(address.get("state_or_province") or "").strip()
    if len(state) == 2:
        return state.upper()
    return us_states().get(state.lower(), "")


# -- loading and saving -------------------------------------------------------------------


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


# -- addresses and consignments -----------------------------------------------------------


def read_address(raw: Any, where: str, *, billing: bool) -> dict[str, Any]:
    f = Fields(raw, where)
    out: dict[str, Any] = {}
    for key in ADDRESS_KEYS:
        value = f.str(key, required=key in ("email", "country_code"), max_length=255)
        if value is not None:
            out[key] = value
    country = out.get("country_code", "")
    if country and (len(country) != 2 or not country.isalpha()):
        f.fail("country_code", "country_code must be a two-letter ISO 3166 code")
    email = out.get("email", "")
    if email and ("@" not in email or email.startswith("@") or email.endswith("@")):
        f.fail("email", "email is not a valid address")
    custom = f.list("custom_fields")
    f.done()
    out["country_code"] = country.upper()
    out["custom_fields"] = custom or []
    for key in ADDRESS_KEYS:
        out.setdefault(key, "")
    if billing:
        out["id"] = uuid.uuid4().hex[:13]
    return out


def address_json(address: dict[str, Any], *, with_id: bool) -> dict[str, Any]:
    out = {key: address.get(key, "") for key in ADDRESS_KEYS}
    country = address.get("country_code", "")
    out["country"] = {
        "US": "United States",
        "CA": "Canada",
        "GB": "United Kingdom",
        "DE": "Germany",
        "FR": "France",
        "AU": "Australia",
    }.get(country, country)
    out["custom_fields"] = address.get("custom_fields", [])
    if with_id and "id" in address:
        out["id"] = address["id"]
    return out


def add_consignments(conn: sqlite3.Connection, cart: dict[str, Any], body: Any) -> None:
    if not isinstance(body, list) or not body:
        raise ApiError(
            422, "Input is invalid", errors={"body": "must be a non-empty array of consignments"}
        )
    for index, raw in enumerate(body):
        where = f"[{index}]"
        f = Fields(raw, where)
        if not f.errors:
            check_version(cart, raw)
        raw_address = (
            raw.get("address", raw.get("shipping_address")) if isinstance(raw, dict) else None
        )
        pickup = f.dict("pickup_option")
        line_items = f.list("line_items", required=True)
        f.done()
        consignment: dict[str, Any] = {
            "id": uuid.uuid4().hex[:13],
            "address": None,
            "item_ids": [],
            "quantities": {},
            "selected": None,
            "pickup": None,
        }
        if pickup is not None:
            _set_pickup(consignment, pickup, where)
            if raw_address is not None:
                raise ApiError(
                    422,
                    "A pickup consignment cannot have a shipping address",
                    errors={f"{where}.address": "not allowed with pickup_option"},
                )
        elif raw_address is None:
            raise ApiError(
                422,
                "Input is invalid",
                errors={f"{where}.address": "address (or pickup_option) is required"},
            )
        else:
            consignment["address"] = read_address(raw_address, f"{where}.address", billing=False)
        _assign_items(cart, consignment, line_items or [], where)
        cart["consignments"].append(consignment)
    cart["consignments"] = [c for c in cart["consignments"] if c["item_ids"]]


def _set_pickup(consignment: dict[str, Any], pickup: dict[str, Any], where: str) -> None:
    method = pickup.get("pickup_method_id")
    if isinstance(method, bool) or not isinstance(method, int):
        raise ApiError(
            422,
            "Input is invalid",
            errors={
                f"{where}.pickup_option.pickup_method_id": "pickup_method_id must be an integer"
            },
        )
    if method != PICKUP_METHOD_ID:
        raise ApiError(
            422,
            f"Pickup method {method} is not available",
            errors={f"{where}.pickup_option.pickup_method_id": "unknown pickup method"},
        )
    consignment["pickup"] = method
    consignment["address"] = None
    consignment["selected"] = None


def _assign_items(
    cart: dict[str, Any], consignment: dict[str, Any], line_items: list[Any], where: str
) -> None:
    """Puts ``line_items[{item_id, quantity}]`` in a consignment, replacing what it held.

    A line item's quantity may be split between consignments; together they never hold
    more of a line than the cart has (422 naming the quantity that does not fit)."""
    prefix = f"{where}.line_items" if where else "line_items"
    wanted: dict[str, int] = {}
    first_entry: dict[str, int] = {}
    for n, entry in enumerate(line_items):
        f = Fields(entry, f"{prefix}[{n}]")
        item_id = f.str("item_id", required=True)
        quantity = f.int("quantity", required=True, minimum=1)
        f.done()
        assert item_id is not None and quantity is not None
        item = next((i for i in cart["items"] if i["id"] == item_id), None)
        if item is None:
            raise ApiError(
                422,
                f"Line item {item_id} is not in the cart",
                errors={f"{prefix}[{n}].item_id": "unknown line item"},
            )
        if item["kind"] != "physical":
            raise ApiError(
                422,
                f"Line item {item_id} does not need shipping",
                errors={f"{prefix}[{n}].item_id": "not a physical item"},
            )
        wanted[item_id] = wanted.get(item_id, 0) + quantity
        first_entry.setdefault(item_id, n)
        elsewhere = sum(
            held_quantities(cart, other).get(item_id, 0)
            for other in cart["consignments"]
            if other is not consignment
        )
        if elsewhere + wanted[item_id] > item["quantity"]:
            left = max(item["quantity"] - elsewhere, 0)
            raise ApiError(
                422,
                f"The quantity of line item {item_id} is more than the cart has",
                detail=(
                    f"The cart has {item['quantity']}; other consignments hold {elsewhere}, "
                    f"so at most {left} can be added to this one."
                ),
                errors={f"{prefix}[{n}].quantity": f"at most {left} of this line item is left"},
            )
    if not wanted:
        raise ApiError(
            422,
            "Input is invalid",
            errors={prefix: "at least one line item is required"},
        )
    consignment["item_ids"] = list(wanted)
    consignment["quantities"] = wanted


def find_consignment(cart: dict[str, Any], consignment_id: str) -> dict[str, Any]:
    for consignment in cart["consignments"]:
        if consignment["id"] == consignment_id:
            return consignment  # type: ignore[no-any-return]
    raise not_found("Consignment")


def update_consignment(cart: dict[str, Any], consignment: dict[str, Any], body: Any) -> None:
    f = Fields(body)
    f.done()
    check_version(cart, body)
    option_id = body.get("shipping_option_id")
    raw_address = body.get("address", body.get("shipping_address"))
    line_items = body.get("line_items")
    pickup = body.get("pickup_option")
    if option_id is not None and (raw_address is not None or line_items is not None):
        raise ApiError(
            422,
            "You can update either the address and line items, or the shipping "
            "option, not both in one request",
            errors={"shipping_option_id": "send it in a separate request"},
        )
    if option_id is not None:
        if not isinstance(option_id, str):
            raise ApiError(
                422, "Input is invalid", errors={"shipping_option_id": "must be a string"}
            )
        if consignment["pickup"] is not None:
            raise ApiError(
                422,
                "You cannot assign a shipping method with a pickup consignment.",
                errors={"shipping_option_id": "pickup consignment"},
            )
        options = shipping_options(cart, consignment)
        match = next((o for o in options if o["id"] == option_id), None)
        if match is None:
            raise ApiError(
                422,
                "The shipping option is not available for this consignment",
                errors={"shipping_option_id": f"{option_id} is not available"},
            )
        consignment["selected"] = match["key"]
        return
    if pickup is not None:
        if not isinstance(pickup, dict):
            raise ApiError(422, "Input is invalid", errors={"pickup_option": "must be an object"})
        _set_pickup(consignment, pickup, "")
    if raw_address is not None:
        consignment["address"] = read_address(raw_address, "address", billing=False)
        consignment["pickup"] = None
        consignment["selected"] = None
    if line_items is not None:
        if not isinstance(line_items, list):
            raise ApiError(422, "Input is invalid", errors={"line_items": "must be an array"})
        _assign_items(cart, consignment, line_items, "")
        consignment["selected"] = None
    if pickup is None and raw_address is None and line_items is None:
        raise ApiError(
            422,
            "Input is invalid",
            errors={"body": "send address and/or line_items, shipping_option_id, or pickup_option"},
        )
    cart["consignments"] = [c for c in cart["consignments"] if c["item_ids"]]


# -- coupons ------------------------------------------------------------------------------


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
        found.append(("free", "shipping_free", "Free Shipping", Decimal(0), "3-7 business days"))
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


# -- rendering ----------------------------------------------------------------------------


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


def order_blockers(cart: dict[str, Any], totals: Totals) -> ApiError | None:
    """Why this checkout cannot become an order yet (None when it can)."""
    if not cart["items"]:
        return ApiError(422, "The cart is empty", detail="Add items before creating an order.")
    if not cart.get("billing"):
        return ApiError(
            422,
            "A billing address is required to create an order",
            errors={"billing_address": "missing"},
        )
    assigned: dict[str, int] = {}
    for consignment in cart["consignments"]:
        for item_id, quantity in held_quantities(cart, consignment).items():
            assigned[item_id] = assigned.get(item_id, 0) + quantity
    missing = [
        i
        for i in cart["items"]
        if i["kind"] == "physical" and assigned.get(i["id"], 0) < i["quantity"]
    ]
    if missing:
        return ApiError(
            422,
            "A shipping address for this order is incomplete",
            detail="Every physical item must be in a consignment, all of its quantity.",
            errors={
                "consignments": f"{len(missing)} item(s) are not in a consignment",
                **{
                    f"line_items.{i['id']}.quantity": (
                        f"{i['quantity'] - assigned.get(i['id'], 0)} of {i['quantity']} "
                        "not in a consignment"
                    )
                    for i in missing
                },
            },
        )
    for group in totals.groups:
        consignment = group.consignment
        if consignment is None or consignment["pickup"] is not None:
            continue
        address = consignment["address"] or {}
        absent = [
            k
            for k in ("first_name", "last_name", "address1", "city", "country_code", "email")
            if not address.get(k)
        ]
        if absent:
            return ApiError(
                422,
                "A shipping address for this order is incomplete",
                errors={
                    f"consignments.{consignment['id']}.address.{k}": "required" for k in absent
                },
            )
        if group.selected is None:
            return ApiError(
                422,
                "A shipping option must be selected for every consignment",
                errors={f"consignments.{consignment['id']}.selected_shipping_option": "missing"},
            )
    return None

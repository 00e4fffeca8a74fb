"""The demo store's data: generated deterministically from a seed, and rendered as JSON.

The word lists live in ``resources/sandbox/``; this module combines them with
``random.Random(seed)`` into products (simple ones and ones with size/colour variants),
customers with addresses and stored cards, and coupons. The same seed and size always give
the same store.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from pos import resources as pos_resources
from pos.sandbox.db import CATALOG_INDEXES, Database, dumps
from pos.sandbox.money import CENT, D, num

STORE_EPOCH = 1767225600.0  # 2026-01-01T00:00:00Z: creation time of the generated data

# The approved test cards' brand/last 4, used for the customers' stored cards.
STORED_CARD_TEMPLATES: tuple[tuple[str, str], ...] = (
    ("VISA", "4242"),
    ("MASTERCARD", "4444"),
    ("AMEX", "0005"),
    ("DISCOVER", "1117"),
)
# A brand-level issuer identification number (not any card's own digits).
BRAND_IIN = {"VISA": "424242", "MASTERCARD": "555555", "AMEX": "378282", "DISCOVER": "601111"}


def resources_dir() -> Path:
    """Where the demo-data sources are (``resources/sandbox``, see :mod:`pos.resources`)."""
    folder = pos_resources.resource_path("sandbox")
    if (folder / "nouns.txt").is_file():
        return folder
    raise FileNotFoundError(
        f"the sandbox's demo-data sources were not found in {folder}; "
        f"set {pos_resources.ENV_VAR} to the register's resources folder"
    )


def _lines(name: str) -> list[str]:
    text = (resources_dir() / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _rows(name: str) -> list[list[str]]:
    with (resources_dir() / name).open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle) if row]


@cache
def us_states() -> dict[str, str]:
    """State name (lower case) → two-letter code."""
    return {name.lower(): code for code, name in _rows("us_states.csv")}


def upc_a(eleven_digits: str) -> str:
    """A UPC-A barcode: the 11 digits and their check digit."""
    odd = sum(map(int, eleven_digits[0::2]))
    even = sum(map(int, eleven_digits[1::2]))
    check = (10 - (odd * 3 + even) % 10) % 10
    return eleven_digits + str(check)


def image_path(product_id: int) -> str:
    return f"/__sandbox/images/{product_id}.svg"


@dataclass(frozen=True)
class Coupon:
    id: int
    code: str
    name: str
    kind: str  # "percentage_discount" | "per_total_discount"
    amount: Decimal
    min_purchase: Decimal


COUPON_TYPE_CODES = {
    "per_item_discount": "0",
    "percentage_discount": "1",
    "per_total_discount": "2",
    "shipping_discount": "3",
    "free_shipping": "4",
}

DEMO_COUPONS = (
    Coupon(1, "SAVE10", "10% off your order", "percentage_discount", Decimal("10"), Decimal(0)),
    Coupon(
        2,
        "FIVEOFF",
        "$5 off orders of $50 or more",
        "per_total_discount",
        Decimal("5.00"),
        Decimal("50.00"),
    ),
)


# Gift certificates of the demo store (code, balance).
DEMO_GIFT_CERTIFICATES = (
    ("GIFT-0025-DEMO", "25.00"),
    ("GIFT-0100-DEMO", "100.00"),
    ("GIFT-1000-DEMO", "1000.00"),
)


#: Products generated between two inserts: memory stays bounded whatever the catalogue's
#: size (a million products is about three million variants).
_BATCH = 5000


def _insert(conn: sqlite3.Connection, product_rows: list[tuple[int, str, str, str, str]],
            variant_rows: list[tuple[int, int, str, str, int, str | None, int, str]]) -> None:
    """Write the rows generated so far, and empty the lists."""
    conn.executemany(
        "INSERT INTO products (id, name, sku, upc, data) VALUES (?,?,?,?,?)", product_rows
    )
    conn.executemany(
        "INSERT INTO variants (id, product_id, sku, upc, inventory_level, price, "
        "purchasing_disabled, value_ids) VALUES (?,?,?,?,?,?,?,?)",
        variant_rows,
    )
    product_rows.clear()
    variant_rows.clear()


def generate(conn: sqlite3.Connection, seed: int, catalog_size: int, customers: int = 24) -> None:
    """Fill an empty store with its demo data (inside the caller's transaction), in batches
    (the same data for the same seed, whatever the batch size)."""
    rng = random.Random(seed)
    random_ = rng.random
    adjectives = _lines("adjectives.txt")
    materials = _lines("materials.txt")
    nouns = [(n, c, Decimal(w)) for n, c, w in _rows("nouns.txt")]
    brands = _lines("brands.txt")
    sizes = _lines("sizes.txt")
    colour_rows = [(name, code) for name, code in _rows("colours.txt")]
    colours = [name for name, _ in colour_rows]
    codes = dict(colour_rows) | {size: size for size in sizes}
    categories = sorted({row[1] for row in nouns})
    category_ids = {name: n + 1 for n, name in enumerate(categories)}
    unique_names = len(adjectives) * len(materials)
    hundred = Decimal(100)
    two = Decimal("2.00")

    product_rows: list[tuple[int, str, str, str, str]] = []
    variant_rows: list[tuple[int, int, str, str, int, str | None, int, str]] = []
    variant_id = 0
    value_id = 0
    option_id = 0
    for product_id in range(1, catalog_size + 1):
        noun, category, base_weight = nouns[int(random_() * len(nouns))]
        adjective = adjectives[int(random_() * len(adjectives))]
        material = materials[int(random_() * len(materials))]
        brand_index = int(random_() * len(brands))
        name = f"{adjective} {material} {noun}"
        if product_id > unique_names:
            name = f"{name} No. {product_id}"
        stem = (adjective[0] + material[0] + "".join(w[0] for w in noun.split())).upper()
        sku = f"{stem}-{product_id:06d}"
        price_cents = 199 + int(random_() * 24801)
        price = Decimal(price_cents) / hundred
        sale_price = Decimal(price_cents * 8 // 10) / hundred if random_() < 0.15 else Decimal(0)
        weight = (base_weight * (80 + int(random_() * 41)) / hundred).quantize(CENT)
        roll = random_()
        disabled = roll < 0.03
        has_options = category == "apparel" or (category in ("home", "bags") and roll > 0.6)
        options: list[dict[str, Any]] = []
        # Each combination: [(option value id, label)...]
        combos: list[list[tuple[int, str]]] = [[]]
        if has_options:
            chosen: list[tuple[str, list[str]]] = []
            if category == "apparel" or random_() < 0.5:
                chosen.append(("Size", sizes))
            if not chosen or random_() < 0.7:
                start = int(random_() * len(colours))
                chosen.append(("Colour", [colours[(start + k) % len(colours)] for k in (0, 3, 5)]))
            for sort_order, (display, values) in enumerate(chosen):
                option_id += 1
                option_values = []
                for value_sort, label in enumerate(values):
                    value_id += 1
                    option_values.append(
                        {
                            "id": value_id,
                            "label": label,
                            "sort_order": value_sort,
                            "is_default": False,
                        }
                    )
                options.append(
                    {
                        "id": option_id,
                        "display_name": display,
                        "type": "rectangles" if display == "Size" else "swatch",
                        "sort_order": sort_order,
                        "option_values": option_values,
                    }
                )
            combos = [[]]
            for option in options:
                combos = [
                    [*combo, (value["id"], value["label"])]
                    for combo in combos
                    for value in option["option_values"]
                ]
        tracking = "variant" if has_options else ("none" if roll > 0.96 else "product")
        first_variant = variant_id + 1
        variant_upc = ""
        for combo in combos:
            variant_id += 1
            stock = 0
            if tracking != "none" and random_() >= 0.07:
                stock = 3 + int(random_() * 148)
            variant_upc = upc_a(f"4{variant_id:010d}")
            variant_price: str | None = None
            variant_sku = sku
            value_ids = ""
            if combo:
                variant_sku = sku + "".join("-" + codes[label] for _, label in combo)
                value_ids = ",".join(str(vid) for vid, _ in combo)
                if any(label == "XL" for _, label in combo):
                    variant_price = str(price + two)
            variant_disabled = disabled or (bool(combo) and random_() < 0.03)
            variant_rows.append(
                (
                    variant_id,
                    product_id,
                    variant_sku,
                    variant_upc,
                    stock,
                    variant_price,
                    int(variant_disabled),
                    value_ids,
                )
            )
        pdata = {
            "name": name,
            "sku": sku,
            "upc": "" if has_options else variant_upc,
            "description": f"<p>{name} by {brands[brand_index]}.</p>",
            "brand_id": brand_index + 1,
            "category_id": category_ids[category],
            "price": str(price),
            "sale_price": str(sale_price),
            "cost_price": str((price * Decimal("0.45")).quantize(CENT)),
            "weight": str(weight),
            "inventory_tracking": tracking,
            "availability": "disabled" if disabled else "available",
            "options": options,
            "base_variant_id": None if has_options else first_variant,
            "search_keywords": f"{category},{noun.lower()},{material.lower()}",
        }
        product_rows.append(
            (product_id, name, sku, "" if has_options else variant_upc, dumps(pdata))
        )
        if len(product_rows) >= _BATCH:
            _insert(conn, product_rows, variant_rows)
    _insert(conn, product_rows, variant_rows)
    for statement in CATALOG_INDEXES.strip().splitlines():
        conn.execute(statement)
    _generate_customers(conn, rng, seed, customers)
    conn.executemany(
        "INSERT INTO gift_certificates (code, balance) VALUES (?, ?)", DEMO_GIFT_CERTIFICATES
    )
    for coupon in DEMO_COUPONS:
        conn.execute(
            "INSERT INTO coupons (code, data) VALUES (?, ?)",
            (
                coupon.code,
                dumps(
                    {
                        "id": coupon.id,
                        "name": coupon.name,
                        "kind": coupon.kind,
                        "amount": str(coupon.amount),
                        "min_purchase": str(coupon.min_purchase),
                    }
                ),
            ),
        )


def _generate_customers(
    conn: sqlite3.Connection, rng: random.Random, seed: int, count: int
) -> None:
    first_names = _lines("first_names.txt")
    last_names = _lines("last_names.txt")
    streets = _lines("streets.txt")
    cities = _rows("cities.csv")
    used: set[str] = set()
    for index in range(count):
        first = first_names[index % len(first_names)]
        last = rng.choice(last_names)
        email = f"{first}.{last}".lower().replace("ü", "ue") + "@example.com"
        if email in used:
            email = email.replace("@", f"{index}@")
        used.add(email)
        # Phones as shops hold them: typed by hand, in more than one format.
        line = f"{rng.randint(0, 9999):04d}"
        phone = (f"(512) 555-{line}", f"512-555-{line}", f"+1512555{line}")[index % 3]
        addresses = []
        # The first customers live in the US; a few abroad.
        for n in range(1 + (index % 3 == 0)):
            city, state_code, state, postal, country = (
                cities[rng.randrange(12)] if index % 7 != 6 else rng.choice(cities[12:])
            )
            addresses.append(
                {
                    "first_name": first,
                    "last_name": last,
                    "company": "",
                    "address1": f"{rng.randint(1, 9999)} {rng.choice(streets)}",
                    "address2": "" if n == 0 else f"Apt {rng.randint(1, 40)}",
                    "city": city,
                    "state_or_province": state,
                    "state_or_province_code": state_code,
                    "postal_code": postal,
                    "country_code": country,
                    "phone": phone,
                    "address_type": "residential",
                }
            )
        cursor = conn.execute(
            "INSERT INTO customers (email, first_name, last_name, data) VALUES (?,?,?,?)",
            (
                email,
                first,
                last,
                dumps(
                    {
                        "phone": phone,
                        "company": "",
                        "notes": "",
                        "addresses": [],
                        "created": STORE_EPOCH,
                        "store_credit": "50.00" if index % 3 == 0 else "0",
                    }
                ),
            ),
        )
        customer_id = int(cursor.lastrowid or 0)
        store_addresses(conn, customer_id, addresses)
        if index % 6 == 1:  # a wallet account (PayPal) stored by the shopper
            conn.execute(
                "INSERT INTO instruments (token, customer_id, data) VALUES (?,?,?)",
                (
                    hashlib.sha256(f"sandbox:{seed}:{customer_id}:wallet".encode()).hexdigest(),
                    customer_id,
                    dumps({"type": "stored_paypal_account", "email": email, "is_default": False}),
                ),
            )
        if index % 4 != 3:
            for n in range(1 + (index % 5 == 0)):
                brand, last4 = STORED_CARD_TEMPLATES[(index + n) % len(STORED_CARD_TEMPLATES)]
                token = hashlib.sha256(f"sandbox:{seed}:{customer_id}:{n}".encode()).hexdigest()
                save_instrument(
                    conn,
                    customer_id,
                    token,
                    brand,
                    last4,
                    rng.randint(1, 12),
                    2030 + rng.randint(0, 4),
                    is_default=(n == 0),
                    billing=addresses[0],
                )


def store_addresses(
    conn: sqlite3.Connection, customer_id: int, addresses: Sequence[dict[str, Any]]
) -> None:
    row = conn.execute("SELECT data FROM customers WHERE id = ?", (customer_id,)).fetchone()
    data = json.loads(row["data"])
    for address in addresses:
        address_id = Database.next_id(conn, "customer_address")
        data["addresses"].append({**address, "id": address_id})
    conn.execute("UPDATE customers SET data = ? WHERE id = ?", (dumps(data), customer_id))


def save_instrument(
    conn: sqlite3.Connection,
    customer_id: int,
    token: str,
    brand: str,
    last4: str,
    expiry_month: int,
    expiry_year: int,
    *,
    is_default: bool,
    billing: dict[str, Any] | None,
) -> None:
    data = {
        "brand": brand,
        "last_4": last4,
        "expiry_month": expiry_month,
        "expiry_year": expiry_year,
        "is_default": is_default,
        "billing_address": billing or {},
    }
    conn.execute(
        "INSERT INTO instruments (token, customer_id, data) VALUES (?,?,?)",
        (token, customer_id, dumps(data)),
    )


# -- rendering ---------------------------------------------------------------------------


def iso(ts: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def variant_option_values(row: sqlite3.Row, product: dict[str, Any]) -> list[dict[str, Any]]:
    """The variant's option values, as the catalog shows them."""
    if not row["value_ids"]:
        return []
    wanted = [int(v) for v in row["value_ids"].split(",")]
    found = {}
    for option in product["options"]:
        for value in option["option_values"]:
            if value["id"] in wanted:
                found[value["id"]] = {
                    "id": value["id"],
                    "label": value["label"],
                    "option_id": option["id"],
                    "option_display_name": option["display_name"],
                }
    return [found[v] for v in wanted if v in found]


def variant_json(row: sqlite3.Row, product: dict[str, Any]) -> dict[str, Any]:
    own_price = row["price"]
    price = D(own_price) if own_price is not None else D(product["price"])
    sale = D(product["sale_price"])
    calculated = sale if sale > 0 and own_price is None else price
    return {
        "id": row["id"],
        "product_id": row["product_id"],
        "sku": row["sku"],
        "sku_id": row["id"],
        "price": num(price) if own_price is not None else None,
        "calculated_price": num(calculated),
        "sale_price": num(sale) if own_price is None and sale > 0 else None,
        "retail_price": None,
        "cost_price": num(D(product["cost_price"])),
        "weight": None,
        "width": None,
        "height": None,
        "depth": None,
        "is_free_shipping": False,
        "fixed_cost_shipping_price": None,
        "purchasing_disabled": bool(row["purchasing_disabled"]),
        "purchasing_disabled_message": (
            "This item is not available for purchase" if row["purchasing_disabled"] else ""
        ),
        "upc": row["upc"],
        "inventory_level": int(row["inventory_level"]),
        "inventory_warning_level": 2,
        "bin_picking_number": "",
        "option_values": variant_option_values(row, product),
    }


def product_json(
    row: sqlite3.Row, variants: Sequence[sqlite3.Row], include: Iterable[str], base_url: str
) -> dict[str, Any]:
    data = json.loads(row["data"])
    include = set(include)
    price = D(data["price"])
    sale = D(data["sale_price"])
    image_url = base_url + image_path(row["id"])
    stock = sum(int(v["inventory_level"]) for v in variants)
    out: dict[str, Any] = {
        "id": row["id"],
        "name": row["name"],
        "type": "physical",
        "sku": row["sku"],
        "description": data["description"],
        "weight": num(D(data["weight"])),
        "width": 0,
        "depth": 0,
        "height": 0,
        "price": num(price),
        "cost_price": num(D(data["cost_price"])),
        "retail_price": 0,
        "sale_price": num(sale),
        "map_price": 0,
        "tax_class_id": 0,
        "product_tax_code": "",
        "calculated_price": num(sale if sale > 0 else price),
        "categories": [data["category_id"]],
        "brand_id": data["brand_id"],
        "inventory_level": stock if data["inventory_tracking"] != "none" else 0,
        "inventory_warning_level": 2,
        "inventory_tracking": data["inventory_tracking"],
        "fixed_cost_shipping_price": 0,
        "is_free_shipping": False,
        "is_visible": True,
        "is_featured": False,
        "related_products": [],
        "warranty": "",
        "bin_picking_number": "",
        "layout_file": "product.html",
        "upc": data["upc"],
        "mpn": "",
        "gtin": "",
        "search_keywords": data["search_keywords"],
        "availability": data["availability"],
        "availability_description": "",
        "gift_wrapping_options_type": "any",
        "gift_wrapping_options_list": [],
        "sort_order": 0,
        "condition": "New",
        "is_condition_shown": False,
        "order_quantity_minimum": int(data.get("order_quantity_minimum", 0)),
        "order_quantity_maximum": int(data.get("order_quantity_maximum", 0)),
        "page_title": "",
        "meta_keywords": [],
        "meta_description": "",
        "view_count": 0,
        "preorder_release_date": None,
        "preorder_message": "",
        "is_preorder_only": False,
        "is_price_hidden": False,
        "price_hidden_label": "",
        "custom_url": {"url": f"/products/{row['id']}/", "is_customized": False},
        "reviews_rating_sum": 0,
        "reviews_count": 0,
        "total_sold": 0,
        "date_created": iso(STORE_EPOCH),
        "date_modified": iso(data.get("modified", STORE_EPOCH)),
    }
    if data["base_variant_id"] is not None:
        out["base_variant_id"] = data["base_variant_id"]
    if "variants" in include:
        out["variants"] = [{**variant_json(v, data), "image_url": image_url} for v in variants]
    if "images" in include:
        out["images"] = [_image(row["id"], image_url)]
    if "primary_image" in include:
        image = _image(row["id"], image_url)
        out["primary_image"] = {k: v for k, v in image.items() if k != "image_url"} | {
            "image_file": f"sandbox/{row['id']}.svg"
        }
    if "options" in include:
        out["options"] = [
            {**option, "product_id": row["id"], "name": option["display_name"], "config": {}}
            for option in data["options"]
        ]
    if "custom_fields" in include:
        out["custom_fields"] = []
    if "bulk_pricing_rules" in include:
        out["bulk_pricing_rules"] = []
    if "modifiers" in include:
        out["modifiers"] = []
    return out


def _image(product_id: int, url: str) -> dict[str, Any]:
    return {
        "id": product_id,
        "product_id": product_id,
        "is_thumbnail": True,
        "sort_order": 0,
        "description": "",
        "image_url": url,
        "url_zoom": url,
        "url_standard": url,
        "url_thumbnail": url,
        "url_tiny": url,
        "date_modified": iso(STORE_EPOCH),
    }


def product_svg(product_id: int, name: str) -> str:
    """A placeholder picture for a product: its initials on a colour of its own."""
    hue = (product_id * 47) % 360
    initials = "".join(word[0] for word in name.split()[:3] if word[:1].isalpha()).upper()
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">'
        f'<rect width="256" height="256" fill="hsl({hue},55%,62%)"/>'
        '<text x="128" y="150" font-family="sans-serif" font-size="72" text-anchor="middle" '
        f'fill="white">{initials}</text></svg>'
    )

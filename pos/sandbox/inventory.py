"""Inventory by location (BigCommerce's Inventory API, ``reference/inventory.v3.yml``).

Location 1 is the default location: its stock is the catalogue's ``inventory_level`` (the
Catalog API "returns the inventory for only the default location"). Other locations hold
stock only after an absolute adjustment has set it: a relative adjustment of an item that
has none there is refused with the document's own 422 ("requires absolute adjustment
before relative").
"""

from __future__ import annotations

import sqlite3
from typing import Any

from pos.sandbox.errors import ApiError, Fields

DEFAULT_LOCATION = 1
MAX_ITEMS = 2000

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS location_stock (variant_id INTEGER NOT NULL, "
    "location_id INTEGER NOT NULL, onhand INTEGER NOT NULL, "
    "PRIMARY KEY (variant_id, location_id))"
)


def _ensure(conn: sqlite3.Connection) -> None:
    conn.execute(_SCHEMA)


def _variant(conn: sqlite3.Connection, raw: Any, where: str) -> sqlite3.Row:
    if not isinstance(raw, dict):
        raise ApiError(422, "Input is invalid", errors={where: "must be an object"})
    if "variant_id" in raw:
        row = conn.execute(
            "SELECT id, product_id, sku FROM variants WHERE id = ?", (raw["variant_id"],)
        ).fetchone()
        label = f"variant_id {raw['variant_id']}"
    elif "sku" in raw:
        row = conn.execute(
            "SELECT id, product_id, sku FROM variants WHERE sku = ?", (raw["sku"],)
        ).fetchone()
        label = f"sku {raw['sku']}"
    else:
        raise ApiError(
            422, "Input is invalid", errors={where: "one of sku or variant_id is required"}
        )
    if row is None:
        raise ApiError(422, f"Item with {label} does not exist", errors={where: "unknown item"})
    found: sqlite3.Row = row
    return found


def _onhand(conn: sqlite3.Connection, variant_id: int, location_id: int) -> int | None:
    if location_id == DEFAULT_LOCATION:
        row = conn.execute(
            "SELECT inventory_level FROM variants WHERE id = ?", (variant_id,)
        ).fetchone()
        return None if row is None else int(row[0])
    row = conn.execute(
        "SELECT onhand FROM location_stock WHERE variant_id = ? AND location_id = ?",
        (variant_id, location_id),
    ).fetchone()
    return None if row is None else int(row[0])


def _set(conn: sqlite3.Connection, variant_id: int, location_id: int, value: int, now: float
         ) -> None:
    if location_id == DEFAULT_LOCATION:
        conn.execute("UPDATE variants SET inventory_level = ? WHERE id = ?", (value, variant_id))
        conn.execute(
            "UPDATE products SET data = json_set(data, '$.modified', ?) "
            "WHERE id = (SELECT product_id FROM variants WHERE id = ?)",
            (now, variant_id),
        )
    else:
        conn.execute(
            "INSERT INTO location_stock (variant_id, location_id, onhand) VALUES (?,?,?) "
            "ON CONFLICT(variant_id, location_id) DO UPDATE SET onhand = excluded.onhand",
            (variant_id, location_id, value),
        )


def adjust(conn: sqlite3.Connection, body: Any, *, relative: bool, now: float) -> int:
    """Applies an adjustment (all items or none); returns how many items it touched."""
    _ensure(conn)
    f = Fields(body)
    f.str("reason")
    items = f.list("items", required=True)
    f.done()
    assert items is not None
    if not items or len(items) > MAX_ITEMS:
        raise ApiError(
            422, "Input is invalid", errors={"items": f"give 1 to {MAX_ITEMS} items"}
        )
    changes: list[tuple[int, int, int]] = []
    for n, raw in enumerate(items):
        where = f"items[{n}]"
        row = _variant(conn, raw, where)
        g = Fields({k: v for k, v in raw.items() if k not in ("sku", "variant_id")}, where)
        location_id = g.int("location_id", required=True, minimum=1)
        quantity = g.int("quantity", required=True, minimum=-(10**9))
        g.done()
        assert location_id is not None and quantity is not None
        current = _onhand(conn, int(row["id"]), location_id)
        if relative:
            if current is None:
                raise ApiError(
                    422,
                    f"Items with identity: [variant_id {row['id']}] requires absolute "
                    "adjustment before relative",
                )
            value = current + quantity
        else:
            value = quantity
        if value < 0:
            raise ApiError(
                422, "Input is invalid",
                errors={f"{where}.quantity": f"stock would fall below zero ({current} on hand)"},
            )
        changes.append((int(row["id"]), location_id, value))
    for variant_id, location_id, value in changes:
        _set(conn, variant_id, location_id, value, now)
    return len(changes)


def _ints(text: str | None, name: str) -> list[int] | None:
    if not text:
        return None
    try:
        return [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise ApiError(422, "Input is invalid", errors={name: "comma-separated integers"}
                       ) from None


def items(
    conn: sqlite3.Connection, *, skus: str | None, variant_ids: str | None,
    location_ids: str | None, page: int, limit: int,
) -> tuple[list[dict[str, Any]], int]:
    """(``ItemResponse`` objects of one page, total) for ``GET /v3/inventory/items``."""
    _ensure(conn)
    where: list[str] = []
    args: list[Any] = []
    if skus:
        names = [s for s in skus.split(",") if s]
        where.append(f"sku IN ({','.join('?' * len(names))})")
        args += names
    ids = _ints(variant_ids, "variant_id:in")
    if ids:
        where.append(f"id IN ({','.join('?' * len(ids))})")
        args += ids
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    total = int(conn.execute(f"SELECT COUNT(*) FROM variants{clause}", args).fetchone()[0])  # noqa: S608
    rows = conn.execute(
        f"SELECT id, product_id, sku, inventory_level FROM variants{clause} "  # noqa: S608
        "ORDER BY id LIMIT ? OFFSET ?",
        [*args, limit, (page - 1) * limit],
    ).fetchall()
    wanted = _ints(location_ids, "location_id:in")
    out = []
    for row in rows:
        stock = {DEFAULT_LOCATION: int(row["inventory_level"])}
        for extra in conn.execute(
            "SELECT location_id, onhand FROM location_stock WHERE variant_id = ?", (row["id"],)
        ):
            stock[int(extra["location_id"])] = int(extra["onhand"])
        locations = [
            {
                "location_id": loc,
                "location_code": f"BC-LOCATION-{loc}",
                "location_name": "Default location" if loc == DEFAULT_LOCATION
                else f"Location {loc}",
                "available_to_sell": onhand,
                "total_inventory_onhand": onhand,
                "location_enabled": True,
                "settings": {"safety_stock": 0, "is_in_stock": onhand > 0,
                             "warning_level": 0, "bin_picking_number": ""},
            }
            for loc, onhand in sorted(stock.items())
            if wanted is None or loc in wanted
        ]
        out.append({
            "identity": {"sku": row["sku"], "variant_id": int(row["id"]),
                         "product_id": int(row["product_id"])},
            "locations": locations,
        })
    return out, total

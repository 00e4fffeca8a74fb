"""Consignments: which line items ship where (or are picked up), their shipping option,
and whether a checkout is complete enough to become an order."""

from __future__ import annotations

import sqlite3
import uuid
from typing import Any

from pos.sandbox.addresses import read_address
from pos.sandbox.carts import check_version, held_quantities
from pos.sandbox.errors import ApiError, Fields, not_found
from pos.sandbox.store_rules import PICKUP_METHOD_ID
from pos.sandbox.totals import Totals, shipping_options


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

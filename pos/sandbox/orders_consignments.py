"""An order's consignments as ``GET /v2/orders/{id}`` includes them
(``include=consignments`` or ``include=consignments.line_items``, with
``consignment_structure=object``; orders.v2.oas2.yml, ``orderConsignment_Get``).

The object holds the order's ``pickups``, ``shipping`` consignments, ``downloads`` and
``email`` gift certificates; each lists its ``line_items``: links to the order's products
(``include=consignments``), or the products themselves, each exactly as
``GET /v2/orders/{id}/products`` answers it (``include=consignments.line_items``). A
product in no consignment (a custom item, which needs no fulfilment) is in none of them:
it is read through ``/products``.
"""

from __future__ import annotations

from typing import Any

from pos.sandbox.money import D, num
from pos.sandbox.orders import order_products_v2
from pos.sandbox.store_rules import STORE_ADDRESS, STORE_COUNTRY

__all__ = ["CONSIGNMENT_INCLUDES", "consignments_v2"]

#: The includes of ``GET /v2/orders/{id}`` the sandbox serves (``order_includes``).
CONSIGNMENT_INCLUDES = frozenset({"consignments", "consignments.line_items"})

#: The store's one pickup location (the sandbox store's own address).
PICKUP_LOCATION = {
    "id": 1,
    "name": "Sandbox store",
    "code": "SANDBOX-1",
    "address_line_1": STORE_ADDRESS["address1"],
    "address_line_2": "",
    "city": STORE_ADDRESS["city"],
    "state": STORE_ADDRESS["state_or_province"],
    "postal_code": STORE_ADDRESS["postal_code"],
    "country_alpha2": STORE_COUNTRY,
    "email": "store@example.com",
    "phone": "+1 512-555-0100",
}


def consignments_v2(order_id: int, order: dict[str, Any], base_url: str, *,
                    line_items: bool) -> dict[str, Any]:
    """The ``consignments`` object of order ``order_id``; ``line_items``: the products
    themselves rather than links to them."""
    products = order_products_v2(order_id, order)
    v2_base = f"{base_url}/v2/orders/{order_id}"

    def items(key: str, consignment_id: int) -> list[dict[str, Any]]:
        held = [p for p in products if p[key] == consignment_id]
        if line_items:
            return held
        return [{"url": f"{v2_base}/products/{p['id']}",
                 "resource": f"/orders/{order_id}/products/{p['id']}"} for p in held]

    pickups = [
        {
            "id": pickup["id"],
            "pickup_method_id": pickup["pickup_method_id"],
            "pickup_method_display_name": "Pick Up",
            "collection_instructions": "Ask at the counter.",
            "collection_time_description": "Now",
            "location": dict(PICKUP_LOCATION),
            "line_items": items("order_pickup_method_id", pickup["id"]),
        }
        for pickup in order["pickups"]
    ]
    shipping = []
    for address in order["shipping_addresses"]:
        held = items("order_address_id", address["id"])
        cost = D(address["cost_ex_tax"])
        tax = D(address["cost_tax"])
        shipping.append({
            "id": address["id"],
            **{k: address[k] for k in ("first_name", "last_name", "company", "street_1",
                                       "street_2", "city", "state", "zip", "country",
                                       "country_iso2", "phone", "email")},
            "form_fields": [],
            "shipping_method": address.get("shipping_method", ""),
            "line_items": held,
            "items_total": address.get("items_total", 0),
            "items_shipped": 0,
            "base_cost": num(cost),
            "cost_ex_tax": num(cost),
            "cost_inc_tax": num(cost + tax),
            "cost_tax": num(tax),
            "cost_tax_class_id": 2,
            "base_handling_cost": 0,
            "handling_cost_ex_tax": 0,
            "handling_cost_inc_tax": 0,
            "handling_cost_tax": 0,
            "handling_cost_tax_class_id": 2,
            "shipping_zone_id": 1,
            "shipping_zone_name": "Sandbox",
            "shipping_quotes": {
                "url": f"{v2_base}/consignments/shipping/{address['id']}/shipping_quotes",
                "resource": f"/orders/{order_id}/consignments/shipping/{address['id']}"
                            "/shipping_quotes",
            },
        })
    return {"pickups": pickups, "shipping": shipping, "downloads": [],
            "email": {"gift_certificates": []}}

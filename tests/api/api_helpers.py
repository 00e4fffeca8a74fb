"""Helpers for the client's tests (the fixtures themselves are in conftest.py)."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx
from openapi_support import DOCUMENT_FILES, HttpRecorder, OpenApiValidator, openapi_dir

from pos.api import BigCommerceClient

if TYPE_CHECKING:
    from pos.sandbox.server import SandboxServer

STORE_TOKEN = "store-token-SECRET-0123456789abcdef"
STORE_HASH = "abc123"


class SleepRecorder:
    """Replaces asyncio.sleep in the client: records every wait, waits for none."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def mock_client(
    handler: Callable[[httpx.Request], httpx.Response],
    *,
    sleep: SleepRecorder | None = None,
    **kwargs: Any,
) -> BigCommerceClient:
    """A client whose network is ``handler`` (for answers a real server cannot give)."""
    kwargs.setdefault("max_retries", 2)
    kwargs.setdefault("timeout", 5.0)
    return BigCommerceClient(
        STORE_HASH,
        lambda: STORE_TOKEN,
        api_base_url="https://api.example.test",
        payments_base_url="https://payments.example.test",
        transport=httpx.MockTransport(handler),
        sleep=sleep or SleepRecorder(),
        **kwargs,
    )


def v3(data: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json={"data": data, "meta": {}}, headers=headers)


CHECKOUT = {
    "id": "c0ffee00-0000-4000-8000-000000000001",
    "cart": {
        "id": "c0ffee00-0000-4000-8000-000000000001",
        "customer_id": 0,
        "currency": {"code": "USD"},
        "base_amount": 20,
        "cart_amount_inc_tax": 21.65,
        "cart_amount_ex_tax": 20,
        "line_items": {
            "physical_items": [
                {"id": "6e193ce6-f327-4dcc-b75e-72cf6738525e", "product_id": 1, "quantity": 2,
                 "sku": "SKU-1", "name": "Mug", "list_price": 10, "extended_sale_price": 20,
                 "is_taxable": True}
            ],
            "digital_items": [], "custom_items": [], "gift_certificates": [],
        },
    },
    "billing_address": {"id": "6516f14419a81", "email": "a@b.test", "country_code": "US"},
    "consignments": [
        {
            "id": "6516f1e1a4f2b",
            "address": {"id": 1, "country_code": "US", "email": "a@b.test"},
            "available_shipping_options": [
                {"id": "a2f6", "type": "shipping_pickupinstore", "description": "Pickup",
                 "cost": 0, "transit_time": ""}
            ],
            "selected_shipping_option": None,
            "line_item_ids": ["6e193ce6-f327-4dcc-b75e-72cf6738525e"],
            "shipping_cost_inc_tax": 0,
        }
    ],
    "taxes": [{"name": "Tax", "amount": 1.65}],
    "order_id": None,
    "grand_total": 21.65,
    "subtotal_ex_tax": 20,
    "tax_total": 1.65,
    "some_future_field": {"x": 1},
}


# ---------------------------------------------------------------------------- sandbox sales

TEST_ADDRESS = {
    "first_name": "Jane",
    "last_name": "Doe",
    "email": "jane@example.com",
    "address1": "123 Main Street",
    "city": "Austin",
    "state_or_province": "Texas",
    "state_or_province_code": "TX",
    "country_code": "US",
    "postal_code": "78751",
    "phone": "15125550100",
}

CARD_OK = "4242424242424242"
CARD_DECLINED = "4000000000000002"
CARD_NO_FUNDS = "4000000000009995"
CARD_PENDING = "4000000000000259"


async def sellable(client: Any, quantity: int = 1, count: int = 1) -> list[tuple[int, int]]:
    """(product_id, variant_id) pairs in stock for ``quantity``, read through the client."""
    out: list[tuple[int, int]] = []
    async for product in client.catalog.iter_products(include=["variants"], page_size=50):
        if product.availability == "disabled" or product.is_visible is False:
            continue
        for variant in product.variants or []:
            if variant.purchasing_disabled:
                continue
            if product.inventory_tracking == "product":
                stock = product.inventory_level
            elif product.inventory_tracking == "variant":
                stock = variant.inventory_level
            else:
                stock = None
            if stock is not None and stock < quantity:
                continue
            out.append((product.id, variant.id))
            if len(out) >= count:
                return out
    raise AssertionError("no sellable variant in the sandbox catalogue")


def card(number: str = CARD_OK, cvv: str = "123") -> Any:
    import datetime as dt

    from pos.api.models import Card

    return Card(cardholder_name="Jane Doe", number=number, expiry_month=12,
                expiry_year=dt.date.today().year + 3, verification_value=cvv)


async def checkout_ready(client: Any, quantity: int = 1) -> Any:
    """A cart with one item, billing address, a consignment and a shipping option chosen."""
    from pos.api.models import AddressInput, ConsignmentInput, ConsignmentLineItem, LineItemInput

    ((product_id, variant_id),) = await sellable(client, quantity)
    cart = await client.carts.create(
        [LineItemInput(product_id=product_id, variant_id=variant_id, quantity=quantity)]
    )
    address = AddressInput(**TEST_ADDRESS)
    await client.checkouts.add_billing_address(cart.id, address)
    checkout = await client.checkouts.add_consignments(
        cart.id,
        [ConsignmentInput(
            address=address,
            line_items=[ConsignmentLineItem(item_id=i.id, quantity=i.quantity)
                        for i in cart.line_items.all_items()],
        )],
    )
    consignment = checkout.consignments[0]
    option = consignment.available_shipping_options[0]
    return await client.checkouts.select_shipping_option(cart.id, consignment.id, option.id)


async def placed_order(client: Any) -> tuple[Any, int]:
    checkout = await checkout_ready(client)
    order_id = await client.checkouts.create_order(checkout.id)
    return checkout, order_id


# ---- sandbox-backed clients (used by conftest.py fixtures and by tests directly)

def make_client(store: SandboxServer, recorder: HttpRecorder, **kw: Any) -> BigCommerceClient:
    kw.setdefault("timeout", 5.0)
    kw.setdefault("max_retries", 3)
    kw.setdefault("backoff_initial", 0.01)
    kw.setdefault("backoff_max", 0.05)
    kw.setdefault("trust_env", False)
    return BigCommerceClient(
        store.store_hash,
        lambda: store.token,
        api_base_url=store.api_base_url,
        payments_base_url=store.payments_base_url,
        event_hooks=recorder.async_event_hooks(),
        **kw,
    )


def _validator() -> OpenApiValidator | None:
    directory = openapi_dir()
    if not all((directory / name).is_file() for name in DOCUMENT_FILES):
        return None
    import openapi_support

    return openapi_support.require_openapi()


def assert_requests_valid(recorder: HttpRecorder) -> None:
    validator = _validator()
    if validator is None:
        return
    problems: list[str] = []
    for i, exchange in enumerate(recorder.exchanges):
        problems += [
            f"#{i} {p}"
            for p in validator.request_problems(
                exchange.method, exchange.path, exchange.query,
                exchange.request_headers, exchange.request_json,
            )
        ]
    assert problems == [], "requests that disagree with the OpenAPI documents"


def established_sockets() -> int:
    """Established TCP sockets of this process (Linux: /proc; -1 elsewhere)."""
    fd_dir = f"/proc/{os.getpid()}/fd"
    if not os.path.isdir(fd_dir):
        return -1
    inodes = set()
    for fd in os.listdir(fd_dir):
        try:
            target = os.readlink(f"{fd_dir}/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    count = 0
    for table in ("tcp", "tcp6"):
        try:
            with open(f"/proc/net/{table}") as fh:
                next(fh)
                for line in fh:
                    parts = line.split()
                    state, inode = parts[3], parts[9]
                    if inode in inodes and state == "01":  # ESTABLISHED
                        count += 1
        except OSError:
            continue
    return count



def assert_no_open_sockets(baseline: int = 0) -> None:
    """After a client closes, the process holds no more established connections than
    before it opened (both ends of a loopback connection are in this process; the server
    thread closes its end shortly after ours)."""
    gc.collect()
    deadline = time.monotonic() + 2.0
    while True:
        count = established_sockets()
        if count <= baseline or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert count <= baseline, f"{count - baseline} TCP connections outlived the client"



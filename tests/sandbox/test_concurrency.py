"""Many terminals at once: 20 sales run concurrently against one sandbox, each terminal with
its own httpx.AsyncClient. Stock is never oversold, no order id is used twice, no write lost."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from openapi_support import (
    JSON_HEADERS,
    PAYMENTS_ACCEPT,
    TEST_ADDRESS,
    StoreHttp,
    card,
    sellable_variants,
    stock_of,
)

TERMINALS = 20


@pytest.fixture(scope="module")
def store(sandbox: Any) -> Iterator[StoreHttp]:
    with StoreHttp(sandbox.info) as s:
        yield s


@dataclass
class Sale:
    statuses: list[tuple[str, int]] = field(default_factory=list)
    order_id: int | None = None
    paid: bool = False
    refused_at: str | None = None


async def sell(info: dict[str, Any], items: list[dict[str, Any]]) -> Sale:
    """One terminal's whole sale; stops at the first refusal (4xx), as a clerk would."""
    base = f"{info['api_base_url']}/stores/{info['store_hash']}"
    headers = {**JSON_HEADERS, "X-Auth-Token": info["token"]}
    sale = Sale()
    async with (
        httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as http,
        httpx.AsyncClient(timeout=30) as payments,
    ):

        async def call(step: str, method: str, url: str, body: Any = None, **kw: Any) -> Any:
            content = json.dumps(body).encode() if body is not None else None
            r = await http.request(method, url, content=content, **kw)
            sale.statuses.append((step, r.status_code))
            if r.status_code >= 400:
                sale.refused_at = step
                return None
            return r.json() if r.content else {}

        created = await call("cart", "POST", "/v3/carts", {"line_items": items})
        if created is None:
            return sale
        cart = created["data"]
        cid = cart["id"]
        if (
            await call("billing", "POST", f"/v3/checkouts/{cid}/billing-address", TEST_ADDRESS)
            is None
        ):
            return sale
        lines = [
            {"item_id": i["id"], "quantity": i["quantity"]}
            for i in cart["line_items"]["physical_items"]
        ]
        checkout = await call(
            "consignment",
            "POST",
            f"/v3/checkouts/{cid}/consignments",
            [{"address": TEST_ADDRESS, "line_items": lines}],
            params={"include": "consignments.available_shipping_options"},
        )
        if checkout is None:
            return sale
        consignment = checkout["data"]["consignments"][0]
        option = consignment["available_shipping_options"][0]
        if (
            await call(
                "shipping",
                "PUT",
                f"/v3/checkouts/{cid}/consignments/{consignment['id']}",
                {"shipping_option_id": option["id"]},
            )
            is None
        ):
            return sale
        order = await call("order", "POST", f"/v3/checkouts/{cid}/orders")
        if order is None:
            return sale
        sale.order_id = int(order["data"]["id"])
        methods = await call(
            "methods", "GET", "/v3/payments/methods", params={"order_id": sale.order_id}
        )
        if methods is None:
            return sale
        method = next(m for m in methods["data"] if m["type"] == "card")
        token = await call(
            "token", "POST", "/v3/payments/access_tokens", {"order": {"id": sale.order_id}}
        )
        if token is None:
            return sale
        r = await payments.post(
            f"{info['payments_base_url']}/stores/{info['store_hash']}/payments",
            content=json.dumps(
                {
                    "payment": {
                        "instrument": card("4242424242424242"),
                        "payment_method_id": method["id"],
                    }
                }
            ).encode(),
            headers={
                "Authorization": f"PAT {token['data']['id']}",
                "Accept": PAYMENTS_ACCEPT,
                "Content-Type": "application/json",
            },
        )
        sale.statuses.append(("payment", r.status_code))
        if r.status_code == 201 and r.json()["data"]["status"] == "success":
            sale.paid = True
        else:
            sale.refused_at = "payment"
    return sale


def current_stock(store: StoreHttp, product_id: int, variant_id: int) -> int:
    r = store.get(f"/v3/catalog/products/{product_id}", params={"include": "variants"})
    level = stock_of(r.json()["data"], variant_id)
    assert level is not None
    return level


async def run_sales(info: dict[str, Any], items: list[dict[str, Any]]) -> list[Sale]:
    return list(await asyncio.gather(*(sell(info, items) for _ in range(TERMINALS))))


def check_no_server_errors(sales: list[Sale]) -> None:
    errors = [(step, s) for sale in sales for step, s in sale.statuses if s >= 500 or s == 429]
    assert errors == []
    ids = [s.order_id for s in sales if s.order_id is not None]
    assert len(ids) == len(set(ids)), f"order ids reused: {sorted(ids)}"


async def test_twenty_terminals_never_oversell(store: StoreHttp, clean_faults: Any) -> None:
    store.configure(rate_limit_quota=100_000, rate_limit_window_ms=30_000)
    pairs = sellable_variants(store.products(), min_stock=2)
    pairs.sort(key=lambda pv: stock_of(pv[0], pv[1]["id"]) or 0)
    product, variant = pairs[len(pairs) // 10]  # one of the scarcer ones, not touched elsewhere
    initial = current_stock(store, product["id"], variant["id"])
    quantity = initial // TERMINALS + 1  # together the terminals want more than there is
    items = [{"product_id": product["id"], "variant_id": variant["id"], "quantity": quantity}]

    sales = await run_sales(store.info, items)

    check_no_server_errors(sales)
    paid = [s for s in sales if s.paid]
    assert paid, [s.statuses for s in sales]
    final = current_stock(store, product["id"], variant["id"])
    assert len(paid) * quantity <= initial
    assert final == initial - len(paid) * quantity >= 0
    refused = [s for s in sales if not s.paid]
    assert refused, "more was sold than the stock allowed"
    for sale in refused:
        assert sale.refused_at is not None
        assert all(s < 500 for _, s in sale.statuses)


async def test_twenty_terminals_lose_no_sale(store: StoreHttp, clean_faults: Any) -> None:
    store.configure(rate_limit_quota=100_000, rate_limit_window_ms=30_000)
    pairs = sellable_variants(store.products(), min_stock=TERMINALS * 2)
    assert pairs, "no variant with stock for 40"
    product, variant = pairs[-1]
    initial = current_stock(store, product["id"], variant["id"])
    items = [{"product_id": product["id"], "variant_id": variant["id"], "quantity": 1}]

    sales = await run_sales(store.info, items)

    check_no_server_errors(sales)
    assert [s.refused_at for s in sales] == [None] * TERMINALS, [s.statuses for s in sales]
    assert current_stock(store, product["id"], variant["id"]) == initial - TERMINALS
    for sale in sales:
        assert sale.order_id is not None
        assert store.v2_order(sale.order_id)["status_id"] == 11

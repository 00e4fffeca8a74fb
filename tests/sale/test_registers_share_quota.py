"""Five registers of one store selling at the same time at a real store's rate (150
requests per 30 s; here 15 per 3 s, the same ratio, to keep the test short): every sale is
paid exactly once, no 429 reaches a clerk, and the store's window never serves more than its
quota. The sales' own calls go before the catalogue sync's."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
from test_sale_support import ADDRESS, VISA_OK

from pos.composition import build_engine, demo_profile
from pos.sale.cards import CardDetails
from pos.sale.records import ConsignmentPlan, NewCard
from pos.sandbox.server import SandboxServer

if TYPE_CHECKING:
    from conftest import SandboxFactory

QUOTA, WINDOW_MS = 50, 10_000
REGISTERS = 5


class CountingNetwork(httpx.AsyncBaseTransport):
    """The real network, counting the store's answers by status."""

    def __init__(self) -> None:
        self.network = httpx.AsyncHTTPTransport()
        self.statuses: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.network.handle_async_request(request)
        self.statuses.append(response.status_code)
        return response

    async def aclose(self) -> None:
        await self.network.aclose()


async def skus(store: SandboxServer) -> list[str]:
    async with httpx.AsyncClient() as admin:
        r = await admin.get(
            f"{store.api_base_url}/stores/{store.store_hash}/v3/catalog/products",
            params={"include": "variants", "limit": 50},
            headers={"X-Auth-Token": store.token, "Accept": "application/json"},
        )
    found: list[str] = []
    for product in r.json()["data"]:
        for variant in product["variants"]:
            if variant.get("sku") and (variant.get("inventory_level") or 0) > 20 \
                    and not variant.get("purchasing_disabled"):
                found.append(variant["sku"])
    return found


async def test_five_registers_sell_at_the_store_quota(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    store = sandbox_factory(seed=12, catalog_size=60, rate_limit_quota=QUOTA,
                            rate_limit_window_ms=WINDOW_MS)
    store.configure(rate_limit_quota=1_000_000)
    codes = await skus(store)
    store.configure(rate_limit_quota=QUOTA, rate_limit_window_ms=WINDOW_MS)
    networks = [CountingNetwork() for _ in range(REGISTERS)]
    engines = [
        build_engine(demo_profile(store), store.token, tmp_path / f"register{n}",
                     transport=networks[n], catalog_interval=3600)
        for n in range(REGISTERS)
    ]

    async def ring(n: int) -> int:
        sale = engines[n].new_sale()
        try:
            await sale.add_item(codes[2 * n])
            await sale.add_item(codes[2 * n + 1])
            await sale.set_customer(None)
            await sale.set_billing_address(ADDRESS)
            await sale.set_fulfilment(
                [ConsignmentPlan("pickup", {ln.id: ln.quantity for ln in sale.lines})])
            await sale.prepare_payment()
            result = await sale.charge(NewCard(CardDetails(VISA_OK, "123", 12, 2031, "Ana")))
            assert result.outcome == "paid", result
            assert result.order_id is not None
            return result.order_id
        finally:
            await sale.aclose()

    try:
        # Any error (a RateLimited among them) would reach the clerk: gather raises it.
        orders = await asyncio.gather(*(ring(n) for n in range(REGISTERS)))
    finally:
        for engine in engines:
            await engine.close()
    store.configure(rate_limit_quota=1_000_000)
    try:
        async with httpx.AsyncClient() as admin:
            for order_id in orders:
                r = await admin.get(
                    f"{store.api_base_url}/stores/{store.store_hash}/v3/orders/{order_id}"
                    "/transactions",
                    headers={"X-Auth-Token": store.token, "Accept": "application/json"},
                )
                taken = [t for t in r.json()["data"] if t["event"] == "purchase"]
                assert len(taken) == 1, order_id
    finally:
        store.configure(rate_limit_quota=QUOTA, rate_limit_window_ms=WINDOW_MS)
    assert len(set(orders)) == REGISTERS
    # The registers spread their calls: the store never had to refuse one.
    refused = sum(s == 429 for n in networks for s in n.statuses)
    assert refused == 0, f"{refused} calls refused by the store's limiter"

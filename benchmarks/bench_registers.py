"""Several registers of one store selling at once at a real store's rate limit.

    python benchmarks/bench_registers.py [--registers 5] [--seconds 60] [--latency-ms 150]
        [--quota 150] [--window-ms 30000]

Runs an in-process sandbox store with the real default quota (150 requests per 30 s, shared
by every register) and ``--registers`` engines (``pos.composition.build_engine``), each
ringing pickup sales (2 items, guest, new card) back to back for ``--seconds``. It prints the
paid sales per minute the store sustains, the calls the store refused (429) and the ones a
clerk saw. Target: no 429 reaches a clerk and the quota is never exceeded (the client
spreads its calls by the ``X-Rate-Limit-*`` headers). Before the transport spread its calls,
registers ran into the limiter and waited out whole windows.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

import httpx

from pos.composition import build_engine, demo_profile
from pos.sale.cards import CardDetails
from pos.sale.records import ConsignmentPlan, NewCard
from pos.sandbox.server import SandboxServer

ADDRESS = {
    "first_name": "Ana", "last_name": "Diaz", "email": "ana@example.com",
    "address1": "1 Main St", "city": "Austin", "state_or_province": "Texas",
    "state_or_province_code": "TX", "country_code": "US", "postal_code": "78701",
}


class CountingNetwork(httpx.AsyncBaseTransport):
    def __init__(self) -> None:
        self.network = httpx.AsyncHTTPTransport()
        self.statuses: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.network.handle_async_request(request)
        self.statuses.append(response.status_code)
        return response

    async def aclose(self) -> None:
        await self.network.aclose()


def sellable(store: SandboxServer, count: int) -> list[str]:
    r = httpx.get(
        f"{store.api_base_url}/stores/{store.store_hash}/v3/catalog/products",
        params={"include": "variants", "limit": 250},
        headers={"X-Auth-Token": store.token, "Accept": "application/json"},
    )
    found = [
        v["sku"] for p in r.json()["data"] for v in p["variants"]
        if v.get("sku") and (v.get("inventory_level") or 0) > 50
        and not v.get("purchasing_disabled")
    ]
    return (found * (count // max(len(found), 1) + 1))[:count]


async def run(args: argparse.Namespace, data: Path) -> None:
    store = SandboxServer(seed=3, catalog_size=300, latency_ms=args.latency_ms,
                          rate_limit_quota=1_000_000)
    with store:
        codes = sellable(store, 400)
        store.configure(rate_limit_quota=args.quota, rate_limit_window_ms=args.window_ms)
        networks = [CountingNetwork() for _ in range(args.registers)]
        engines = [build_engine(demo_profile(store), store.token, data / f"r{n}",
                                transport=networks[n], catalog_interval=3600)
                   for n in range(args.registers)]
        paid: list[int] = []
        clerk_errors: list[str] = []
        deadline = time.monotonic() + args.seconds

        async def register(n: int) -> None:
            turn = 0
            while time.monotonic() < deadline:
                sale = engines[n].new_sale()
                try:
                    for k in range(2):
                        await sale.add_item(codes[(n * 37 + turn * 2 + k) % len(codes)])
                    await sale.set_customer(None)
                    await sale.set_billing_address(ADDRESS)
                    await sale.set_fulfilment(
                        [ConsignmentPlan("pickup", {ln.id: ln.quantity for ln in sale.lines})])
                    await sale.prepare_payment()
                    result = await sale.charge(
                        NewCard(CardDetails("4242424242424242", "123", 12, 2031, "Ana")))
                    if result.outcome == "paid" and result.order_id is not None:
                        paid.append(result.order_id)
                    else:
                        clerk_errors.append(result.outcome)
                except Exception as exc:  # what the clerk would see
                    clerk_errors.append(type(exc).__name__)
                finally:
                    await sale.aclose()
                turn += 1

        started = time.monotonic()
        await asyncio.gather(*(register(n) for n in range(args.registers)))
        elapsed = time.monotonic() - started
        for engine in engines:
            await engine.close()
    refused = sum(s == 429 for n in networks for s in n.statuses)
    calls = sum(len(n.statuses) for n in networks)
    per_minute = len(paid) * 60 / elapsed
    quota_per_minute = args.quota * 60_000 / args.window_ms
    print(f"{args.registers} registers, one store at {args.quota} requests / "
          f"{args.window_ms / 1000:g} s, round trip {args.latency_ms} ms, {elapsed:.0f} s")
    print(f"  {'':34} {'target':>22} | {'before':>18} | {'measured':>10}")
    print(f"  {'paid sales per minute':34} {'printed':>22} | {'not measured':>18} | "
          f"{per_minute:>10.1f}")
    print(f"  {'calls per paid sale (store count)':34} {'≤ 8':>22} | {'10+':>18} | "
          f"{calls / max(len(paid), 1):>10.1f}")
    print(f"  {'calls refused by the store (429)':34} {'0':>22} | {'not measured':>18} | "
          f"{refused:>10}")
    print(f"  {'errors a clerk saw':34} {'0':>22} | {'not measured':>18} | "
          f"{len(clerk_errors):>10}")
    print(f"  (the quota allows {quota_per_minute:.0f} calls a minute: at most "
          f"{quota_per_minute / max(calls / max(len(paid), 1), 1):.1f} sales a minute at "
          f"this many calls per sale)")
    if clerk_errors:
        print(f"  clerk errors: {sorted(set(clerk_errors))}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--registers", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--latency-ms", type=int, default=150)
    parser.add_argument("--quota", type=int, default=150)
    parser.add_argument("--window-ms", type=int, default=30_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(run(args, Path(tmp)))


if __name__ == "__main__":
    main()

"""Cart calls for a basket scanned at scanner speed, and the time from a scan to its line.

    python benchmarks/bench_scans.py [--latency-ms 150] [--gap-ms 80] [--items 2,20,60]

Runs an in-process sandbox store with ``--latency-ms`` added to every request and a local
catalogue synced from it, then scans baskets of 2, 20 and 60 items one every ``--gap-ms``
(a scanner's pace) two ways, counting the cart calls the store receives (``POST
/v3/carts`` and ``POST /v3/carts/{id}/items``, plus any ``PUT`` of a cart line):

* **scan** (today): ``Sale.scan`` keeps each scan as a pending line at once, from the local
  catalogue; the scans that arrive while a cart call is in flight go to the store together
  in the next call (the ``line_items`` array).
* **one per scan** (before): ``Sale.add_item`` for each scan in turn, as the Items page
  used to queue them: one cart call per scan.

Targets: far fewer cart calls than items (e.g. far fewer than 20 for 20), and scan to line
on screen within one frame (16 ms), from the local catalogue.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from pos.api.client import BigCommerceClient
from pos.sale import Sale, SaleSettings
from pos.sale.catalog_cache import CatalogCache, CatalogSync
from pos.sale.journal import Journal
from pos.sandbox.server import SandboxServer


class CartCalls:
    """Counts the cart writes a client sends (an httpx event hook)."""

    def __init__(self) -> None:
        self.count = 0

    async def __call__(self, request: httpx.Request) -> None:
        path = request.url.path.split("/v3/", 1)[-1]
        if path.startswith("carts") and request.method in ("POST", "PUT"):
            self.count += 1


def client_for(store: SandboxServer, hook: CartCalls) -> BigCommerceClient:
    token = store.token
    return BigCommerceClient(store.store_hash, lambda: token, api_base_url=store.api_base_url,
                             payments_base_url=store.payments_base_url,
                             event_hooks={"request": [hook]})


async def sync(client: BigCommerceClient, cache: CatalogCache) -> None:
    async def fetch_page(page: int, since: Any) -> tuple[list[dict[str, Any]], int]:
        result = await client.catalog.list_products(include=["variants"], page=page,
                                                    limit=250, filters={"sort": "id"})
        pages = (result.pagination.total_pages if result.pagination else None) or 1
        return [p.model_dump(mode="json", by_alias=True) for p in result.items], pages

    await CatalogSync(cache, fetch_page).sync(full=True)


async def codes(client: BigCommerceClient, cache: CatalogCache, count: int) -> list[str]:
    """``count`` SKUs of stocked items named by their SKU alone (repeats when fewer)."""
    found: list[str] = []
    page = 1
    while True:
        result = await client.catalog.list_products(include=["variants"], page=page, limit=250)
        for product in result.items:
            for variant in product.variants or []:
                if (variant.sku and not variant.purchasing_disabled
                        and (product.inventory_tracking or "none") != "none"
                        and (variant.inventory_level or 0) >= 10
                        and len(cache.by_code(variant.sku)) == 1):
                    found.append(variant.sku)
                    break
        if not result.pagination or page >= (result.pagination.total_pages or 1):
            break
        page += 1
    if not found:
        raise SystemExit("the store has no stocked items")
    return [found[i % len(found)] for i in range(count)]


async def basket(store: SandboxServer, cache: CatalogCache, folder: Path, items: list[str],
                 gap: float, *, coalesce: bool) -> tuple[int, list[float]]:
    hook = CartCalls()
    async with client_for(store, hook) as client:
        with Journal(folder / f"journal-{coalesce}-{len(items)}.sqlite3") as journal:
            sale = Sale(client, journal, SaleSettings(), catalog=cache)
            shown: list[float] = []
            try:
                if coalesce:
                    for code in items:
                        started = time.perf_counter()
                        await sale.scan(code)
                        shown.append(time.perf_counter() - started)
                        await asyncio.sleep(gap)  # the next scan comes from the scanner
                    await sale.scans_settled()
                else:
                    queue: asyncio.Queue[str] = asyncio.Queue()

                    async def scanner() -> None:
                        for code in items:
                            queue.put_nowait(code)
                            await asyncio.sleep(gap)

                    feeding = asyncio.ensure_future(scanner())
                    for _ in items:  # one call per scan, in turn
                        await sale.add_item(await queue.get())
                    await feeding
                assert sum(ln.quantity for ln in sale.lines) == len(items)
            finally:
                await sale.abandon()
                await sale.aclose()
    return hook.count, shown


async def run(args: argparse.Namespace) -> int:
    sizes = [int(n) for n in args.items.split(",")]
    with tempfile.TemporaryDirectory(prefix="pos-bench-scans-") as name:
        folder = Path(name)
        with SandboxServer(catalog_size=args.products, rate_limit_quota=1_000_000) as store:
            cache = CatalogCache(folder / "catalog.sqlite3")
            try:
                hook = CartCalls()
                async with client_for(store, hook) as client:
                    await sync(client, cache)
                    skus = await codes(client, cache, max(sizes))
                store.configure(latency_ms=args.latency_ms)
                print(f"latency {args.latency_ms} ms per request, one scan every "
                      f"{args.gap_ms} ms")
                print(f"{'items':>5} {'cart calls (scan)':>18} {'one per scan (before)':>22} "
                      f"{'target':>22} {'scan→line p95 ms':>17}")
                every: list[float] = []
                for size in sizes:
                    gap = args.gap_ms / 1000
                    now, shown = await basket(store, cache, folder, skus[:size], gap,
                                              coalesce=True)
                    before, _ = await basket(store, cache, folder, skus[:size], gap,
                                             coalesce=False)
                    every += shown
                    p95 = statistics.quantiles(shown, n=20)[-1] if len(shown) > 1 else shown[0]
                    print(f"{size:>5} {now:>18} {before:>22} "
                          f"{'far fewer than ' + str(size):>22} {p95 * 1000:>17.2f}")
                worst = max(every) * 1000
                print(f"scan → pending line: worst {worst:.2f} ms (target under 16 ms, one "
                      "frame)")
            finally:
                cache.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=int, default=150)
    parser.add_argument("--gap-ms", type=int, default=80)
    parser.add_argument("--items", default="2,20,60")
    parser.add_argument("--products", type=int, default=120)
    args = parser.parse_args(argv)
    try:
        sizes = [int(n) for n in args.items.split(",")]
    except ValueError:
        parser.error("--items is a list of whole numbers, such as 2,20,60")
    if any(n < 1 for n in sizes) or args.latency_ms < 0 or args.gap_ms < 0 or not (
            1 <= args.products <= 100_000):
        parser.error("--items must be positive; --latency-ms and --gap-ms not negative; "
                     "--products 1 to 100000")
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())

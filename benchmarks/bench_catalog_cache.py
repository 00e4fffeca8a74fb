"""Scan and search times of the local catalogue cache on a register-sized catalogue.

    python benchmarks/bench_catalog_cache.py [--products 100000] [--queries 500]
    python benchmarks/bench_catalog_cache.py --variants 1000000 [--sync-seconds 75]

Builds a temporary cache of N products (one variant each, plus every tenth product with
three size variants), then times scan lookups (`by_code` by SKU and by UPC, hits and
misses) and keyword searches as a clerk types them (each prefix of a few real queries),
and prints p50 / p95 / max in milliseconds. Targets: scan under 10 ms, search p95 under
50 ms.

``--variants N`` builds about N variants (N / 1.2 products) and also prints the cache's
size on disk, and the time of a full first sync under a real store's rate limit: a sandbox
store with about N variants (its demo data) is made, then the register's sync
(:class:`pos.sale.catalog_cache.CatalogSync`, 250 products a page, the client's background
calls, which use the upper half of the quota and leave the rest to sales) runs against it
at 150 requests / 30 s for ``--sync-seconds``. The full sync's time is extrapolated from the
pages synced in that time (a full sync of a million variants takes several minutes, too
long for a benchmark run); the output says so.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pos.sale.catalog_cache import CatalogCache, CatalogSync

#: Variants a product of the sandbox's demo catalogue has, on average (measured: 333,000
#: products make 1,019,470 variants).
SANDBOX_VARIANTS_PER_PRODUCT = 3.06

ADJECTIVES = ["Red", "Blue", "Green", "Black", "White", "Classic", "Deluxe", "Organic",
              "Wooden", "Steel", "Vintage", "Modern", "Premium", "Cotton", "Leather"]  # fmt: skip
NOUNS = ["Shirt", "Mug", "Lamp", "Chair", "Sock", "Hat", "Bag", "Bottle", "Scarf", "Candle",
         "Bowl", "Plate", "Notebook", "Watch", "Belt", "Glove", "Towel", "Jacket"]  # fmt: skip
BRANDS = ["Acme", "Potter & Co", "Northwind", "Globex", "Initech", "Umbrella", "Hooli"]


def catalogue(n: int, rnd: random.Random) -> Iterator[dict[str, Any]]:
    for i in range(1, n + 1):
        name = f"{rnd.choice(ADJECTIVES)} {rnd.choice(ADJECTIVES)} {rnd.choice(NOUNS)} {i}"
        variants: list[dict[str, Any]]
        if i % 10 == 0:
            variants = [
                {"id": i * 10 + k, "sku": f"P{i:06d}-{size}", "upc": f"{i * 10 + k:012d}",
                 "option_values": [{"id": k, "label": size, "option_id": 1,
                                    "option_display_name": "Size"}]}
                for k, size in enumerate(("S", "M", "L"))
            ]  # fmt: skip
        else:
            variants = [{"id": i * 10, "sku": f"P{i:06d}", "upc": f"{i * 10:012d}",
                         "option_values": []}]  # fmt: skip
        yield {
            "id": i,
            "name": name,
            "sku": f"P{i:06d}",
            "brand_name": rnd.choice(BRANDS),
            "price": f"{rnd.randint(1, 200)}.99",
            "inventory_tracking": "variant",
            "date_modified": "2026-11-01T00:00:00+00:00",
            "variants": variants,
        }


def timed(fn: Callable[[str], object], arg: str) -> float:
    start = time.perf_counter()
    fn(arg)
    return (time.perf_counter() - start) * 1000


def pct(samples: list[float], q: int) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q / 100))]


def row(label: str, samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return (
        f"| {label:<34} | {len(samples):>6} | {statistics.median(samples):>8.3f} |"
        f" {p95:>8.3f} | {samples[-1]:>8.3f} |"
    )


def first_sync(variants: int, seconds: float, folder: Path) -> dict[str, float]:
    """A sandbox store of about ``variants`` variants at a real store's rate limit, and the
    register's full first sync run against it for ``seconds``: what it took and did."""
    from pos.sandbox.server import SandboxServer

    products = max(1, round(variants / SANDBOX_VARIANTS_PER_PRODUCT))
    started = time.perf_counter()
    with SandboxServer(db_path=folder / "store.sqlite3", seed=1,
                       catalog_size=products) as store:
        made = time.perf_counter() - started
        store_size = sum(f.stat().st_size for f in folder.glob("store.sqlite3*"))
        report = asyncio.run(sync_for(store, seconds, folder / "catalog.sqlite3"))
    return {"products": products, "made": made, "store_size": store_size, **report}


async def sync_for(store: Any, seconds: float, path: Path) -> dict[str, float]:
    """The register's full sync against ``store`` for at most ``seconds``."""
    from pos.api.client import BigCommerceClient

    token = store.token
    pages_seen = 0
    total_pages = 0
    async with BigCommerceClient(store.store_hash, lambda: token,
                                 api_base_url=store.api_base_url,
                                 payments_base_url=store.payments_base_url) as client:
        cache = await asyncio.to_thread(CatalogCache, path)

        async def fetch_page(page: int, since: dt.datetime | None) -> tuple[
                list[dict[str, Any]], int]:
            # As the register's composition fetches: background calls, 250 a page.
            nonlocal pages_seen, total_pages
            result = await client.with_options(background=True).catalog.list_products(
                include=["variants"], page=page, limit=250, filters={"sort": "id"})
            pages_seen += 1
            total_pages = (result.pagination.total_pages if result.pagination else 1) or 1
            return [p.model_dump(mode="json", by_alias=True) for p in result.items], \
                total_pages

        sync = CatalogSync(cache, fetch_page)
        begun = time.perf_counter()
        try:
            await asyncio.wait_for(sync.sync(full=True), timeout=seconds)
            finished = True
        except TimeoutError:
            finished = False
        ran = time.perf_counter() - begun
        synced_variants = await asyncio.to_thread(cache.item_count)
        await asyncio.to_thread(cache.close)
    return {"pages": pages_seen, "total_pages": total_pages, "ran": ran,
            "finished": float(finished), "synced_variants": synced_variants}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--variants", type=int, default=0)
    parser.add_argument("--sync-seconds", type=float, default=75.0,
                        help="how long the full first sync runs against the sandbox store "
                        "(with --variants; 0: skip it)")
    args = parser.parse_args()
    rnd = random.Random(20261127)
    n = args.products if args.variants <= 0 else max(1, round(args.variants / 1.2))

    with tempfile.TemporaryDirectory() as tmp:
        cache = CatalogCache(Path(tmp) / "catalog.sqlite3")
        start = time.perf_counter()
        cache.upsert_products(catalogue(n, rnd))
        build = (time.perf_counter() - start) * 1000
        variants = cache.item_count()
        print(f"{n} products, {variants} variants, built in {build / 1000:.1f} s\n")

        ids = [rnd.randint(1, n) for _ in range(args.queries)]
        scan_sku = [timed(cache.by_code, f"P{i:06d}") for i in ids]
        scan_upc = [timed(cache.by_code, f"{i * 10:012d}") for i in ids]
        scan_miss = [timed(cache.by_code, f"X{i:09d}") for i in ids]

        typed: list[str] = []
        for _ in range(max(1, args.queries // 20)):
            phrase = f"{rnd.choice(ADJECTIVES)} {rnd.choice(NOUNS)}".lower()
            typed += [phrase[:k] for k in range(1, len(phrase) + 1) if phrase[k - 1] != " "]
        search_typing = [timed(cache.search, q) for q in typed]
        search_two_plus = [timed(cache.search, q) for q in typed if len(q.strip()) >= 2]
        search_sku = [timed(cache.search, f"P{i:06d}"[:5]) for i in ids[:100]]

        print("| lookup (ms)                        |      n |      p50 |      p95 |      max |")
        print("|------------------------------------|-------:|---------:|---------:|---------:|")
        print(row("scan: SKU (by_code)", scan_sku))
        print(row("scan: UPC (by_code)", scan_upc))
        print(row("scan: unknown code", scan_miss))
        print(row("search: every keystroke", search_typing))
        print(row("search: 2+ characters typed", search_two_plus))
        print(row("search: SKU prefix", search_sku))
        cache.close()
        disk = sum(f.stat().st_size for f in Path(tmp).iterdir())

    sync: dict[str, float] | None = None
    if args.variants > 0 and args.sync_seconds > 0:
        with tempfile.TemporaryDirectory() as tmp:
            sync = first_sync(args.variants, args.sync_seconds, Path(tmp))

    big = args.variants >= 900_000
    print()
    print(f"| target ({variants:,} variants){' ' * max(0, 14 - len(f'{variants:,}'))}"
          f"| before (999,999 variants)        | measured |")
    print("|--------------------------------------|----------------------------------|---------|")
    print(f"| scan < 10 ms (p95)                   | 0.10 ms                          | "
          f"{max(pct(scan_sku, 95), pct(scan_upc, 95)):.2f} ms |")
    print(f"| search as you type p95 < 50 ms       | 1,359 ms (2+ characters: 542 ms) | "
          f"{pct(search_typing, 95):.2f} ms (2+ characters: {pct(search_two_plus, 95):.2f} ms)"
          " |")
    print(f"| cache size on disk: printed          | 348 MiB                          | "
          f"{disk / 2**20:.0f} MiB |")
    if sync is not None:
        pages = sync["total_pages"]
        rate = sync["pages"] / sync["ran"] if sync["ran"] > 0 else 0.0
        if sync["finished"]:
            full = f"{sync['ran'] / 60:.1f} min (synced in full: {pages:.0f} pages)"
        else:
            estimate = pages / rate if rate > 0 else float("inf")
            full = (f"about {estimate / 60:.0f} min: ESTIMATED from {sync['pages']:.0f} of "
                    f"{pages:.0f} pages synced in {sync['ran']:.0f} s ({rate:.2f} pages/s, "
                    f"{sync['synced_variants']:,.0f} variants written), not synced in full")
        print(f"| full first sync at 150/30 s: printed | about 31 min (extrapolated from   | "
              f"{full} |")
        print("|                                      | write time, no store)            |"
              "         |")
        print(f"| sandbox demo data of {sync['products']:,.0f} products     |"
              f" at most 100,000 products          | made in {sync['made']:.0f} s, "
              f"{sync['store_size'] / 2**20:.0f} MiB |")
    elif big:
        print("| full first sync at 150/30 s: printed | about 31 min                     | "
              "not run (--sync-seconds 0) |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

"""Scan and search times of the local catalogue cache on a register-sized catalogue.

    python benchmarks/bench_catalog_cache.py [--products 100000] [--queries 500]
    python benchmarks/bench_catalog_cache.py --variants 1000000

``--variants N`` builds about N variants (N / 1.2 products) and also prints the cache's size
on disk and the time a full first sync takes under a real store's rate limit, worked out from
the pages it needs (250 products a page, one call each; the sync uses the upper half of the
150 requests / 30 s quota and gives the rest to sales: 2.5 pages a second) and the measured
time to write them: an extrapolation, not a sync against a store.

Builds a temporary cache of N products (one variant each, plus every tenth product with
three size variants), then times scan lookups (`by_code` by SKU and by UPC, hits and
misses) and keyword searches as a clerk types them (each prefix of a few real queries),
and prints p50 / p95 / max in milliseconds. Targets: scan under 10 ms, search p95 under
50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pos.sale.catalog_cache import CatalogCache

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--variants", type=int, default=0)
    args = parser.parse_args()
    rnd = random.Random(20261127)
    n = args.products if args.variants <= 0 else max(1, round(args.variants / 1.2))

    with tempfile.TemporaryDirectory() as tmp:
        cache = CatalogCache(Path(tmp) / "catalog.sqlite3")
        start = time.perf_counter()
        cache.upsert_products(catalogue(n, rnd))
        build = (time.perf_counter() - start) * 1000
        print(f"{n} products, {cache.item_count()} variants, built in {build / 1000:.1f} s\n")

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
        pages = -(-n // 250)
        quota_rate = 150 / 30 * 0.5  # pages a second the sync may use
        sync_s = pages / quota_rate + build / 1000
        print()
        print("| target                               | today's (100,000 products) | measured |")
        print("|--------------------------------------|-----------------------------|---------|")
        print(f"| scan < 10 ms (p95)                   | 0.04 ms                     | "
              f"{pct(scan_sku, 95):.2f} ms |")
        print(f"| search as you type p95 < 50 ms       | (not printed)               | "
              f"{pct(search_typing, 95):.2f} ms |")
        print(f"| size on disk: printed                | (not printed)               | "
              f"{disk / 2**20:.0f} MiB |")
        print(f"| full first sync at 150/30 s: printed | (not printed)               | "
              f"{sync_s / 60:.1f} min ({pages} pages; extrapolated) |")


if __name__ == "__main__":
    main()

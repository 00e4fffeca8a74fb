"""The local catalogue: products and variants, scan lookups, search as you type, sync."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pos.sale.catalog_cache import CatalogCache, CatalogSync, search_query

T0 = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


def shirt(**changes: Any) -> dict[str, Any]:
    product: dict[str, Any] = {
        "id": 111,
        "name": "Classic Café Shirt",
        "sku": "SHIRT",
        "upc": "",
        "brand_id": 7,
        "price": "25.0000",
        "sale_price": 0,
        "calculated_price": 25,
        "inventory_tracking": "variant",
        "inventory_level": 30,
        "is_visible": True,
        "availability": "available",
        "date_modified": "2026-11-20T10:00:00+00:00",
        "primary_image": {"url_thumbnail": "https://cdn.example/shirt-thumb.jpg"},
        "variants": [
            {
                "id": 1001,
                "product_id": 111,
                "sku": "SHIRT-RED-L",
                "upc": "012345678905",
                "price": None,
                "sale_price": None,
                "calculated_price": 25.0,
                "inventory_level": 10,
                "purchasing_disabled": False,
                "purchasing_disabled_message": "",
                "image_url": "",
                "option_values": [
                    {"id": 1, "label": "Red", "option_id": 5, "option_display_name": "Colour"},
                    {"id": 2, "label": "L", "option_id": 6, "option_display_name": "Size"},
                ],
            },
            {
                "id": 1002,
                "product_id": 111,
                "sku": "SHIRT-BLUE-M",
                "upc": "4006381333931",
                "price": "27.50",
                "sale_price": "22.00",
                "calculated_price": "22.00",
                "inventory_level": 0,
                "purchasing_disabled": True,
                "purchasing_disabled_message": "Back in spring",
                "image_url": "https://cdn.example/blue.jpg",
                "option_values": [
                    {"id": 3, "label": "Blue", "option_id": 5, "option_display_name": "Colour"},
                    {"id": 4, "label": "M", "option_id": 6, "option_display_name": "Size"},
                ],
            },
        ],
    }
    product.update(changes)
    return product


def mug(product_id: int = 222, name: str = "Stoneware Mug", **changes: Any) -> dict[str, Any]:
    product: dict[str, Any] = {
        "id": product_id,
        "name": name,
        "sku": f"MUG-{product_id}",
        "upc": f"{product_id:012d}",
        "brand_name": "Potter & Co",
        "price": 12.5,
        "inventory_tracking": "product",
        "inventory_level": 4,
        "date_modified": "2026-11-21T10:00:00+00:00",
        "variants": [
            {
                "id": product_id * 10,
                "product_id": product_id,
                "sku": f"MUG-{product_id}",
                "upc": None,
                "price": None,
                "option_values": [],
            }
        ],
    }
    product.update(changes)
    return product


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[CatalogCache]:
    c = CatalogCache(tmp_path / "profile" / "catalog.sqlite3")
    yield c
    c.close()


def test_products_and_variants_are_stored(cache: CatalogCache) -> None:
    assert cache.upsert_products([shirt(), mug()], brand_names={7: "Acme"}) == 2
    assert cache.count() == 2
    assert cache.item_count() == 3
    red, blue = cache.get(111)
    assert red.variant_id == 1001 and red.variant_label == "Red / L"
    assert red.display_name == "Classic Café Shirt — Red / L"
    assert red.price == Decimal("25.0000")  # the product's price when the variant has none
    assert red.calculated_price == Decimal("25.0")
    assert red.inventory_level == 10 and not red.out_of_stock
    assert red.brand == "Acme"
    assert red.image_url == "https://cdn.example/shirt-thumb.jpg"
    assert red.option_values[0] == {"id": 1, "label": "Red", "option_id": 5,
                                    "option_display_name": "Colour"}  # fmt: skip
    assert red.date_modified == dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)
    assert blue.price == Decimal("27.50") and blue.sale_price == Decimal("22.00")
    assert blue.display_price == Decimal("22.00")
    assert blue.purchasing_disabled and blue.purchasing_disabled_message == "Back in spring"
    assert blue.out_of_stock
    assert blue.image_url == "https://cdn.example/blue.jpg"
    (item,) = cache.get(222)
    assert item.inventory_level == 4  # tracked by product
    assert item.price == Decimal("12.5") and item.brand == "Potter & Co"
    assert item.variant_label == "" and item.display_name == "Stoneware Mug"
    assert cache.get(222, 2220) == [item]


def test_untracked_stock_and_disabled_products(cache: CatalogCache) -> None:
    cache.upsert_products([mug(inventory_tracking="none", availability="disabled")])
    (item,) = cache.get(222)
    assert item.inventory_level is None and not item.out_of_stock
    assert item.purchasing_disabled


def test_a_product_without_variants_gets_one_row(cache: CatalogCache) -> None:
    product = mug()
    del product["variants"]
    cache.upsert_products([product])
    (item,) = cache.by_code("MUG-222")
    assert item.variant_id is None and item.sku == "MUG-222"
    assert cache.by_code("000000000222") == [item]


def test_scan_by_variant_code(cache: CatalogCache) -> None:
    cache.upsert_products([shirt(), mug()])
    assert [i.variant_id for i in cache.by_code("SHIRT-RED-L")] == [1001]
    assert [i.variant_id for i in cache.by_code(" shirt-red-l ")] == [1001]  # SKUs ignore case
    assert [i.variant_id for i in cache.by_code("012345678905")] == [1001]  # UPC-A
    assert [i.variant_id for i in cache.by_code("0012345678905")] == [1001]  # as EAN-13
    assert [i.variant_id for i in cache.by_code("4006381333931")] == [1002]
    assert [i.variant_id for i in cache.by_code("MUG-222")] == [2220]


def test_a_product_code_returns_every_variant(cache: CatalogCache) -> None:
    cache.upsert_products([shirt()])
    assert [i.variant_id for i in cache.by_code("SHIRT")] == [1001, 1002]
    assert cache.by_code("NOPE") == []
    assert cache.by_code("   ") == []


def test_search_as_you_type(cache: CatalogCache) -> None:
    cache.upsert_products([shirt(), mug(), mug(333, "Travel Mug"), mug(444, "Shirt Hanger")])

    def names(text: str) -> list[str]:
        return [i.display_name for i in cache.search(text)]

    # "Shirt Hanger" matches by its SKU (MUG-444); a match in the name ranks higher.
    assert set(names("mu")) == {"Stoneware Mug", "Travel Mug", "Shirt Hanger"}
    assert names("mug")[-1] == "Shirt Hanger"
    assert set(names("tra m")) == {"Travel Mug"}
    assert set(names("shirt")) == {"Classic Café Shirt — Red / L", "Classic Café Shirt — Blue / M",
                                   "Shirt Hanger"}  # fmt: skip
    assert set(names("shirt blu")) == {"Classic Café Shirt — Blue / M"}
    assert set(names("cafe")) == {"Classic Café Shirt — Red / L", "Classic Café Shirt — Blue / M"}
    assert set(names("potter")) == {"Stoneware Mug", "Travel Mug", "Shirt Hanger"}
    assert set(names("shirt-red")) == {"Classic Café Shirt — Red / L"}
    assert names("s")  # one letter still answers
    assert names("zzz") == []
    assert len(cache.search("mug", limit=1)) == 1
    assert cache.search("mug", limit=0) == []


def test_exact_code_comes_first(cache: CatalogCache) -> None:
    cache.upsert_products([mug(222, "Mug"), mug(2220, "Big Mug MUG-222 edition")])
    results = cache.search("MUG-222")
    assert results[0].product_id == 222
    assert len({(i.product_id, i.variant_id) for i in results}) == len(results)


@pytest.mark.parametrize(
    "text",
    ['"', '""', "*", "mug*", "NEAR(mug shirt)", "mug OR shirt", "NOT mug", "-mug", "^mug",
     "name:mug", "{name}: mug", "'; DROP TABLE items; --", "(", ")", "mug AND", "\\", "%_",
     "\x00", "🙂", "  ", ""],
)  # fmt: skip
def test_any_input_is_safe(cache: CatalogCache, text: str) -> None:
    cache.upsert_products([mug()])
    results = cache.search(text)
    assert isinstance(results, list)
    assert cache.count() == 1


def test_search_query() -> None:
    assert search_query('red "shirt" L') == '"red"* "shirt"* "L"*'
    assert search_query("*-()") is None


def test_upsert_replaces_a_product_as_a_whole(cache: CatalogCache) -> None:
    cache.upsert_products([shirt()])
    product = shirt(name="Oxford Shirt")
    product["variants"] = product["variants"][:1]
    cache.upsert_products([product])
    assert [i.variant_id for i in cache.get(111)] == [1001]
    assert cache.by_code("SHIRT-BLUE-M") == []
    assert cache.search("classic") == []
    assert [i.name for i in cache.search("oxford")] == ["Oxford Shirt"]


def test_deleting_products(cache: CatalogCache) -> None:
    cache.upsert_products([shirt(), mug(222), mug(333), mug(444)])
    assert cache.delete_missing([111, 333]) == 2
    assert sorted({i.product_id for i in cache.search("mug")}) == [333]
    assert cache.delete_products([333]) == 1
    assert cache.count() == 1
    assert cache.search("mug") == []
    cache.clear()
    assert cache.count() == 0 and cache.last_sync() is None


def test_sync_times(cache: CatalogCache) -> None:
    assert cache.last_sync() is None and not cache.is_warm
    cache.set_last_sync(dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))))
    assert cache.last_sync() == dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
    with pytest.raises(ValueError):
        cache.set_last_sync(dt.datetime(2026, 1, 1))


def test_lookups_do_not_wait_for_a_sync_to_commit(cache: CatalogCache) -> None:
    cache.upsert_products([mug()])
    with cache._write() as db:  # a sync's write transaction, still open
        db.execute("DELETE FROM items")
        assert [i.product_id for i in cache.by_code("MUG-222")] == [222]
        assert cache.count() == 1
    assert cache.by_code("MUG-222") == []


def test_the_cache_survives_reopening_and_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    with CatalogCache(path) as cache:
        cache.upsert_products([mug()])
    with CatalogCache(path) as cache:
        assert cache.count() == 1
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(RuntimeError, match="newer version"):
        CatalogCache(path)


# --- sync ------------------------------------------------------------------------------


class Store:
    """An in-memory product listing that pages like the catalog API (sorted by id)."""

    def __init__(self, products: list[dict[str, Any]], per_page: int = 2) -> None:
        self.products = {p["id"]: p for p in products}
        self.per_page = per_page
        self.calls: list[tuple[int, dt.datetime | None]] = []
        self.fail_on_page: int | None = None
        self.called = asyncio.Event()

    async def fetch_page(
        self, page: int, modified_since: dt.datetime | None
    ) -> tuple[list[dict[str, Any]], int]:
        self.calls.append((page, modified_since))
        self.called.set()
        if page == self.fail_on_page:
            raise ConnectionError("lost")
        chosen = [
            p
            for _, p in sorted(self.products.items())
            if modified_since is None
            or dt.datetime.fromisoformat(p["date_modified"]) >= modified_since
        ]
        pages = max(1, -(-len(chosen) // self.per_page))
        start = (page - 1) * self.per_page
        return chosen[start : start + self.per_page], pages


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


async def test_full_then_incremental_sync(cache: CatalogCache) -> None:
    store = Store([shirt(), mug(222), mug(333), mug(444)])
    clock = Clock()
    sync = CatalogSync(cache, store.fetch_page, clock=clock, overlap=dt.timedelta(minutes=5))
    cache.upsert_products([mug(999, "Discontinued Mug")])

    report = await sync.sync()
    assert report.full and report.pages == 2 and report.products == 4 and report.deleted == 1
    assert store.calls == [(1, None), (2, None)]
    assert cache.count() == 4 and cache.is_warm
    assert cache.last_sync() == T0 - dt.timedelta(minutes=5)
    assert cache.last_full_sync() == T0

    # The store changes a product and adds one; an incremental sync fetches only those.
    store.calls.clear()
    store.products[333] = mug(333, "Travel Mug XL", date_modified="2026-11-27T09:30:00+00:00")
    store.products[555] = mug(555, "New Mug", date_modified="2026-11-27T09:31:00+00:00")
    clock.now = T0 + dt.timedelta(hours=1)
    report = await sync.sync()
    assert not report.full and report.products == 2 and report.deleted == 0
    assert store.calls == [(1, T0 - dt.timedelta(minutes=5))]
    assert [i.name for i in cache.by_code("MUG-333")] == ["Travel Mug XL"]
    assert cache.count() == 5
    assert cache.last_sync() == clock.now - dt.timedelta(minutes=5)

    # A day later the next sync is full again, and removes what the store removed.
    del store.products[444]
    clock.now = T0 + dt.timedelta(days=1, hours=1)
    report = await sync.sync()
    assert report.full and report.deleted == 1
    assert cache.by_code("MUG-444") == []


async def test_a_failed_sync_changes_nothing_it_should_not(cache: CatalogCache) -> None:
    store = Store([mug(222), mug(333), mug(444)], per_page=1)
    sync = CatalogSync(cache, store.fetch_page, clock=Clock())
    cache.upsert_products([mug(999, "Old Mug")])
    store.fail_on_page = 2
    with pytest.raises(ConnectionError):
        await sync.sync()
    assert cache.last_sync() is None and not cache.is_warm
    assert cache.by_code("MUG-999")  # nothing deleted by a partial listing
    store.fail_on_page = None
    report = await sync.sync()
    assert report.full and cache.count() == 3


async def test_run_syncs_until_stopped(cache: CatalogCache) -> None:
    store = Store([mug(222)])
    store.fail_on_page = 1  # the first round fails, and is only logged
    sync = CatalogSync(cache, store.fetch_page, clock=Clock())
    stop = asyncio.Event()
    task = asyncio.create_task(sync.run(0.01, stop))

    async def rounds(n: int) -> None:
        while len(store.calls) < n:
            store.called.clear()
            await store.called.wait()

    await asyncio.wait_for(rounds(1), timeout=10)
    store.fail_on_page = None
    await asyncio.wait_for(rounds(3), timeout=10)
    stop.set()
    await asyncio.wait_for(task, timeout=10)
    assert cache.count() == 1


async def test_two_syncs_do_not_overlap(cache: CatalogCache) -> None:
    store = Store([mug(222), mug(333)], per_page=1)
    active = 0
    peak = 0
    original = store.fetch_page

    async def fetch(page: int, since: dt.datetime | None) -> tuple[list[dict[str, Any]], int]:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0)
        try:
            return await original(page, since)
        finally:
            active -= 1

    sync = CatalogSync(cache, fetch, clock=Clock())
    await asyncio.gather(sync.sync(), sync.sync())
    assert peak == 1


# --- a register-sized catalogue --------------------------------------------------------

_ADJECTIVES = ["Red", "Blue", "Green", "Classic", "Deluxe", "Organic", "Wooden", "Steel",
               "Vintage", "Modern"]  # fmt: skip
_NOUNS = ["Shirt", "Mug", "Lamp", "Chair", "Sock", "Hat", "Bag", "Bottle", "Scarf", "Candle"]


def _catalogue(n: int) -> Iterator[dict[str, Any]]:
    for i in range(1, n + 1):
        name = f"{_ADJECTIVES[i % 10]} {_NOUNS[(i // 10) % 10]} {i}"
        yield {
            "id": i,
            "name": name,
            "sku": f"P{i:06d}",
            "price": f"{i % 100}.99",
            "inventory_tracking": "product",
            "inventory_level": i % 7,
            "date_modified": "2026-11-01T00:00:00+00:00",
            "variants": [
                {
                    "id": 10 * i,
                    "product_id": i,
                    "sku": f"P{i:06d}",
                    "upc": f"{i:012d}",
                    "option_values": [],
                }
            ],
        }


def test_a_hundred_thousand_products(cache: CatalogCache) -> None:
    n = 100_000
    assert cache.upsert_products(_catalogue(n)) == n
    assert cache.count() == n == cache.item_count()
    for i in (1, 4242, 50_000, 99_999, n):
        (by_sku,) = cache.by_code(f"P{i:06d}")
        (by_upc,) = cache.by_code(f"{i:012d}")
        assert by_sku == by_upc
        assert by_sku.product_id == i and by_sku.variant_id == 10 * i
        assert by_sku.price == Decimal(f"{i % 100}.99")
        assert by_sku.inventory_level == i % 7
    assert cache.by_code("P100001") == []
    # Name 50_005: "Organic" (5), "Shirt" ((50_005 // 10) % 10 == 0).
    (hit,) = cache.search("organic shirt 50005")
    assert hit.product_id == 50_005
    results = cache.search("vint can", limit=25)
    assert len(results) == 25
    assert all(r.name.startswith("Vintage Candle") for r in results)
    assert len(cache.search("s", limit=20)) == 20
    assert cache.delete_missing(range(1, n + 1, 2)) == n // 2
    assert cache.count() == n // 2
    assert cache.by_code("P000002") == [] and cache.by_code("P000003")


def test_a_search_with_more_matches_than_are_ordered_is_still_right(
    cache: CatalogCache,
) -> None:
    """Past the matches a search orders (a short prefix of a large catalogue), every
    answer still matches every word; the clerk's next keystrokes narrow it to the item;
    case and accents are folded; a SKU or a barcode comes first; names that hold the words
    come before items that match by SKU only."""
    from pos.sale.catalog_cache import _SEARCH_CANDIDATES

    n = 2 * _SEARCH_CANDIDATES + 1500
    cache.upsert_products(
        mug(i, f"Crème Brûlée Bowl {i}" if i % 2 else f"Travel Mug {i}", sku=f"CB-{i}",
            upc=f"{i:012d}", variants=[])
        for i in range(1, n + 1)
    )
    broad = cache.search("cr", limit=50)
    assert len(broad) == 50 and all(r.name.startswith("Crème Brûlée Bowl") for r in broad)
    words = cache.search("CREME bru", limit=50)
    assert len(words) == 50 and all(r.name.startswith("Crème Brûlée Bowl") for r in words)
    # The last item, far past the ranked matches, is found as soon as the clerk narrows.
    last = n if n % 2 else n - 1
    assert [r.product_id for r in cache.search(f"brûlée {last}")] == [last]
    assert cache.search(f"creme BOWL {last}")[0].product_id == last
    assert cache.search(f"cb-{last}")[0].product_id == last
    assert cache.search(f"{last:012d}")[0].product_id == last
    assert all("Mug" in r.name for r in cache.search("tra m", limit=30))
    # "cb" is in every SKU, and in the name of one item only: that item first.
    cache.upsert_products([mug(n + 1, "CB Radio", sku="RADIO-1", variants=[])])
    found = cache.search("cb", limit=5)
    assert found[0].name == "CB Radio" and all(r.sku and r.sku.startswith("CB-")
                                               for r in found[1:])


def test_search_is_bounded(cache: CatalogCache) -> None:
    from pos.sale.catalog_cache import MAX_SEARCH_TERMS

    cache.upsert_products([mug()])
    query = search_query(" ".join(["mug"] * 8000))
    assert query is not None and query.count('"mug"*') == MAX_SEARCH_TERMS
    assert search_query("x" * 100_000) is not None
    assert len(search_query("x" * 100_000) or "") < 300
    assert [i.product_id for i in cache.search(" ".join(["mug"] * 8000))] == [222]


@pytest.mark.parametrize("text", ["\ud800", "mug \udfff", "\ud83d"])
def test_a_lone_surrogate_is_handled(cache: CatalogCache, text: str) -> None:
    cache.upsert_products([mug()])
    assert isinstance(cache.search(text), list)
    assert cache.by_code(text) == []


def test_a_scan_never_waits_behind_a_search(cache: CatalogCache) -> None:
    from concurrent.futures import ThreadPoolExecutor

    cache.upsert_products([mug()])
    with ThreadPoolExecutor(1) as pool, cache._search_lock:  # a long search is running
        scanned = pool.submit(cache.by_code, "MUG-222").result(timeout=10)
    assert [i.product_id for i in scanned] == [222]

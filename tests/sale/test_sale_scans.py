"""Scans kept as pending lines: sent together, kept while the store is down, retried by
themselves with backoff, and marked on their own line when the store refuses them.

The store is taken down for real: a store of this module's own (its database on disk) is
stopped and started again on the same port."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.poll import eventually
from test_sale_support import Recorder, fast_settings, make_client

from pos.api.client import BigCommerceClient
from pos.sale import PendingScan, SaleError, StepNotReady
from pos.sale.catalog_cache import CatalogCache, CatalogSync
from pos.sale.journal import Journal
from pos.sale.sale import Sale
from pos.sandbox.server import SandboxServer

QUICK = {"reconnect_first": 0.05, "reconnect_max": 0.4}
QUOTA = 1_000_000  # not about the rate limit


class CartCalls:
    """The requests the client sends (an httpx event hook): the cart calls among them."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def __call__(self, request: httpx.Request) -> None:
        self.sent.append((request.method, request.url.path))

    def cart_writes(self) -> list[str]:
        return [path for method, path in self.sent
                if method == "POST" and path.rstrip("/").split("/v3/")[-1].startswith("carts")]


@pytest.fixture(scope="module")
def own_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    """A store that tests may stop and start (its database is a file, kept between)."""
    path = tmp_path_factory.mktemp("scans") / "store.sqlite3"
    server = SandboxServer(db_path=path, seed=11, catalog_size=40,
                           rate_limit_quota=QUOTA)
    with server:
        yield server


def down(store: SandboxServer) -> None:
    """The store stops answering: connections to it are refused."""
    store.port = int(store.api_base_url.rsplit(":", 1)[1])
    store.stop()


def up(store: SandboxServer) -> None:
    store.start()


@pytest.fixture
def running(own_store: SandboxServer) -> Iterator[SandboxServer]:
    if not own_store.running:
        up(own_store)
    own_store.clear_faults()
    own_store.reset_config()
    yield own_store
    if not own_store.running:
        up(own_store)
    own_store.clear_faults()
    own_store.reset_config()


@pytest.fixture
def calls() -> CartCalls:
    return CartCalls()


@pytest.fixture
async def own_client(running: SandboxServer, calls: CartCalls) -> AsyncIterator[BigCommerceClient]:
    async with make_client(running, event_hooks={"request": [calls]}) as c:
        yield c


@pytest.fixture
async def catalog(own_client: BigCommerceClient, tmp_path: Path) -> AsyncIterator[CatalogCache]:
    """The register's local catalogue, synced from the store."""
    cache = CatalogCache(tmp_path / "catalog.sqlite3")

    async def fetch_page(page: int, since: Any) -> tuple[list[dict[str, Any]], int]:
        result = await own_client.catalog.list_products(include=["variants"], page=page,
                                                        limit=250, filters={"sort": "id"})
        pages = (result.pagination.total_pages if result.pagination else None) or 1
        return [p.model_dump(mode="json", by_alias=True) for p in result.items], pages

    await CatalogSync(cache, fetch_page).sync(full=True)
    yield cache
    cache.close()


@pytest.fixture
async def make_sale(
    own_client: BigCommerceClient, catalog: CatalogCache, tmp_path: Path
) -> AsyncIterator[Callable[..., Sale]]:
    journals: list[Journal] = []
    sales: list[Sale] = []

    def make(**overrides: Any) -> Sale:
        journal = Journal(tmp_path / f"journal{len(journals)}.sqlite3")
        journals.append(journal)
        sale = Sale(own_client, journal, fast_settings(**{**QUICK, **overrides}),
                    catalog=catalog)
        sales.append(sale)
        return sale

    yield make
    for sale in sales:
        await sale.aclose()
    for journal in journals:
        journal.close()


async def stocked(client: BigCommerceClient, catalog: CatalogCache, count: int,
                  least: int = 20) -> list[tuple[str, str]]:
    """``count`` (sku, name) of items the store has at least ``least`` of, each named by
    its SKU alone (no variant to choose)."""
    out: list[tuple[str, str]] = []
    page = await client.catalog.list_products(include=["variants"], page=1, limit=250)
    for product in page.items:
        if (product.inventory_tracking or "none") == "none":
            continue
        for variant in product.variants or []:
            if (variant.sku and not variant.purchasing_disabled
                    and (variant.inventory_level or 0) >= least
                    and len(catalog.by_code(variant.sku)) == 1):
                out.append((variant.sku, product.name or ""))
                break
        if len(out) == count:
            return out
    raise AssertionError(f"the store has fewer than {count} stocked items")


async def set_stock(store: SandboxServer, variant_id: int | None, level: int) -> None:
    """The store's stock of a variant, changed behind the register's back."""
    async with httpx.AsyncClient() as admin:
        answer = await admin.put(f"{store.admin_url}/stock",
                                 json={"variant_id": variant_id, "inventory_level": level})
        answer.raise_for_status()


def kept(sale: Sale) -> list[tuple[str, int, str]]:
    return [(p.sku, p.quantity, p.state) for p in sale.pending_lines]


def in_cart(sale: Sale) -> list[tuple[str, int]]:
    return [(ln.sku, ln.quantity) for ln in sale.lines]


async def test_scans_made_while_a_cart_call_is_in_flight_go_together_in_order(
    running: SandboxServer, make_sale: Callable[..., Sale], own_client: BigCommerceClient,
    catalog: CatalogCache, calls: CartCalls,
) -> None:
    (a, name_a), (b, _), (c, _) = await stocked(own_client, catalog, 3)
    sale = make_sale()
    running.configure(latency_ms=1500)  # the cart call is in flight while the next scans come
    shown: list[PendingScan] = []
    before = len(calls.cart_writes())
    shown.append(await sale.scan(a))
    await eventually(lambda: len(calls.cart_writes()) > before, within=10,
                     message="the first scan's cart call on its way")
    for code in (b, a, c, b, a):  # while that call is in flight
        shown.append(await sale.scan(code))
    # Every scan is a line at once, named from the local catalogue, before the store answers.
    assert shown[0].name == name_a and shown[0].state == "pending"
    assert sale.lines == ()
    assert sum(p.quantity for p in sale.pending_lines) == 6
    await eventually(lambda: sale.waiting_scans == 0, within=20,
                     message="the scans to reach the cart")
    assert in_cart(sale) == [(a, 3), (b, 2), (c, 1)]
    assert sale.pending_lines == ()
    # The first scan's call, then everything scanned while it was in flight, together.
    assert len(calls.cart_writes()) - before == 2


async def test_a_basket_scanned_at_speed_goes_to_the_store_in_one_call(
    running: SandboxServer, make_sale: Callable[..., Sale], own_client: BigCommerceClient,
    catalog: CatalogCache, calls: CartCalls,
) -> None:
    items = [sku for sku, _ in await stocked(own_client, catalog, 5)]
    # The cart call waits while scans keep coming (here: until the clerk asks to pay).
    sale = make_sale(scan_settle=60.0, scan_max_hold=60.0)
    before = len(calls.cart_writes())
    for code in items + items[:2]:
        await sale.scan(code)
    assert len(calls.cart_writes()) == before
    sale.retry_now()  # what F9 (Pay) does while scans wait
    await eventually(lambda: sale.waiting_scans == 0, within=20, message="the basket added")
    assert in_cart(sale) == [(items[0], 2), (items[1], 2), *[(sku, 1) for sku in items[2:]]]
    assert len(calls.cart_writes()) - before == 1


async def test_scans_made_while_the_store_is_down_are_added_when_it_returns(
    running: SandboxServer, make_sale: Callable[..., Sale], own_client: BigCommerceClient,
    catalog: CatalogCache,
) -> None:
    (a, _), (b, name_b), (c, _) = await stocked(own_client, catalog, 3)
    sale = make_sale()
    events = Recorder()
    sale.subscribe(events)
    down(running)
    for code in (a, b, c, a):
        await sale.scan(code)
    await eventually(
        lambda: kept(sale) == [(a, 2, "pending"), (b, 1, "pending"), (c, 1, "pending")],
        within=10, message="the scans kept in order, the same item on one line")
    assert sale.pending_lines[1].name == name_b

    def retries() -> list[float]:
        return [e.retry_in for e in events.events
                if e.kind == "connection" and e.online is False and e.retry_in is not None]

    await eventually(lambda: len(retries()) >= 3, within=10, message="three retries")
    waits = retries()
    assert all(later > earlier for earlier, later in itertools.pairwise(waits[:3]))
    assert waits[0] < 0.1 and waits[2] > waits[0] * 3  # doubling, from reconnect_first
    # Nothing is charged for lines the store has not added.
    with pytest.raises(StepNotReady, match="still wait for the store"):
        await sale.prepare_payment()
    assert kept(sale) == [(a, 2, "pending"), (b, 1, "pending"), (c, 1, "pending")]

    up(running)  # nobody presses anything: the register tries again by itself
    await eventually(lambda: sale.waiting_scans == 0, within=10,
                     message="the kept scans to be added")
    assert in_cart(sale) == [(a, 2), (b, 1), (c, 1)]
    connection = [e.online for e in events.events if e.kind == "connection"]
    assert connection[-1] is True


async def test_a_pending_line_the_store_refuses_is_marked_and_the_others_added(
    running: SandboxServer, make_sale: Callable[..., Sale], own_client: BigCommerceClient,
    catalog: CatalogCache,
) -> None:
    (a, _), (b, name_b), (c, _) = await stocked(own_client, catalog, 3)
    (item_b,) = catalog.by_code(b)
    level = item_b.inventory_level
    # The store sells out of b; the register's catalogue does not know yet.
    await set_stock(running, item_b.variant_id, 0)
    try:
        sale = make_sale()
        down(running)  # the three go to the store together once it is back
        for code in (a, b, c):
            await sale.scan(code)
        up(running)
        await eventually(lambda: sale.waiting_scans == 0, within=10,
                         message="the store's answer")
    finally:
        await set_stock(running, item_b.variant_id, level or 0)
    assert in_cart(sale) == [(a, 1), (c, 1)]
    (refused,) = sale.pending_lines
    assert (refused.sku, refused.state, refused.reason) == (b, "refused", "out_of_stock")
    assert refused.message is not None and name_b in refused.message
    # The clerk takes the refused line off; it was never in the cart.
    sale.dismiss_line(refused.id)
    assert sale.pending_lines == () and sale.waiting_scans == 0


async def test_items_sent_without_an_answer_are_not_added_twice(
    running: SandboxServer, make_sale: Callable[..., Sale], own_client: BigCommerceClient,
    catalog: CatalogCache,
) -> None:
    (a, _), (b, _) = await stocked(own_client, catalog, 2)
    sale = make_sale()
    await sale.scan(a)
    await eventually(lambda: sale.waiting_scans == 0, within=10, message="the cart")
    # The store adds b but the answer is lost, and the cart cannot be read for a while:
    # the register does not know whether b is there.
    running.add_fault("POST", "*/items", "close_after", 1)
    running.add_fault("GET", "*/v3/carts/*", "close_before", 3)
    await sale.scan(b)
    await eventually(lambda: sale.waiting_scans == 0, within=10, message="b settled")
    assert in_cart(sale) == [(a, 1), (b, 1)]
    cart = await own_client.carts.get(sale.cart_id or "")
    assert [(i.sku, i.quantity) for i in cart.line_items.all_items()] == [(a, 1), (b, 1)]


async def test_after_any_call_finds_the_store_down_the_register_comes_back_by_itself(
    running: SandboxServer, make_sale: Callable[..., Sale], own_client: BigCommerceClient,
    catalog: CatalogCache,
) -> None:
    (a, _), = await stocked(own_client, catalog, 1)
    sale = make_sale()
    await sale.scan(a)
    await eventually(lambda: sale.waiting_scans == 0, within=10, message="the cart")
    events = Recorder()
    sale.subscribe(events)
    down(running)
    with pytest.raises(SaleError) as failed:
        await sale.set_quantity(sale.lines[0].id, 2)
    assert failed.value.offline
    await eventually(lambda: any(e.kind == "connection" and e.retry_in for e in events.events),
                     within=10, message="an automatic retry planned")
    up(running)
    await eventually(lambda: [e.online for e in events.events if e.kind == "connection"][-1],
                     within=10, message="back online without a call of the clerk")

"""The sale engine for one store profile: profile → token → client → journal → catalogue →
sales, built in one place for every face of the register.

The register window (``pos``, ``pos --demo``, a store added from its start page), the
self-test, the screenshot script and the benchmarks all build their engine here. No Qt:
the command line needs none. The composition roots (``pos.cli`` with ``pos.commands``, and
``pos.ui.app``) call it and pass the result down.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
import logging
import threading
import weakref
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pos.api.client import BigCommerceClient
from pos.sale import CompletedSale, Sale, SaleSettings, UndeliveredSale, UnfinishedSale
from pos.sale.catalog_cache import SyncReport

if TYPE_CHECKING:
    import httpx

    from pos.sandbox.server import SandboxServer
    from pos.stores.profiles import Profile

DEMO_PROFILE_NAME = "demo"

log = logging.getLogger("pos.composition")


@dataclass
class Engine:
    """The sale engine as a face of the register uses it, for one store profile."""

    new_sale: Callable[[], Sale]
    resume: Callable[[str], Coroutine[Any, Any, Sale]]
    unfinished: Callable[[], list[UnfinishedSale]]
    close: Callable[[], Coroutine[Any, Any, None]]
    sync_catalog: Callable[[], Coroutine[Any, Any, SyncReport]]
    #: True when the journal says the sale was paid or its payment's outcome is unknown:
    #: such a sale must be reconciled, never abandoned.
    may_be_charged: Callable[[str], bool]
    #: One page of the catalog API as the catalogue sync reads it: (page, modified since)
    #: → (products as dicts, total pages).
    fetch_catalog_page: (
        Callable[[int, _dt.datetime | None], Awaitable[tuple[list[dict[str, Any]], int]]]
        | None
    ) = None
    #: Paid sales whose outcome never reached anyone (present them first), and the
    #: record that one was presented.
    undelivered: Callable[[], list[UndeliveredSale]] = list
    delivered: Callable[[str], None] = lambda sale_id: None
    #: Set when the journal was damaged and a fresh one started (tell the clerk plainly).
    journal_notice: str | None = None
    #: The store's returns engine (pos.returns.Returns), for the return flow.
    new_returns: Callable[[], Any] | None = None
    #: The name of the profile's sales channel as the store holds it (``/v3/channels/{id}``,
    #: cached in the data folder), or None when it cannot be read: the header then shows
    #: the channel's number.
    channel_name: Callable[[], Coroutine[Any, Any, str | None]] | None = None
    #: Who rings up the sales from now on: a callable giving the order's staff note of
    #: the signed-in clerk (``pos.staff.staff_note``), or None when nobody is signed in.
    set_attribution: Callable[[Callable[[], str] | None], None] = lambda who: None
    #: Every completed sale's follow-ups (the sales index, the staff attribution).
    after_sales: AfterSales | None = None
    #: Short steps that spare the first sale's calls work done once (the API models'
    #: validators, built at first use otherwise); a register runs them while it is idle.
    prepare: Callable[[], list[Callable[[], object]]] = list


#: How often the local catalogue is brought up to date after its first sync (seconds).
CATALOG_SYNC_INTERVAL = 300.0


class SandboxAddress(Protocol):
    """Where a running sandbox store answers (:class:`pos.sandbox.server.SandboxServer`)."""

    @property
    def api_base_url(self) -> str: ...

    @property
    def payments_base_url(self) -> str: ...

    @property
    def store_hash(self) -> str: ...


def build_engine(
    profile: Profile,
    token: str,
    data_dir: Path,
    *,
    catalog_interval: float = CATALOG_SYNC_INTERVAL,
    on_journal_commit: Callable[[str], None] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    **settings: object,
) -> Engine:
    """Client → journal → catalogue → sales, for ``profile`` (``settings`` override timings).

    ``profile`` is a :class:`pos.stores.profiles.Profile`; ``token`` its API token, read
    by the caller (from the keyring, or a sandbox store's own); ``data_dir`` holds the
    journal and the catalogue cache. ``sync_catalog()`` syncs the catalogue once, then
    keeps it in step every ``catalog_interval`` seconds in the background until
    ``close()``. ``on_journal_commit`` is the journal's ``on_commit`` hook. ``transport``
    replaces the client's network (tests: a store answering in a way the sandbox cannot).
    """
    from pos.sale.catalog_cache import CatalogCache, CatalogSync
    from pos.sale.journal_recovery import open_journal
    from pos.sale.methods_cache import shared_methods_cache

    client = build_client(profile, token, transport=transport)
    journal, journal_notice = open_journal(data_dir / "journal.sqlite3",
                                           on_commit=on_journal_commit)
    cache = CatalogCache(data_dir / "catalog.sqlite3")
    sale_settings = SaleSettings.from_profile(profile, **settings)
    after_sales = AfterSales(client, data_dir)
    signed_in: list[Callable[[], str]] = []

    def who(order_id: int, recorded: bool) -> str:
        """The sale's Attribution (called off the event loop before a payment is sent)."""
        note = signed_in[0]() if signed_in else ""
        if note and not recorded:
            after_sales.keep(order_id, note, until_paid=True)
        return note

    def set_attribution(note: Callable[[], str] | None) -> None:
        signed_in[:] = [note] if note is not None else []

    #: The sales made here: closing the engine stops their background reads first.
    sales: weakref.WeakSet[Sale] = weakref.WeakSet()

    def new_sale() -> Sale:
        sale = Sale(client, journal, sale_settings, catalog=cache,
                    on_completed=after_sales.completed, attribution=who)
        sales.add(sale)
        return sale

    async def resume(sale_id: str) -> Sale:
        sale = await Sale.resume(client, journal, sale_settings, sale_id, catalog=cache,
                                 on_completed=after_sales.completed, attribution=who)
        sales.add(sale)
        return sale

    def unfinished() -> list[UnfinishedSale]:
        return list(Sale.unfinished(journal, sale_settings.profile))

    def may_be_charged(sale_id: str) -> bool:
        record = journal.get(sale_id)
        return bool(record is not None and (record.payment_uncertain or record.paid))

    async def fetch_page(
        page: int, since: _dt.datetime | None
    ) -> tuple[list[dict[str, Any]], int]:
        client.open()  # idempotent; a sale opens it too
        filters: dict[str, Any] = {"sort": "id"}
        if since is not None:
            # The documented form (``2025-01-15T00:03:17Z``), rounded down to the second
            # so that nothing modified in the same second is missed.
            moment = since.astimezone(_dt.UTC).replace(microsecond=0)
            filters["date_modified:min"] = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        # The sync gives way to the sales' own calls when the store's quota runs low.
        result = await client.with_options(background=True).catalog.list_products(
            include=["variants"], page=page, limit=250, filters=filters
        )
        pages = (result.pagination.total_pages if result.pagination else None) or 1
        return [p.model_dump(mode="json", by_alias=True) for p in result.items], pages

    sync = CatalogSync(cache, fetch_page)
    stop = asyncio.Event()
    background: list[asyncio.Task[None]] = []

    async def keep_in_step() -> None:
        try:
            await asyncio.wait_for(stop.wait(), timeout=catalog_interval)
        except TimeoutError:
            await sync.run(catalog_interval, stop)

    async def sync_catalog() -> SyncReport:
        """One sync now; then the catalogue is kept in step until ``close()``."""
        after_sales.send_pending()  # attributions a closed register had not sent
        report = await sync.sync()
        if not stop.is_set() and not any(not t.done() for t in background):
            background[:] = [asyncio.ensure_future(keep_in_step())]
        return report

    async def close() -> None:
        """Everything started with the client ends before it closes: the sales' and the
        payment methods' background reads are cancelled and awaited, then the client
        cancels and awaits the calls still in flight (a connection being made too) and
        closes its connections; the catalogue's background sync, stopped, has nothing left
        to wait for but its last write. Then the journal and the catalogue close."""
        stop.set()
        await after_sales.drain()  # the index and attributions still being written
        for sale in list(sales):
            await sale.aclose()
        await shared_methods_cache(client).aclose()
        await client.aclose()
        for task in background:
            if not task.done():
                with contextlib.suppress(TimeoutError):  # wait_for cancels it then
                    await asyncio.wait_for(task, timeout=5.0)
        journal.close()
        cache.close()
        after_sales.close()
        for returns in made_returns:
            returns.journal.close()
            if returns.index is not None:
                returns.index.close()

    made_returns: list[Any] = []

    def new_returns() -> Any:
        """The store's returns engine (one per engine: its journal and index stay open)."""
        if made_returns:
            return made_returns[0]
        from pos.returns import RefundJournal, Returns
        from pos.returns.index import SalesIndex
        from pos.returns.records import settings_from_profile
        from pos.returns.shift_hook import shift_refund_hook

        client.open()
        refunds = RefundJournal(data_dir / "refunds.sqlite3")
        made_returns.append(Returns(client, refunds, settings_from_profile(profile),
                                    record_refund=shift_refund_hook(
                                        data_dir, profile.terminal_name),
                                    index=SalesIndex(data_dir / "sales-index.sqlite3"),
                                    attribute=after_sales.attribute))
        return made_returns[0]

    def undelivered() -> list[UndeliveredSale]:
        paid = Sale.undelivered(journal, sale_settings.profile)
        # A register closed (or killed) as a sale was paid may not have indexed it yet,
        # nor put its clerk on the order.
        after_sales.index_missing([p.order_id for p in paid if p.order_id is not None])
        if paid:
            after_sales.send_pending()
        return paid

    async def channel_name() -> str | None:
        return await read_channel_name(client, profile, data_dir)

    def prepare() -> list[Callable[[], object]]:
        from pos.api.models import unbuilt_models

        return [model.model_rebuild for model in unbuilt_models()]

    def delivered(sale_id: str) -> None:
        Sale.delivered(journal, sale_id)

    return Engine(new_sale, resume, unfinished, close, sync_catalog, may_be_charged,
                  fetch_catalog_page=fetch_page, undelivered=undelivered, delivered=delivered,
                  journal_notice=journal_notice, new_returns=new_returns,
                  channel_name=channel_name, set_attribution=set_attribution,
                  after_sales=after_sales, prepare=prepare)


#: The file in a profile's data folder that remembers its channel's name.
CHANNEL_CACHE_FILE = "channel.json"
#: How long a remembered channel name is shown without asking the store again (seconds).
CHANNEL_CACHE_SECONDS = 24 * 3600.0


async def read_channel_name(client: BigCommerceClient, profile: Profile,
                            data_dir: Path) -> str | None:
    """The name of ``profile``'s channel: remembered in ``data_dir`` for a day, otherwise
    read from the store (``GET /v3/channels/{id}``, one call, in the background quota).
    None when the store cannot say (no such channel, no scope, offline)."""
    import json
    import time

    from pos.api.errors import BigCommerceError

    cache = data_dir / CHANNEL_CACHE_FILE
    key = {"store_hash": profile.store_hash, "channel_id": profile.channel_id}

    def read_cache() -> str | None:
        try:
            if time.time() - cache.stat().st_mtime > CHANNEL_CACHE_SECONDS:
                return None
            data = json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or any(data.get(k) != v for k, v in key.items()):
            return None
        name = data.get("name")
        return name if isinstance(name, str) and name.strip() else None

    def write_cache(name: str) -> None:
        from pos.stores.profile_folders import atomic_write

        with contextlib.suppress(OSError):
            atomic_write(cache, json.dumps({**key, "name": name}).encode("utf-8"))

    cached = await asyncio.to_thread(read_cache)
    if cached is not None:
        return cached
    client.open()  # idempotent; a sale opens it too
    try:
        channel = await client.with_options(background=True).channels.get(profile.channel_id)
    except BigCommerceError:
        return None
    name = (channel.name or "").strip()
    if not name:
        return None
    await asyncio.to_thread(write_cache, name)
    return name


class AfterSales:
    """What follows each completed sale, in the background (never blocking the sale):
    the sale goes into the register's local index of its sales (:mod:`pos.returns.index`),
    and the signed-in clerk's attribution onto the order's staff notes at the store
    (journaled first: :mod:`pos.staff.attribution`). The sale engine knows neither: it
    calls :meth:`completed` (its ``on_completed`` hook)."""

    #: How long ``close()`` waits for follow-ups still running (seconds).
    DRAIN_TIMEOUT = 15.0

    def __init__(self, client: BigCommerceClient, data_dir: Path) -> None:
        self.client = client
        self.index_path = data_dir / "sales-index.sqlite3"
        self.notes_path = data_dir / "staff-attribution.sqlite3"
        self._notes: Any = None  # pos.staff.attribution.AttributionJournal, opened once
        self._tasks: set[asyncio.Task[None]] = set()
        self._sending = asyncio.Lock()
        self._opening = threading.Lock()

    def completed(self, sale: CompletedSale) -> None:
        """The sale engine's ``on_completed`` hook."""
        self._start(self._after(sale))

    def index_missing(self, order_ids: list[int]) -> None:
        """Index, in the background, those of ``order_ids`` the index lacks (read from
        the store)."""
        if order_ids:
            self._start(self._index_missing(order_ids))

    async def _index_missing(self, order_ids: list[int]) -> None:
        from pos.returns.index import SalesIndex

        def missing() -> list[int]:
            with SalesIndex(self.index_path) as index:
                return [o for o in order_ids if not index.has(o)]

        for order_id in await asyncio.to_thread(missing):
            await self._after(CompletedSale(order_id=order_id, sale_id=None, amount=None,
                                            currency="", tender="", resumed=True))

    def send_pending(self) -> None:
        """Send, in the background, attributions not yet on their orders."""
        self._start(self._send_pending())

    def keep(self, order_id: int, note: str, *, until_paid: bool = False) -> None:
        """Journal ``note`` for the order's staff notes (any thread). ``until_paid``:
        sent only once the order is paid (a card sale's, kept before the charge)."""
        self._journal().add(order_id, note, until_paid=until_paid)

    async def attribute(self, order_id: int, note: str) -> None:
        """Journal ``note`` for the order's staff notes, then send it in the background."""
        await asyncio.to_thread(self.keep, order_id, note)
        self.send_pending()

    async def drain(self) -> None:
        """Wait for the follow-ups still running, up to ``DRAIN_TIMEOUT`` seconds (what
        is left is journaled)."""
        while running := [t for t in self._tasks if not t.done()]:
            _, late = await asyncio.wait(running, timeout=self.DRAIN_TIMEOUT)
            if late:
                return

    def close(self) -> None:
        if self._notes is not None:
            self._notes.close()
            self._notes = None

    def _start(self, work: Coroutine[Any, Any, None]) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # called outside the loop: the next occasion does it
            work.close()
            return
        task = loop.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _journal(self) -> Any:
        with self._opening:
            if self._notes is None:
                from pos.staff.attribution import AttributionJournal

                self._notes = AttributionJournal(self.notes_path)
            return self._notes

    async def _after(self, sale: CompletedSale) -> None:
        try:
            await self._index(sale)
        except Exception as exc:  # the index is a convenience: the sale is done
            log.warning("order %s could not be indexed now: %s", sale.order_id,
                        type(exc).__name__)
        if sale.staff_note and not sale.staff_note_recorded:
            try:
                await self.attribute(sale.order_id, sale.staff_note)
            except Exception as exc:
                log.warning("the attribution of order %s could not be journaled: %s",
                            sale.order_id, type(exc).__name__)

    async def _index(self, sale: CompletedSale) -> None:
        from pos.returns.index import IndexedSale, read_sale, record_sale

        if sale.skus:
            indexed = IndexedSale(
                order_id=sale.order_id,
                created=sale.completed_at.astimezone(_dt.UTC).isoformat(timespec="seconds"),
                customer_name=sale.customer_name, email=sale.email, phone=sale.phone,
                last4=sale.last4, skus=sale.skus, amount=sale.amount or Decimal(0),
                currency=sale.currency, status_id=sale.status_id or 11,
                channel_id=sale.channel_id,
            )
        else:  # a sale resumed after a crash knows its order only: the store has the rest
            self.client.open()  # idempotent; a sale opens it too
            indexed = await read_sale(self.client.with_options(background=True),
                                      sale.order_id, last4=sale.last4)
        await asyncio.to_thread(record_sale, self.index_path, indexed)

    async def _send_pending(self) -> None:
        """Each kept attribution onto its order, once the order is paid (a note already
        there is not written twice); kept for later when the store does not answer."""
        from pos.api.errors import BigCommerceError, NotFound
        from pos.staff.attribution import UNPAID_STATUSES, merged_notes

        self.client.open()
        async with self._sending:
            notes = self._journal()
            for pending in await asyncio.to_thread(notes.pending):
                try:
                    order = await self.client.orders.get(pending.order_id)
                    if pending.until_paid and order.status_id in UNPAID_STATUSES:
                        if pending.expired:
                            await asyncio.to_thread(notes.drop, pending)
                        continue
                    merged = merged_notes(order.staff_notes, pending.note)
                    if merged is not None:
                        await self.client.orders.update(pending.order_id,
                                                        {"staff_notes": merged})
                except NotFound:
                    await asyncio.to_thread(notes.drop, pending)
                    continue
                except BigCommerceError as exc:  # kept: sent again on the next occasion
                    log.warning("the attribution of order %s is kept for later: %s",
                                pending.order_id, type(exc).__name__)
                    return
                await asyncio.to_thread(notes.sent, pending.order_id, pending.note)


def build_client(
    profile: Profile, token: str, *, transport: httpx.AsyncBaseTransport | None = None
) -> BigCommerceClient:
    """The store's API client for ``profile`` (the caller closes it). ``transport``
    replaces the client's network (tests: a store answering in a way the sandbox cannot)."""
    return BigCommerceClient(
        profile.store_hash,
        lambda: token,
        api_base_url=profile.api_base_url,
        payments_base_url=profile.payments_base_url,
        ca_bundle=str(profile.ca_bundle) if profile.ca_bundle else None,
        transport=transport,
    )


def demo_profile(store: SandboxAddress) -> Profile:
    """The built-in demo profile, pointed at a running sandbox store
    (:class:`pos.sandbox.server.SandboxServer`)."""
    from pos.stores.profiles import DEMO_PROFILE

    return DEMO_PROFILE.resolved_for_sandbox(
        api_base_url=store.api_base_url,
        payments_base_url=store.payments_base_url,
        store_hash=store.store_hash,
    )


#: The demo store's own file in the demo profile's data folder (beside its journal).
DEMO_STORE_FILE = "sandbox.sqlite3"
#: What older versions left in the system's temporary folder for each demo run.
OLD_DEMO_FOLDER_PREFIX = "pos-demo-"


class DemoStoreError(Exception):
    """The demo store kept from an earlier run cannot be opened (the message says what to do)."""


def demo_data_dir(*, reset: bool = False) -> Path:
    """The demo profile's data folder (created): the demo store, its journal, catalogue and
    logs live there, so that a demo that was stopped, killed or lost its power resumes its
    unfinished sale when it starts again, as a real store's register does.

    ``reset``: start the demo afresh (``pos --demo --reset``): the demo store and every file
    of its data folder are deleted first. Folders older versions left in the temporary
    folder (``pos-demo-*``) are removed either way: nothing reads them any more.
    """
    import shutil

    from pos.stores.profile_folders import data_dir, ensure_data_dir

    remove_old_demo_folders()
    if reset:
        folder = data_dir(DEMO_PROFILE_NAME)
        if folder.is_dir():
            shutil.rmtree(folder)
    return ensure_data_dir(DEMO_PROFILE_NAME)


def remove_old_demo_folders(temp_root: Path | None = None) -> list[Path]:
    """Removes the ``pos-demo-*`` folders older versions left behind in the temporary
    folder (a killed demo never removed its own) that belong to this user; returns them."""
    import os
    import shutil
    import tempfile

    root = Path(tempfile.gettempdir()) if temp_root is None else temp_root
    removed: list[Path] = []
    try:
        candidates = list(root.glob(f"{OLD_DEMO_FOLDER_PREFIX}*"))
    except OSError:
        return removed
    uid = getattr(os, "getuid", lambda: None)()
    for path in candidates:
        try:
            if not path.is_dir() or path.is_symlink():
                continue
            if uid is not None and path.stat().st_uid != uid:
                continue
        except OSError:
            continue
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            removed.append(path)
    return removed


@contextlib.contextmanager
def demo_store(*, reset: bool = False,
               serve: bool = True) -> Iterator[tuple[SandboxServer, Path]]:
    """The demo store running in this process, kept in the demo profile's data folder, and
    that folder: ``with demo_store() as (store, data_dir): ...``.

    ``serve=False``: the store is opened (its file, identity and listening socket) but not
    served yet; the caller calls ``store.serve()`` (the register: once its window shows).

    Raises :class:`DemoStoreError` when the store kept there cannot be opened (made by
    another version of the register): ``pos --demo --reset`` starts afresh.
    """
    import sqlite3

    from pos.sandbox.server import SandboxServer

    folder = demo_data_dir(reset=reset)
    server = SandboxServer(db_path=folder / DEMO_STORE_FILE, seed=1, catalog_size=500)
    try:
        if serve:
            server.start()
        else:
            server.open()
    except (RuntimeError, sqlite3.DatabaseError) as exc:
        raise DemoStoreError(
            f"The demo store kept in {folder} cannot be opened ({exc}). "
            "Start the demo afresh with:  pos --demo --reset"
        ) from exc
    try:
        yield server, folder
    finally:
        server.stop()

"""Scans waiting for the store: shown at once, sent together, confirmed or refused.

A scan becomes a *pending line* as soon as the local catalogue names it (no round trip),
in the order the clerk scanned. One background task sends every pending line to the
store in one cart call (the ``line_items`` array of ``POST /v3/carts`` or
``POST /v3/carts/{id}/items``); scans that arrive while that call is in flight go
together in the next one. A line the store refuses stays on the list, marked with why
(out of stock, unknown code...), until the clerk removes it; the others are added.

While the store cannot be reached the pending lines are kept, in order, and the task
tries again by itself with a capped exponential backoff (with jitter); it also does so
after any other call of the sale found the store unreachable, so that the register comes
back online without the clerk. Pending lines are never charged for: the payment waits
until none is left (see :meth:`pos.sale.sale.Sale.prepare_payment`).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import random
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Literal

from pos.api.errors import ApiError, BigCommerceError
from pos.api.models import Cart
from pos.sale.cart import CartKeeper, check_sellable
from pos.sale.catalog_cache import CatalogItem
from pos.sale.context import SaleContext, quiet, wait_ended
from pos.sale.errors import (
    AmbiguousCode,
    ItemNotFound,
    NotSellable,
    SaleError,
    SaleValidationError,
    StoreProblem,
    store_problem,
)
from pos.sale.messages import ErrorKind
from pos.sale.phrases import SALE_WORDS

__all__ = ["PendingScan", "RefusalReason", "ScanQueue"]

_ON_ITS_WAY = SALE_WORDS("scan.on_its_way", "This item is still on its way to the store; "
                         "remove it once it is added.")
_LINE_GONE = SALE_WORDS("scan.line_gone", "That line is no longer in the sale.")
_NO_CODE_GIVEN = SALE_WORDS("item.code_missing", "Scan or type a barcode or SKU.")
_NO_CODE = SALE_WORDS("item.no_code", "No product has the code {code}.")
_AMBIGUOUS = SALE_WORDS("item.ambiguous", "The code {code} names {count} variants; choose one.")
_SOLD_OUT = SALE_WORDS("scan.out_of_stock", "{item} is out of stock.")
_NOT_ADDED = SALE_WORDS("scan.not_added", "The store did not add {item}.")

log = logging.getLogger("pos.sale")

#: Why the store (or the catalogue) refused a pending line.
RefusalReason = Literal["out_of_stock", "not_found", "not_sellable", "choose_variant",
                        "refused"]


@dataclass(frozen=True)
class PendingScan:
    """One line scanned but not yet in the store's cart (``state`` "pending"), or one the
    store refused (``state`` "refused", ``reason`` and ``message`` say why).

    ``name`` is the catalogue's name of the item, or the scanned code while no catalogue
    names it yet. ``message`` is the engine's English sentence (faces may build their own
    from ``reason`` and ``name``)."""

    id: str
    code: str
    name: str
    variant: str | None
    sku: str
    quantity: int
    state: Literal["pending", "refused"]
    product_id: int | None = None
    variant_id: int | None = None
    reason: RefusalReason | None = None
    message: str | None = None
    detail: str | None = None


class _Entry:
    """A pending line as the queue keeps it (mutable; :class:`PendingScan` is its view)."""

    __slots__ = ("code", "detail", "id", "item", "message", "quantity", "reason",
                 "resolving", "sending", "state")

    def __init__(self, entry_id: str, code: str, item: CatalogItem | None,
                 quantity: int) -> None:
        self.id = entry_id
        self.code = code
        self.item = item
        self.quantity = quantity
        self.state: Literal["pending", "refused"] = "pending"
        self.reason: RefusalReason | None = None
        self.message: str | None = None
        self.detail: str | None = None
        self.resolving = False  # still being read from the catalogue
        self.sending = False  # in the cart call under way: its quantity is on its way

    def same_item(self, item: CatalogItem) -> bool:
        return (self.item is not None and self.item.product_id == item.product_id
                and self.item.variant_id == item.variant_id)

    def view(self) -> PendingScan:
        item = self.item
        return PendingScan(
            id=self.id,
            code=self.code,
            name=item.name if item is not None else self.code,
            variant=(item.variant_label.replace(" / ", ", ") or None) if item else None,
            sku=(item.sku or "") if item is not None else self.code,
            quantity=self.quantity,
            state=self.state,
            product_id=item.product_id if item is not None else None,
            variant_id=item.variant_id if item is not None else None,
            reason=self.reason,
            message=self.message,
            detail=self.detail,
        )


def _code_of(code_or_item: str | CatalogItem) -> str:
    if isinstance(code_or_item, CatalogItem):
        return code_or_item.sku or code_or_item.upc or str(code_or_item.variant_id)
    return code_or_item.strip()


def _chosen(code: str, found: list[CatalogItem]) -> CatalogItem | None:
    """The one sellable item the catalogue has under ``code`` (None: not there)."""
    if not found:
        return None
    sellable = [i for i in found if not i.purchasing_disabled]
    if len(found) > 1 and len(sellable) != 1:
        raise AmbiguousCode(_AMBIGUOUS(code=code, count=len(found)), found)
    return sellable[0] if len(found) > 1 else found[0]


class ScanQueue:
    """The pending lines of one sale and the task that sends them (see the module)."""

    def __init__(
        self,
        ctx: SaleContext,
        cart: CartKeeper,
        guard: Callable[[], AbstractAsyncContextManager[None]],
    ) -> None:
        self.ctx = ctx
        self.cart = cart
        self._guard = guard  # the sale's own lock: one change of the sale at a time
        self._entries: list[_Entry] = []
        self._ids = itertools.count(1)
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._unreachable = False  # the last call found the store unreachable
        self._last_scan = 0.0  # the event loop's time of the last scan
        self._closed = False
        # A batch whose cart call had no certain answer: it goes again as it was (the
        # cart keeper first checks whether the store holds it), nothing merged into it.
        self._again: list[_Entry] | None = None
        #: Cart calls made for scans (creating the cart or adding to it), for benchmarks.
        self.cart_calls = 0

    # ------------------------------------------------------------------ state

    @property
    def lines(self) -> tuple[PendingScan, ...]:
        return tuple(entry.view() for entry in self._entries)

    @property
    def waiting(self) -> int:
        """How many lines still wait for the store (refused ones do not)."""
        return sum(1 for e in self._entries if e.state == "pending")

    @property
    def unreachable(self) -> bool:
        return self._unreachable

    def pending_quantity(self, item: CatalogItem) -> int:
        return sum(e.quantity for e in self._entries if e.state == "pending" and e.same_item(item))

    def dismiss(self, scan_id: str) -> None:
        """Take a refused line off the list (a pending one is still on its way)."""
        for entry in self._entries:
            if entry.id == scan_id:
                if entry.state == "pending":
                    raise SaleValidationError.one("line_id", _ON_ITS_WAY())
                self._entries.remove(entry)
                self.ctx.emit("lines")
                return
        raise SaleValidationError.one("line_id", _LINE_GONE())

    # ------------------------------------------------------------------ scanning

    async def scan(self, code_or_item: str | CatalogItem, quantity: int) -> PendingScan:
        """Keep a scan as a pending line (from the local catalogue; no store call) and have
        it sent. The line's place is taken before anything is awaited, so scans keep the
        order they were made in. Raises what the catalogue already knows: an unknown
        empty code, a code naming several variants (:class:`AmbiguousCode`), an item that
        cannot be sold or a quantity beyond the known stock."""
        entry = self._place(code_or_item, quantity)
        try:
            item = await self._local(code_or_item)
            self._check(item, quantity)
        except BaseException:
            self._entries.remove(entry)
            raise
        return self._keep(entry, item, quantity)

    def scan_now(self, code_or_item: str | CatalogItem, quantity: int) -> PendingScan:
        """:meth:`scan` without awaiting anything: the local catalogue is read on the
        calling thread (an indexed look-up, well under a millisecond even at a million
        variants), so the pending line is there before the screen is next drawn."""
        entry = self._place(code_or_item, quantity)
        try:
            item = self._local_now(code_or_item)
            self._check(item, quantity)
        except BaseException:
            self._entries.remove(entry)
            raise
        return self._keep(entry, item, quantity)

    def _place(self, code_or_item: str | CatalogItem, quantity: int) -> _Entry:
        code = _code_of(code_or_item)
        if not code:
            raise SaleValidationError.one("code", _NO_CODE_GIVEN())
        entry = _Entry(f"scan-{next(self._ids)}", code, None, quantity)
        entry.resolving = True
        self._entries.append(entry)
        self._last_scan = asyncio.get_running_loop().time()
        return entry

    def _check(self, item: CatalogItem | None, quantity: int) -> None:
        if item is None:
            return
        check_sellable(item)
        known = sum(ln.quantity for ln in self.ctx.lines
                    if ln.variant_id == item.variant_id and ln.product_id == item.product_id)
        self.cart.check_stock(item.variant_id, known + self.pending_quantity(item) + quantity,
                              item)
        if item.variant_id is not None:
            self.ctx.known_items[item.variant_id] = item
            if item.variant_label:
                self.ctx.labels[item.variant_id] = item.variant_label.replace(" / ", ", ")

    def _keep(self, entry: _Entry, item: CatalogItem | None, quantity: int) -> PendingScan:
        entry.resolving = False
        entry.item = item
        shown = entry
        if item is not None:
            earlier = next((e for e in self._entries if e is not entry
                            and e.state == "pending" and not e.resolving and not e.sending
                            and e.same_item(item)), None)
            if earlier is not None:
                # The same item again while it is still on its way: one line, more of it.
                earlier.quantity += quantity
                self._entries.remove(entry)
                shown = earlier
        self.ctx.emit("lines")
        self.kick()
        return shown.view()

    async def _local(self, code_or_item: str | CatalogItem) -> CatalogItem | None:
        """The item from the local catalogue (None: the store is asked when it is sent)."""
        if isinstance(code_or_item, CatalogItem):
            return code_or_item
        catalog = self.ctx.catalog
        if catalog is None:
            return None
        code = code_or_item.strip()
        return _chosen(code, await asyncio.to_thread(catalog.by_code, code))

    def _local_now(self, code_or_item: str | CatalogItem) -> CatalogItem | None:
        if isinstance(code_or_item, CatalogItem):
            return code_or_item
        catalog = self.ctx.catalog
        if catalog is None:
            return None
        code = code_or_item.strip()
        return _chosen(code, catalog.by_code(code))

    # ------------------------------------------------------------------ the sender

    def kick(self) -> None:
        """Make sure the sender runs (it stops by itself when nothing is left to do)."""
        if self._closed:
            return
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._run())
            self._task.add_done_callback(quiet)

    def went_offline(self) -> None:
        """A call of the sale found the store unreachable: keep trying until it answers."""
        if not self._unreachable:
            self._unreachable = True
        self.kick()

    def retry_now(self) -> None:
        """Try the store again now (the clerk pressed Retry), not at the next backoff."""
        self._wake.set()
        self.kick()

    async def settled(self) -> None:
        """Wait until no line is pending (each added or refused)."""
        while self.waiting and not self._closed:
            self.kick()
            task = self._task
            if task is not None:
                await asyncio.shield(task)

    async def aclose(self) -> None:
        """Stop the sender and wait until it has ended (its task is kept until then, so
        that a close cancelled on the way and called again still waits for it)."""
        self._closed = True
        task = self._task
        if task is not None:
            task.cancel()
            await wait_ended(task)
            self._task = None

    def _next_delay(self, delay: float) -> float:
        settings = self.ctx.settings
        return min(max(delay * 2, settings.reconnect_first), settings.reconnect_max)

    async def _run(self) -> None:
        delay = self.ctx.settings.reconnect_first
        while not self._closed:
            ready = self._ready()
            if not ready and not self._unreachable:
                return
            try:
                if ready and self._again is None:
                    await self._gather()
                    ready = self._ready()
                if ready:
                    await self._send(ready)
                else:
                    await self._probe()
            except SaleError as exc:
                wait = delay * random.uniform(0.9, 1.1)
                if isinstance(exc, StoreProblem):
                    if exc.offline:
                        self._unreachable = True
                    log.info("the store did not take the scanned items (%s); trying again "
                             "in %.1f s", exc.kind.value, wait)
                    self.ctx.emit("connection", online=not exc.offline, retry_in=wait)
                else:
                    # Not the store's doing (the disk is full...): said, and tried again.
                    self.ctx.emit("warning", message=exc.message)
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=wait)
                delay = self._next_delay(delay)
                continue
            delay = self.ctx.settings.reconnect_first
            if self._unreachable:
                self._unreachable = False
                self.ctx.emit("connection", online=True)

    async def _gather(self) -> None:
        """Hold the cart call while scans keep coming (they all go in it), at most
        ``scan_max_hold`` seconds; :meth:`retry_now` sends at once."""
        settings = self.ctx.settings
        loop = asyncio.get_running_loop()
        started = loop.time()
        self._wake.clear()
        while not self._closed and not self._wake.is_set():
            now = loop.time()
            left = min(self._last_scan + settings.scan_settle, started + settings.scan_max_hold)
            if now >= left:
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=left - now)

    def _ready(self) -> list[_Entry]:
        """The pending lines that can go now: those before the first still being read
        from the catalogue (so that the cart keeps the order of the scans)."""
        if self._again is not None:
            again = [e for e in self._again if e in self._entries and e.state == "pending"]
            if again:
                return again
            self._again = None
        out: list[_Entry] = []
        for entry in self._entries:
            if entry.resolving:
                break
            if entry.state == "pending" and not entry.sending:
                out.append(entry)
        return out

    async def _probe(self) -> None:
        """One cheap read, to learn whether the store answers again."""
        ctx = self.ctx
        if ctx.cart_id is not None:
            await ctx.store(ctx.client.carts.get(ctx.cart_id), "checking the store")
        else:
            await ctx.store(ctx.client.channels.get(ctx.settings.channel_id),
                            "checking the store")

    async def _send(self, batch: list[_Entry]) -> None:
        for entry in batch:
            entry.sending = True
        try:
            await self._send_batch(batch)
        except BaseException:
            # Sent without a certain answer: it goes again as it was, once the cart shows
            # the store does not hold it (a refused or never-sent one is merged freely).
            uncertain = self.cart.items_uncertain and any(e in self._entries for e in batch)
            self._again = batch if uncertain else None
            raise
        else:
            self._again = None
        finally:
            for entry in batch:
                entry.sending = False
            self._compact()

    def _compact(self) -> None:
        """Lines of the same item that still wait become one, at the first one's place
        (a scan made while its item was on its way had a line of its own)."""
        merged = False
        again = self._again or []
        for entry in list(self._entries):
            if (entry.state != "pending" or entry.resolving or entry.item is None
                    or entry in again):
                continue
            item = entry.item
            first = next(e for e in self._entries if e.state == "pending" and not e.resolving
                         and e not in again and e.same_item(item))
            if first is not entry:
                first.quantity += entry.quantity
                self._entries.remove(entry)
                merged = True
        if merged:
            self.ctx.emit("lines")

    async def _send_batch(self, batch: list[_Entry]) -> None:
        async with self._guard():
            # Codes the catalogue does not know are looked up at the store now.
            for entry in batch:
                if entry.item is None:
                    await self._resolve(entry)
            going = [e for e in batch if e.state == "pending"]
            if not going:
                self.ctx.emit("lines")
                return
            try:
                await self._add(going)
            except StoreProblem as exc:
                if exc.offline or exc.kind is not ErrorKind.INVALID_DATA:
                    raise
                if len(going) == 1:
                    self._refuse_by_store(going[0], exc)
                    return
                # One of them was refused: each goes alone, so that only it is marked.
                for entry in going:
                    try:
                        await self._add([entry])
                    except StoreProblem as one:
                        if one.offline or one.kind is not ErrorKind.INVALID_DATA:
                            raise
                        self._refuse_by_store(entry, one)

    async def _resolve(self, entry: _Entry) -> None:
        try:
            item = await self.cart.resolve(entry.code)
            check_sellable(item)
        except ItemNotFound:
            self._refuse(entry, "not_found", _NO_CODE(code=entry.code))
            return
        except AmbiguousCode as exc:
            self._refuse(entry, "choose_variant", str(exc))
            return
        except NotSellable as exc:
            reason: RefusalReason = "out_of_stock" if "out of stock" in str(exc) else (
                "not_sellable")
            self._refuse(entry, reason, str(exc))
            return
        entry.item = item
        if item.variant_id is not None and item.variant_label:
            self.ctx.labels[item.variant_id] = item.variant_label.replace(" / ", ", ")

    def _refuse(self, entry: _Entry, reason: RefusalReason, message: str,
                detail: str | None = None) -> None:
        entry.state = "refused"
        entry.reason = reason
        entry.message = message
        entry.detail = detail
        log.info("a scanned item was refused (%s)", reason)
        self.ctx.emit("lines")

    def _refuse_by_store(self, entry: _Entry, exc: StoreProblem) -> None:
        cause = exc.__cause__
        words = ""
        if isinstance(cause, ApiError):
            words = (cause.body.title or cause.body.detail or "").strip()
        name = entry.item.display_name if entry.item is not None else entry.code
        if "stock" in words.lower():
            self._refuse(entry, "out_of_stock", _SOLD_OUT(item=name), words or None)
        else:
            self._refuse(entry, "refused", _NOT_ADDED(item=name), words or None)

    async def _add(self, entries: list[_Entry]) -> None:
        """One cart call for ``entries`` (the cart is made by the first), in their order."""
        ctx = self.ctx
        wanted: list[tuple[CatalogItem, int]] = []
        for entry in entries:
            assert entry.item is not None
            same = next((i for i, (it, _) in enumerate(wanted)
                         if it.product_id == entry.item.product_id
                         and it.variant_id == entry.item.variant_id), None)
            if same is None:
                wanted.append((entry.item, entry.quantity))
            else:
                wanted[same] = (wanted[same][0], wanted[same][1] + entry.quantity)
        self.cart_calls += 1
        try:
            cart: Cart = await self.cart.add_many(wanted)
        except BigCommerceError as exc:  # pragma: no cover - add_many raises StoreProblems
            raise store_problem(exc, what="adding the items") from exc
        for entry in entries:
            with contextlib.suppress(ValueError):
                self._entries.remove(entry)
        await self.cart.after_items_changed(cart)
        if ctx.cart_id is not None and self._unreachable:
            self._unreachable = False
            ctx.emit("connection", online=True)

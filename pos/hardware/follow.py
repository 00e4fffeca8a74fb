"""The counter's hardware following a sale through the engine's events (no Qt).

:class:`SaleFollower` subscribes to one sale at a time (``sale.subscribe``) and, on the
sale's events:

* opens the cash drawer when a **cash** tender completes (the sale's ``tender_record``
  names cash, or a split with a cash part, and the payment event says paid), once per
  order, through
  :meth:`pos.hardware.counter.Counter.cash_tendered`; never for a card;
* shows the sale on a **pole display** chained through the printer, where the profile has
  one (``pole_display = true``): the line just scanned, then the total, the change due and
  "Thank you!", two lines of 20 characters (:func:`pole_lines`), in the receipt's language.

It never drives the sale. A write to the printer that fails is given to ``on_problem`` as
``("drawer" | "pole", exception)`` (the printer's status listeners report it too); the
sale goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pos.sale.money import format_money

from .counter import Counter
from .drawer import CashDrawer
from .receipt import labels_for

__all__ = ["POLE_WIDTH", "SaleFollower", "pole_lines"]

log = logging.getLogger("pos.hardware")

#: Characters a line of a two-line pole display holds.
POLE_WIDTH = 20

Problem = Callable[[str, BaseException], None]


def _pair(label: str, value: str, width: int = POLE_WIDTH) -> str:
    """``label`` at the left and ``value`` at the right of one line (the label cut short
    when both do not fit)."""
    room = max(0, width - len(value) - 1)
    label = label[:room]
    return label + value.rjust(width - len(label))


def _kind(value: Any) -> str:
    return str(getattr(value, "value", value) or "")


def _change(sale: Any) -> Decimal | None:
    """The change of the sale's cash tender (None: not a cash tender)."""
    record = getattr(sale, "tender_record", None)
    change = getattr(record, "change_due", None)
    if isinstance(change, Decimal) and getattr(record, "tendered", None) is not None:
        return change
    return None


def pole_lines(sale: Any, event: Any, *, locale: str, currency: str
               ) -> tuple[str, str] | None:
    """What the pole display shows after ``event`` of ``sale``; None: leave it as it is."""
    words = labels_for(locale)

    def money(amount: Decimal) -> str:
        totals = getattr(sale, "totals", None)
        code = str(getattr(totals, "currency", None) or currency)
        return format_money(amount, code, locale)

    def grand_total() -> Decimal | None:
        totals = getattr(sale, "totals", None)
        total = getattr(totals, "grand_total", None)
        return total if isinstance(total, Decimal) else None

    kind = _kind(getattr(event, "kind", ""))
    if kind == "lines":
        lines = list(getattr(sale, "lines", ()) or ())
        if not lines:
            return ("", "")
        last = lines[-1]
        name = str(getattr(last, "name", ""))
        variant = getattr(last, "variant", None)
        if variant:
            name = f"{name} ({variant})"
        total = getattr(last, "total", None)
        price = money(total) if isinstance(total, Decimal) else ""
        return (name[:POLE_WIDTH], _pair(f"{int(getattr(last, 'quantity', 1))} x", price))
    if kind == "totals":
        total = grand_total()
        return None if total is None else (words["total"], money(total).rjust(POLE_WIDTH))
    result = getattr(event, "result", None)
    if kind == "payment" and result is not None and _kind(
            getattr(result, "outcome", "")) == "paid":
        total = grand_total()
        change = _change(sale)
        first = _pair(words["total"], money(total)) if total is not None else ""
        if change is None:
            return (first, words["thank_you"].center(POLE_WIDTH).rstrip())
        return (first, _pair(words["change"], money(change)))
    if kind == "step" and _kind(getattr(event, "step", "")) == "confirmed":
        change = _change(sale)
        second = _pair(words["change"], money(change)) if change is not None else ""
        return (words["thank_you"].center(POLE_WIDTH).rstrip(), second)
    return None


class SaleFollower:
    """The counter following one sale at a time (see the module's description)."""

    def __init__(self, counter: Counter, *, on_problem: Problem | None = None) -> None:
        self.counter = counter
        self.on_problem = on_problem
        self._sale: Any = None
        self._unsubscribe: Callable[[], None] | None = None
        self._pending: tuple[str, str] | None = None
        self._shown: tuple[str, str] | None = None
        self._writer: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._settings = counter.settings

    @property
    def pole(self) -> bool:
        return self._settings.pole_display and self.counter.printer is not None

    def follow(self, sale: Any) -> None:
        """Follow ``sale`` from now on (the previous one is let go)."""
        self.stop()
        self._sale = sale
        self._unsubscribe = sale.subscribe(self._on_event)
        if self.pole:
            self._show(self._settings.receipt.store[:POLE_WIDTH].center(POLE_WIDTH).rstrip(),
                       "")

    def stop(self) -> None:
        unsubscribe, self._unsubscribe = self._unsubscribe, None
        self._sale = None
        if unsubscribe is not None:
            with contextlib.suppress(Exception):
                unsubscribe()

    async def settle(self) -> None:
        """Wait for the writes under way (the drawer, the pole) to end."""
        while True:
            tasks = [t for t in (*self._tasks, self._writer) if t is not None and not t.done()]
            if not tasks:
                return
            await asyncio.gather(*tasks, return_exceptions=True)

    def close(self) -> None:
        self.stop()
        for task in (*self._tasks, self._writer):
            if task is not None and not task.done():
                task.cancel()

    # -- the sale's events ----------------------------------------------------------------

    def _on_event(self, event: Any) -> None:
        sale = self._sale
        if sale is None:
            return
        kind = _kind(getattr(event, "kind", ""))
        result = getattr(event, "result", None)
        paid = kind == "payment" and result is not None and _kind(
            getattr(result, "outcome", "")) == "paid"
        order_id = getattr(result, "order_id", None) or getattr(sale, "order_id", None)
        record = getattr(sale, "tender_record", None)
        # Cash went in the drawer: a cash tender, or a split with a cash part.
        cash = record is not None and (CashDrawer.opens_for(_kind(getattr(record, "kind", "")))
                                       or getattr(record, "tendered", None) is not None)
        if paid and order_id and cash:
            self._start(self.counter.cash_tendered(int(order_id)), "drawer")
        if self.pole:
            lines = pole_lines(sale, event, locale=self._settings.receipt.locale,
                               currency=self._settings.receipt.currency)
            if lines is not None:
                self._show(*lines)

    # -- writing to the printer, off the sale's path ---------------------------------------

    def _start(self, work: Any, what: str) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop: nothing runs the sale either
            work.close()
            return
        task = loop.create_task(self._guard(work, what))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _guard(self, work: Any, what: str) -> None:
        try:
            await work
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.info("%s: not done (%s)", what, type(exc).__name__)
            if self.on_problem is not None:
                self.on_problem(what, exc)

    def _show(self, first: str, second: str) -> None:
        """Show two lines on the pole; writes are made one at a time, and only the latest
        text waiting is written (scans quicker than the printer are not queued up)."""
        self._pending = (first, second)
        if self._writer is None or self._writer.done():
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return
            self._writer = loop.create_task(self._write_pole())

    async def _write_pole(self) -> None:
        printer = self.counter.printer
        while self._pending is not None and printer is not None:
            text, self._pending = self._pending, None
            if text == self._shown:
                continue
            try:
                await printer.show_on_pole(*text)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.info("pole display not written (%s)", type(exc).__name__)
                if self.on_problem is not None:
                    self.on_problem("pole", exc)
                continue
            self._shown = text

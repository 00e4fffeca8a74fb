"""The counter's hardware for one register, built from the profile: the receipt printer,
the drawer behind it and the pole display, and what a paid sale does with them.

The faces of the register (the window, ``pos sale``) build one :class:`Counter` per store
profile and call it when something happened; it never drives a sale:

* :meth:`Counter.sale_paid`: reads the order back from the store, prints its receipt and,
  for a cash tender only, opens the drawer in the same print job (exactly once);
* :meth:`Counter.cash_tendered`: a cash tender completed (the receipt printed later, or
  not at all): the drawer opens, once for an order whoever calls;
* :meth:`Counter.no_sale`, :meth:`Counter.paid_out`: the drawer for the shift's actions;
* :meth:`Counter.reprint`: the last receipt again;
* :meth:`Counter.show_total`: the pole display's two lines, where the profile has one.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pos.api.client import BigCommerceClient
from pos.api.errors import Forbidden, NotFound
from pos.sale.money import format_money

from .drawer import CashDrawer
from .printer import QtPrint, ReceiptPrinter
from .receipt import Receipt, ReceiptOptions, receipt_from_order
from .settings import HardwareSettings

__all__ = ["Counter", "fetch_receipt"]


async def fetch_receipt(client: BigCommerceClient, order_id: int,
                        options: ReceiptOptions) -> Receipt:
    """The receipt of ``order_id`` as the store holds it: ``GET /v2/orders/{id}``, its
    products, and its transactions (for the card's last four digits; left off when the
    API account may not read them). Raises the client's errors (``NotFound``...)."""
    order = await client.orders.get(order_id)
    products = await client.orders.products(order_id)
    transactions: Sequence[Any]
    try:
        transactions = await client.orders.transactions(order_id)
    except (Forbidden, NotFound):
        transactions = []
    return receipt_from_order(order, products, options, transactions=transactions)


class Counter:
    """The hardware of one register (see the module's description). Without a printer in
    the profile, printing and the drawer do nothing and say so (False)."""

    def __init__(self, settings: HardwareSettings, *, qt_print: QtPrint | None = None) -> None:
        self.settings = settings
        self.printer: ReceiptPrinter | None = None
        if settings.printer is not None:
            self.printer = ReceiptPrinter(
                settings.printer, paper_width=settings.paper_width,
                locale=settings.receipt.locale, qt_print=qt_print,
            )
        self.drawer = CashDrawer(self.printer, settings.drawer_pin)
        self._cash_opened: set[int] = set()  # orders whose cash tender opened the drawer

    async def sale_paid(self, client: BigCommerceClient, order_id: int, tender: str) -> bool:
        """A sale was paid by ``tender`` (``"cash"``, ``"card"``...): print its receipt from
        the order as the store holds it, opening the drawer for cash. Returns whether the
        receipt was printed. Raises PrinterError (the sale stays paid: print it again with
        :meth:`reprint`) or the client's errors."""
        if self.printer is None:
            return False
        receipt = await fetch_receipt(client, order_id, self.settings.receipt)
        cash = CashDrawer.opens_for(tender) and order_id not in self._cash_opened
        if cash:
            self._cash_opened.add(order_id)
        try:
            opened = await self.drawer.sale_paid(receipt, tender if cash else "")
        except BaseException:
            self._cash_opened.discard(order_id)
            raise
        if cash and not opened:
            self._cash_opened.discard(order_id)
        return True

    async def cash_tendered(self, order_id: int) -> bool:
        """A cash tender of ``order_id`` completed: open the drawer (alone, no receipt),
        once for the order: a later :meth:`sale_paid` of it prints without opening it
        again. Returns whether the drawer opened. Raises PrinterError."""
        if self.printer is None or order_id in self._cash_opened:
            return False
        self._cash_opened.add(order_id)  # a second call meanwhile does nothing
        try:
            opened = await self.drawer.tender_completed("cash")
        except BaseException:
            self._cash_opened.discard(order_id)
            raise
        if not opened:
            self._cash_opened.discard(order_id)
        return opened

    async def reprint(self) -> Receipt | None:
        if self.printer is None or self.printer.last_receipt is None:
            return None
        return await self.printer.reprint()

    async def no_sale(self, *, permitted: bool) -> bool:
        return await self.drawer.no_sale(permitted=permitted)

    async def paid_out(self) -> bool:
        return await self.drawer.paid_out()

    async def show_total(self, label: str, amount: Decimal, currency: str) -> bool:
        """``label`` and the amount on the pole display, where the profile names one."""
        if self.printer is None or not self.settings.pole_display:
            return False
        await self.printer.show_on_pole(
            label, format_money(amount, currency, self.settings.receipt.locale).rjust(20))
        return True

    def close(self) -> None:
        if self.printer is not None:
            self.printer.close()

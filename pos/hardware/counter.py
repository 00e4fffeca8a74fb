"""The counter's hardware for one register, built from the profile: the receipt printer,
the drawer behind it and the pole display, and what a paid sale does with them.

The faces of the register (the window, ``pos sale``) build one :class:`Counter` per store
profile and call it when something happened; it never drives a sale:

* :meth:`Counter.sale_paid`: prints the receipt (built from the order the sale read to
  confirm it, else read back from the store) and,
  for a cash tender only, opens the drawer in the same print job (exactly once);
* :meth:`Counter.cash_tendered`: a cash tender completed (the receipt printed later, or
  not at all): the drawer opens, once for an order whoever calls;
* :meth:`Counter.no_sale`, :meth:`Counter.paid_out`: the drawer for the shift's actions;
* :meth:`Counter.reprint`: the last receipt again;
* :meth:`Counter.show_total`: the pole display's two lines, where the profile has one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any, Protocol

from pos.api.client import BigCommerceClient
from pos.api.errors import Forbidden, NotFound
from pos.api.orders import OrderWithProducts
from pos.sale.money import format_money

from .drawer import CashDrawer
from .printer import QtPrint, ReceiptPrinter
from .receipt import Receipt, ReceiptOptions, receipt_from_order
from .settings import HardwareSettings


class _Payment(Protocol):
    @property
    def masked_card(self) -> str | None: ...

    @property
    def transaction_id(self) -> str | None: ...


class PaidSale(Protocol):
    """What :func:`sale_receipt` reads of a sale (``pos.sale.Sale``)."""

    @property
    def confirmed_order(self) -> OrderWithProducts | None: ...

    @property
    def result(self) -> _Payment | None: ...

__all__ = ["Counter", "fetch_receipt", "receipt_of", "sale_receipt"]


def receipt_of(confirmed: OrderWithProducts, options: ReceiptOptions, *,
               masked_card: str | None = None, transaction_id: str | None = None) -> Receipt:
    """The receipt of an order already read with its products (a sale's confirmed order):
    its lines, totals and status as the store holds them, and the card the clerk charged
    (``masked_card``, the payment's ``transaction_id``). No call to the store."""
    receipt = receipt_from_order(confirmed.order, confirmed.products, options)
    return replace(receipt, masked_card=masked_card or receipt.masked_card,
                   transaction_id=transaction_id or receipt.transaction_id)


def sale_receipt(sale: PaidSale, options: ReceiptOptions) -> Receipt | None:
    """The receipt of a paid ``sale`` from the order it read to confirm the payment, with
    the card its payment result names; None when the sale holds no confirmed order (read
    it with :func:`fetch_receipt`)."""
    confirmed = sale.confirmed_order
    if confirmed is None:
        return None
    result = sale.result
    return receipt_of(confirmed, options,
                      masked_card=result.masked_card if result is not None else None,
                      transaction_id=result.transaction_id if result is not None else None)


async def fetch_receipt(client: BigCommerceClient, order_id: int,
                        options: ReceiptOptions, *, masked_card: str | None = None,
                        transaction_id: str | None = None) -> Receipt:
    """The receipt of ``order_id`` as the store holds it: the order with its products
    (one call, :meth:`pos.api.orders.Orders.get_with_products`), and, when the card is
    not known (``masked_card``), its transactions for the card's last four digits (left
    off when the API account may not read them). Raises the client's errors
    (``NotFound``...)."""
    confirmed = await client.orders.get_with_products(order_id)
    if masked_card:
        return receipt_of(confirmed, options, masked_card=masked_card,
                          transaction_id=transaction_id)
    transactions: Sequence[Any]
    try:
        transactions = await client.orders.transactions(order_id)
    except (Forbidden, NotFound):
        transactions = []
    return receipt_from_order(confirmed.order, confirmed.products, options,
                              transactions=transactions)


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

    async def sale_paid(self, client: BigCommerceClient, order_id: int, tender: str, *,
                        receipt: Receipt | None = None) -> bool:
        """A sale was paid by ``tender`` (``"cash"``, ``"card"``...): print its receipt from
        the order as the store holds it, opening the drawer for cash. ``receipt``: the
        receipt already built (e.g. :func:`receipt_of` the sale's confirmed order), printed
        with no call to the store; without it the order is read (:func:`fetch_receipt`).
        Returns whether the receipt was printed. Raises PrinterError (the sale stays paid:
        print it again with :meth:`reprint`) or the client's errors."""
        if self.printer is None:
            return False
        if receipt is None or receipt.order_id != order_id:
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

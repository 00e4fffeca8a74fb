"""The cash drawer, opened by a pulse through the receipt printer.

The tenders and the shift call :class:`CashDrawer`; it decides whether the drawer opens:

* a **cash** tender that completed: yes (with the sale's receipt, in the same print job,
  through :meth:`CashDrawer.sale_paid`, or alone through :meth:`CashDrawer.tender_completed`);
* a **no-sale** the clerk is permitted to make: yes; not permitted: :class:`DrawerRefused`;
* a **paid-out**: yes;
* a **card** (or any other non-cash) tender: never.

The pin (2 or 5) comes from the profile's ``drawer_pin``.
"""

from __future__ import annotations

import enum
import logging

from .printer import PrinterError, ReceiptPrinter
from .receipt import Receipt

__all__ = ["CASH_TENDERS", "CashDrawer", "DrawerReason", "DrawerRefused"]

log = logging.getLogger("pos.hardware")

#: Tender kinds that put money in the drawer.
CASH_TENDERS = frozenset({"cash"})


class DrawerReason(enum.StrEnum):
    CASH_TENDER = "cash_tender"
    NO_SALE = "no_sale"
    PAID_OUT = "paid_out"


class DrawerRefused(PrinterError):
    """The drawer may not be opened for this (a no-sale without permission)."""


class CashDrawer:
    """The drawer wired to ``printer`` on ``pin``; ``printer`` None: no drawer here (every
    call is then a no-op that returns False)."""

    def __init__(self, printer: ReceiptPrinter | None, pin: int = 2) -> None:
        if pin not in (2, 5):
            raise ValueError("the drawer's pin must be 2 or 5")
        self.printer = printer
        self.pin = pin
        self.opened: list[DrawerReason] = []  # this session's openings, oldest first

    @property
    def present(self) -> bool:
        return self.printer is not None and self.printer.can_open_drawer

    @staticmethod
    def opens_for(tender: str) -> bool:
        """Whether a completed tender of kind ``tender`` opens the drawer (cash only)."""
        return tender.strip().lower() in CASH_TENDERS

    async def _open(self, reason: DrawerReason) -> bool:
        if not self.present:
            return False
        assert self.printer is not None
        await self.printer.kick_drawer(self.pin)
        self.opened.append(reason)
        log.info("cash drawer opened: %s", reason.value)
        return True

    async def sale_paid(self, receipt: Receipt | None, tender: str) -> bool:
        """A sale is paid by ``tender``: print its receipt (when there is a printer and a
        receipt) and open the drawer for cash in the same job. Returns whether the drawer
        was opened. Never opens it for a card."""
        cash = self.opens_for(tender)
        if self.printer is None:
            return False
        if receipt is None:
            return await self._open(DrawerReason.CASH_TENDER) if cash else False
        pin = self.pin if cash and self.present else None
        await self.printer.print_receipt(receipt, open_drawer_pin=pin)
        if pin is not None:
            self.opened.append(DrawerReason.CASH_TENDER)
            log.info("cash drawer opened: %s", DrawerReason.CASH_TENDER.value)
        return pin is not None

    async def tender_completed(self, tender: str) -> bool:
        """A tender completed without a receipt being printed now: open for cash only."""
        if not self.opens_for(tender):
            return False
        return await self._open(DrawerReason.CASH_TENDER)

    async def no_sale(self, *, permitted: bool) -> bool:
        """Open the drawer without a sale, when the clerk is permitted to."""
        if not permitted:
            raise DrawerRefused("Opening the drawer without a sale needs a manager's approval.")
        return await self._open(DrawerReason.NO_SALE)

    async def paid_out(self) -> bool:
        """Open the drawer for money paid out of it."""
        return await self._open(DrawerReason.PAID_OUT)

"""Tenders that are not a card charged through the Payments API: cash, a standalone card
terminal, a check or another tender the profile names.

The money changes hands at the counter; the store learns of it through the documented
order update ``PUT /v2/orders/{id}`` with ``status_id``, ``payment_method`` (BigCommerce's
own examples list ``Cash``), ``payment_provider_id`` (the terminal's approval reference)
and ``staff_notes`` (tendered and change, where a person at the control panel sees them).

The update is a payment like the card's: journaled before it is sent (an attempt of the
sale), its outcome after; a lost answer is settled by re-reading the order's status
(:class:`~pos.sale.settlement.Settlement`) before anything is sent again; the journal
refuses a second attempt while one is uncertain or once one succeeded, so a sale is never
recorded as paid by cash and charged by card as well.

Split tender: the Payments API charges a card for the order's whole amount, so a card
charge cannot share an order with cash. A split of *recorded* tenders (cash plus the
external terminal, say) is recorded truthfully in one update: each part named in
``payment_method`` and ``staff_notes``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from pos.sale.errors import SaleValidationError
from pos.sale.phrases import SALE_WORDS

__all__ = [
    "CARD_TERMINAL",
    "CASH",
    "PAID_STATUS_ID",
    "CashPayment",
    "OtherPayment",
    "RecordedPayment",
    "RecordedTender",
    "SplitPayment",
    "TenderRecord",
    "TerminalPayment",
    "cash_due",
    "money",
    "parse_tender",
]

#: The status a recorded payment moves the order to: 11 Awaiting Fulfillment, the status
#: a captured card payment leads to at the store.
PAID_STATUS_ID = 11

_REFERENCE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/.]{0,39}$")
_CENT = Decimal("0.01")

_AMOUNT = SALE_WORDS("tender.amount", "Type an amount such as 50.00.")
_AMOUNT_CENTS = SALE_WORDS("tender.amount_cents", "Type an amount above zero with at most "
                           "two decimals, such as 50.00.")
_SPLIT_TWO = SALE_WORDS("tender.split_two", "A split needs two tenders or more.")
_LAST4 = SALE_WORDS("tender.last4", "Type the card's last 4 digits as printed on the "
                    "terminal's slip.")
_APPROVAL = SALE_WORDS("tender.approval", "Type the terminal's approval code (letters and "
                       "digits, up to 40; never a card number).")
_NAME_IT = SALE_WORDS("tender.name_it", "Name the tender.")
_REFERENCE = SALE_WORDS("tender.reference", "The reference has letters and digits only, up "
                        "to 40.")
_CASH_HANDED = SALE_WORDS("tender.cash_handed", "Type the cash handed over.")
_CASH_SHORT = SALE_WORDS("tender.cash_short", "{tendered} does not cover the {due} due.")
_PARTS_SUM = SALE_WORDS("tender.parts_sum", "The parts add up to {sum}, not the {total} due.")
_CASH_PART_SHORT = SALE_WORDS("tender.cash_part_short",
                              "{tendered} does not cover the cash part {amount}.")
_AN_OBJECT = SALE_WORDS("tender.an_object", "The payment must be an object.")
_TERMINAL_FIELDS = SALE_WORDS("tender.terminal_fields",
                              "Give the terminal's \"reference\" and \"last4\".")
_TERMINAL_ONLY = SALE_WORDS("tender.terminal_only", "A terminal payment has only "
                            "\"reference\" and \"last4\" (never a card number).")
_OTHER_NAME = SALE_WORDS("tender.other_name", "Give the tender's \"name\".")
_NOT_LISTED = SALE_WORDS("tender.not_listed",
                         "The profile does not list the tender {name} (it lists: {listed}).")
_NONE_LISTED = SALE_WORDS("tender.none_listed", "none")
_UNKNOWN = SALE_WORDS("tender.unknown", "Unknown tender.")
#: The names of the recorded tenders, as the store and the clerk see them.
CASH = SALE_WORDS("tender.cash", "Cash")
CARD_TERMINAL = SALE_WORDS("tender.card_terminal", "Card terminal")


def money(value: Any, field: str) -> Decimal:
    """A positive amount of money with at most two decimals (SaleValidationError else)."""
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise SaleValidationError.one(field, _AMOUNT()) from None
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(_CENT):
        raise SaleValidationError.one(field, _AMOUNT_CENTS())
    return amount


def cash_due(total: Decimal, rounding: Decimal | None) -> Decimal:
    """What the customer pays in cash: the total rounded to the smallest coin (half up)
    where the profile names one (e.g. 0.05), else the total."""
    if rounding is None or rounding <= 0:
        return total
    steps = (total / rounding).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return (steps * rounding).quantize(_CENT)


@dataclass(frozen=True)
class CashPayment:
    """Cash: ``tendered`` handed over; ``rounding`` the smallest coin (None: none)."""

    tendered: Decimal
    rounding: Decimal | None = None


@dataclass(frozen=True)
class TerminalPayment:
    """A standalone card terminal: its approval reference and the card's last 4 digits
    (never a card number)."""

    reference: str
    last4: str
    name: str = CARD_TERMINAL()


@dataclass(frozen=True)
class OtherPayment:
    """A check or another tender the profile names; ``reference`` e.g. the check number."""

    name: str
    reference: str = ""


@dataclass(frozen=True)
class SplitPayment:
    """Several recorded tenders on one sale; cash, when one of them, is ``cash_amount``
    of the total (the rest is the other parts' ``amounts``)."""

    parts: tuple[tuple[CashPayment | TerminalPayment | OtherPayment, Decimal], ...]


RecordedPayment = CashPayment | TerminalPayment | OtherPayment | SplitPayment


@dataclass(frozen=True)
class TenderRecord:
    """What the store is told and the journal keeps of a recorded payment."""

    kind: str
    method_name: str
    provider_id: str
    note: str
    change_due: Decimal
    tendered: Decimal | None
    last4: str | None

    def body(self) -> dict[str, Any]:
        """The documented ``PUT /v2/orders/{id}`` body."""
        body: dict[str, Any] = {
            "status_id": PAID_STATUS_ID,
            "payment_method": self.method_name,
            "staff_notes": self.note,
        }
        if self.provider_id:
            body["payment_provider_id"] = self.provider_id
        return body


def _part_note(part: CashPayment | TerminalPayment | OtherPayment, amount: Decimal,
               currency: str) -> tuple[str, str, str, str | None]:
    """(method name, note, provider id, last4) of one part paying ``amount``."""
    if isinstance(part, CashPayment):
        return CASH(), f"Cash {amount} {currency}", "", None
    if isinstance(part, TerminalPayment):
        return (part.name, f"{part.name} {amount} {currency}, approval {part.reference}, "
                f"card ending {part.last4}", part.reference, part.last4)
    ref = f", ref {part.reference}" if part.reference else ""
    return part.name, f"{part.name} {amount} {currency}{ref}", part.reference, None


class RecordedTender:
    """The strategy of every recorded tender: validates the payment and says what the
    order update records. The charge step sends it (:mod:`pos.sale.charge`)."""

    def accepts(self, payment: object) -> bool:
        return isinstance(payment, CashPayment | TerminalPayment | OtherPayment | SplitPayment)

    def validate(self, payment: RecordedPayment, *, has_customer: bool) -> None:
        del has_customer
        parts = payment.parts if isinstance(payment, SplitPayment) else ((payment, None),)
        if isinstance(payment, SplitPayment) and len(payment.parts) < 2:
            raise SaleValidationError.one("payment", _SPLIT_TWO())
        for part, _ in parts:
            if isinstance(part, TerminalPayment):
                if not (len(part.last4) == 4 and part.last4.isascii() and part.last4.isdigit()):
                    raise SaleValidationError.one("last4", _LAST4())
                ref = part.reference.strip()
                if not _REFERENCE_RE.match(ref) or (ref.isdigit() and len(ref) > 10):
                    raise SaleValidationError.one("reference", _APPROVAL())
            elif isinstance(part, OtherPayment):
                if not part.name.strip():
                    raise SaleValidationError.one("payment", _NAME_IT())
                if part.reference and not _REFERENCE_RE.match(part.reference.strip()):
                    raise SaleValidationError.one("reference", _REFERENCE())
            elif isinstance(part, CashPayment) and part.tendered <= 0:
                raise SaleValidationError.one("tendered", _CASH_HANDED())

    def record(self, payment: RecordedPayment, total: Decimal, currency: str) -> TenderRecord:
        """What the store is told of ``payment`` for an order of ``total``.

        Raises SaleValidationError when the tendered amounts do not cover the total."""
        if isinstance(payment, CashPayment):
            due = cash_due(total, payment.rounding)
            if payment.tendered < due:
                raise SaleValidationError.one("tendered", _CASH_SHORT(
                    tendered=f"{payment.tendered} {currency}", due=f"{due} {currency}"))
            change = payment.tendered - due
            rounded = f" (total {total}, rounded to {payment.rounding})" if due != total \
                else ""
            note = (f"Cash: tendered {payment.tendered} {currency}, due {due} {currency}"
                    f"{rounded}, change {change} {currency}")
            return TenderRecord("cash", CASH(), "", note, change, payment.tendered, None)
        if isinstance(payment, TerminalPayment | OtherPayment):
            name, note, ref, last4 = _part_note(payment, total, currency)
            kind = "terminal" if isinstance(payment, TerminalPayment) else "other"
            return TenderRecord(kind, name, ref, note, Decimal("0.00"), None, last4)
        return self._split(payment, total, currency)

    def _split(self, payment: SplitPayment, total: Decimal, currency: str) -> TenderRecord:
        amounts: Sequence[Decimal] = [a for _, a in payment.parts]
        if sum(amounts, Decimal(0)) != total:
            raise SaleValidationError.one("payment", _PARTS_SUM(
                sum=f"{sum(amounts, Decimal(0))} {currency}", total=f"{total} {currency}"))
        names: list[str] = []
        notes: list[str] = []
        refs: list[str] = []
        last4: str | None = None
        change = Decimal("0.00")
        tendered: Decimal | None = None
        for part, amount in payment.parts:
            name, note, ref, l4 = _part_note(part, amount, currency)
            if isinstance(part, CashPayment):
                if part.tendered < amount:
                    raise SaleValidationError.one("tendered", _CASH_PART_SHORT(
                        tendered=f"{part.tendered} {currency}", amount=amount))
                change = part.tendered - amount
                tendered = part.tendered
                note += f" (tendered {part.tendered}, change {change})"
            names.append(name)
            notes.append(note)
            if ref:
                refs.append(ref)
            last4 = last4 or l4
        return TenderRecord("split", " + ".join(names), " ".join(refs)[:40],
                            "Split: " + "; ".join(notes), change, tendered, last4)


def parse_tender(spec: Any, *, rounding: Decimal | None = None,
                 others: Sequence[str] = ()) -> RecordedPayment:
    """A recorded tender from a spec's payment object: ``{"cash": "50.00"}``,
    ``{"terminal": {"reference": "…", "last4": "4242"}}``, ``{"other": {"name": "Check",
    "reference": "1042"}}`` (a name the profile lists). SaleValidationError else."""
    if not isinstance(spec, dict):
        raise SaleValidationError.one("payment", _AN_OBJECT())
    if "cash" in spec:
        return CashPayment(money(spec["cash"], "cash"), rounding)
    if "terminal" in spec:
        t = spec["terminal"]
        if not isinstance(t, dict):
            raise SaleValidationError.one("terminal", _TERMINAL_FIELDS())
        if set(t) - {"reference", "last4", "name"}:
            raise SaleValidationError.one("terminal", _TERMINAL_ONLY())
        return TerminalPayment(str(t.get("reference", "")).strip(),
                               str(t.get("last4", "")).strip())
    if "other" in spec:
        o = spec["other"]
        if not isinstance(o, dict) or not isinstance(o.get("name"), str):
            raise SaleValidationError.one("other", _OTHER_NAME())
        if o["name"] not in others:
            raise SaleValidationError.one("other", _NOT_LISTED(
                name=repr(o["name"]), listed=", ".join(others) or _NONE_LISTED()))
        return OtherPayment(o["name"], str(o.get("reference", "")).strip())
    raise SaleValidationError.one("payment", _UNKNOWN())

"""What ``pos sale`` does for the tenders besides a card: reads ``{"cash": "50.00"}``,
``{"terminal": {"reference": "…", "last4": "4242"}}`` and ``{"other": {"name": …}}``
payments, splits of them (``{"split": [...]}``, see :func:`parse_split`), a gift
certificate ``{"gift_certificate": "CODE"}`` and the customer's store credit
``{"store_credit": true}`` (charged through the Payments API's instruments), refuses a
sale without an open shift when the profile requires shifts, and once paid adds ``tender``
and ``change_due`` to the printed JSON, records the sale in the open shift and prints the
receipt (kicking the drawer when cash was handed over) on the profile's printer.

A sale finished by ``pos sale --resume`` does the same, exactly once: a sale the shift
already has is not entered again, and a receipt whose printing began (kept in
``receipts.sqlite3`` beside the journal, before anything is sent to the printer) is not
printed again, so the drawer never opens twice for a sale."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = ["RECORDED_KEYS", "STORED_VALUE_KEYS", "SplitSpec", "after_paid", "for_total",
           "is_recorded", "is_tender", "parse_payment", "parse_split", "shift_gate",
           "shift_ledger"]

RECORDED_KEYS = frozenset({"cash", "terminal", "other", "split"})
#: Paid through the Payments API's ``gift_certificate`` and ``store_credit`` instruments.
STORED_VALUE_KEYS = frozenset({"gift_certificate", "store_credit"})

log = logging.getLogger("pos.sale.command")


def is_recorded(payment: Any) -> bool:
    return isinstance(payment, dict) and bool(RECORDED_KEYS & set(payment))


def is_tender(payment: Any) -> bool:
    """A spec's payment that is not a card: a recorded tender or a stored value."""
    return is_recorded(payment) or (isinstance(payment, dict)
                                     and bool(STORED_VALUE_KEYS & set(payment)))


def _stored_value(payment: dict[str, Any]) -> Any:
    from pos.sale.records import GiftCertificatePayment, StoreCreditPayment

    if len(payment) != 1:
        raise ValueError("'payment': a gift certificate or store credit is the payment's "
                         "only field")
    if "gift_certificate" in payment:
        code = payment["gift_certificate"]
        if not isinstance(code, str) or not code.strip() or len(code) > 255:
            raise ValueError("'payment': give the gift certificate's code as text, e.g. "
                             "{\"gift_certificate\": \"GIFT-0100\"}")
        return GiftCertificatePayment(code.strip())
    if payment["store_credit"] is not True:
        raise ValueError("'payment': store credit is {\"store_credit\": true} (the "
                         "customer's, so the spec needs a \"customer\")")
    return StoreCreditPayment()


def parse_payment(payment: dict[str, Any], profile: Any | None) -> Any:
    """The tender of a spec's payment that is not a card (ValueError with one clear
    message)."""
    if STORED_VALUE_KEYS & set(payment):
        return _stored_value(payment)
    if "split" in payment:
        return parse_split(payment, profile)
    from pos.sale.errors import SaleValidationError
    from pos.sale.tenders import parse_tender

    rounding = None
    others: tuple[str, ...] = ()
    if profile is not None:
        rounding = Decimal(profile.cash_rounding) if profile.cash_rounding else None
        others = tuple(profile.tenders)
    elif "other" in payment and isinstance(payment["other"], dict):
        others = (str(payment["other"].get("name")),)  # checked against the profile later
    try:
        return parse_tender(payment, rounding=rounding, others=others)
    except SaleValidationError as exc:
        raise ValueError(f"'payment': {exc}") from None


def shift_ledger(profile: Any, data_dir: Path) -> Any:
    from pos.shift import ShiftLedger

    return ShiftLedger(data_dir / "shifts.jsonl", profile.terminal_name or "register")


def shift_gate(profile: Any, data_dir: Path) -> str | None:
    """Why a sale may not start (no open shift where the profile requires one), or None."""
    if getattr(profile, "require_shift", False) and \
            shift_ledger(profile, data_dir).current() is None:
        return ("no shift is open on this register and the profile requires one: open it "
                "with 'pos shift open --float AMOUNT'")
    return None


def _tender_name(sale: Any, payment: Any) -> str:
    record = getattr(sale, "tender_record", None)
    if record is not None:
        return str(record.kind)
    from pos.sale import StoredCard
    from pos.sale.records import GiftCertificatePayment, StoreCreditPayment

    if isinstance(payment, GiftCertificatePayment):
        return "gift_certificate"
    if isinstance(payment, StoreCreditPayment):
        return "store_credit"
    return "stored_card" if isinstance(payment, StoredCard) else "card"


#: The file, beside the journal, that keeps which paid sales' receipts were sent.
RECEIPTS_FILE = "receipts.sqlite3"


class ReceiptMarks:
    """Which paid orders' receipts (and the drawer with them) were sent to the printer:
    marked *started* before anything is sent, *printed* once the printer took it. Durable
    (SQLite, synchronous), so that a run killed midway never prints or opens again."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.execute("CREATE TABLE IF NOT EXISTS receipts (order_id INTEGER PRIMARY KEY,"
                         " started_at TEXT NOT NULL, printed_at TEXT)")

    def state(self, order_id: int) -> str | None:
        """None (never sent), ``"started"`` or ``"printed"``."""
        row = self._db.execute("SELECT printed_at FROM receipts WHERE order_id = ?",
                               (order_id,)).fetchone()
        if row is None:
            return None
        return "started" if row[0] is None else "printed"

    def started(self, order_id: int) -> None:
        self._db.execute("INSERT INTO receipts (order_id, started_at) VALUES (?, ?)",
                         (order_id, datetime.now(UTC).isoformat()))

    def printed(self, order_id: int) -> None:
        self._db.execute("UPDATE receipts SET printed_at = ? WHERE order_id = ?",
                         (datetime.now(UTC).isoformat(), order_id))

    def close(self) -> None:
        self._db.close()


def _paid_attempt(data_dir: Path, sale_id: Any) -> Any:
    """The journal's successful payment attempt of ``sale_id`` (its tender's kind and the
    amount), or None."""
    if not sale_id:
        return None
    from pos.sale.journal import Journal, PaymentOutcome

    path = data_dir / "journal.sqlite3"
    if not path.exists():
        return None
    try:
        with Journal(path) as journal:
            record = journal.get(str(sale_id))
    except Exception as exc:  # the tender is then told by the payment given, or unknown
        log.info("the journal could not be read for sale %s: %s", sale_id,
                 type(exc).__name__)
        return None
    if record is None:
        return None
    paid = [a for a in record.attempts if a.outcome is PaymentOutcome.SUCCESS]
    return paid[-1] if paid else None


def _resumed_tender(data_dir: Path, sale_id: Any, payment: Any) -> tuple[str, Any] | None:
    """(tender, record) of a sale finished by ``--resume``: the kind the journal kept,
    and the record of the spec's payment for the amount paid when it is of that kind
    (else None: the change handed over is then unknown)."""
    attempt = _paid_attempt(data_dir, sale_id)
    if attempt is None:
        return None
    kind = str(attempt.method_kind)
    from pos.sale.errors import SaleValidationError
    from pos.sale.tenders import CashPayment, OtherPayment, RecordedTender, TerminalPayment

    recorded = isinstance(payment, SplitSpec | CashPayment | TerminalPayment | OtherPayment)
    if recorded:
        try:
            record = RecordedTender().record(for_total(payment, attempt.amount), attempt.amount,
                                     attempt.currency)
        except SaleValidationError:
            record = None
        if record is not None and record.kind == kind:
            return kind, record
    return kind, None


async def after_paid(profile: Any, token: str, data_dir: Path, sale: Any, payment: Any,
                     out: dict[str, Any], *, resumed: bool = False,
                     on_mark: Callable[[str], None] | None = None) -> None:
    """Complete ``out`` (the printed JSON) for a sale; for a paid one, record it in the
    open shift and print its receipt (see the module's description). ``resumed``: the
    sale was finished (or found paid) by ``--resume``, perhaps partly followed up by the
    run that was stopped. ``on_mark(kind)`` is called once ``"shift_recorded"``,
    ``"receipt_started"`` or ``"receipt_printed"`` is durable (crash tests)."""
    out["tender"] = None
    out["change_due"] = None
    if out.get("outcome") != "paid" or out.get("order_id") is None:
        return
    mark = on_mark or (lambda _kind: None)
    record = getattr(sale, "tender_record", None)
    tender = _tender_name(sale, payment)
    if resumed and record is None:
        found = _resumed_tender(data_dir, out.get("sale_id"), payment)
        if found is not None:
            tender, record = found
    out["tender"] = tender
    if record is not None:
        out["change_due"] = str(record.change_due)
    elif tender not in ("cash", "split"):
        out["change_due"] = "0.00"
    order_id = int(out["order_id"])
    from pos.composition import build_client

    client = build_client(profile, token)
    client.open()
    try:
        ledger = shift_ledger(profile, data_dir)
        entered = _shift_with(ledger, order_id)
        if entered is not None:
            out["shift_id"] = entered
        elif ledger.current() is not None:
            await _record_in_shift(client, ledger, order_id, tender, record, out)
            mark("shift_recorded")
        if profile.printer:
            marks = ReceiptMarks(data_dir / RECEIPTS_FILE)
            try:
                state = marks.state(order_id)
                if state == "printed":
                    out["receipt_printed"] = True
                elif state == "started":
                    out["receipt_printed"] = False
                    out["receipt_error"] = (
                        "the register stopped while this receipt was being printed; the "
                        "drawer is not opened again. If no receipt came out, print it with "
                        f"'pos receipt --order {order_id}'")
                else:
                    marks.started(order_id)
                    mark("receipt_started")
                    await _print_receipt(profile, client, order_id,
                                         _drawer_tender(tender, record), out)
                    if out.get("receipt_printed"):
                        marks.printed(order_id)
                        mark("receipt_printed")
            finally:
                marks.close()
    finally:
        await client.aclose()


def _shift_with(ledger: Any, order_id: int) -> str | None:
    """The shift that already has the sale of ``order_id`` (this register's), or None."""
    for event in ledger.events():
        if event.get("kind") == "sale" and event.get("order_id") == order_id:
            return str(event.get("shift_id") or "") or None
    return None


async def _record_in_shift(client: Any, ledger: Any, order_id: int, tender: str,
                           record: Any, out: dict[str, Any]) -> None:
    from pos.api.errors import BigCommerceError
    from pos.shift import order_figures

    total = Decimal(str(out.get("grand_total") or "0"))
    discount = Decimal(0)
    taxes: dict[str, Decimal] = {}
    try:
        figures = await order_figures(client, order_id)
        total, discount, taxes = figures.total, figures.discount, figures.taxes
    except BigCommerceError as exc:
        log.info("order %s: read for the shift failed (%s)", order_id, type(exc).__name__)
    cash: Decimal | None = None
    if record is not None and record.tendered is not None:
        cash = record.tendered - record.change_due
    ledger.record_sale(order_id, tender, total, cash=cash, discount=discount, taxes=taxes,
                       change_due=record.change_due if record is not None else Decimal(0))
    out["shift_id"] = ledger.current().shift_id


async def _print_receipt(profile: Any, client: Any, order_id: int, tender: str,
                         out: dict[str, Any]) -> None:
    from pos.hardware.counter import Counter
    from pos.hardware.settings import HardwareSettings

    counter = Counter(HardwareSettings.from_profile(profile))
    try:
        out["receipt_printed"] = await counter.sale_paid(client, order_id, tender)
    except Exception as exc:  # the sale stays paid: reprint with 'pos receipt'
        out["receipt_printed"] = False
        out["receipt_error"] = f"the receipt was not printed ({type(exc).__name__}); " \
            f"print it again with 'pos receipt --order {order_id}'"
    finally:
        counter.close()


def _drawer_tender(tender: str, record: Any) -> str:
    """The tender the cash drawer goes by: cash when cash was handed over (a cash tender,
    or a split with a cash part), else ``tender`` (a card or terminal never opens it)."""
    if record is not None and getattr(record, "tendered", None) is not None:
        return "cash"
    return tender


SPLIT_FORM = ("a split is {\"split\": [PART, PART, ...]}: two tenders or more, each a cash, "
              "terminal or other payment with the \"amount\" of the total it pays (one part "
              "may leave it out: it pays the rest)")


@dataclass(frozen=True)
class SplitSpec:
    """A spec's split: its recorded tenders, each with the amount of the total it pays
    (None: the rest, known once the order is made; see :func:`for_total`)."""

    parts: tuple[tuple[Any, Decimal | None], ...]


def parse_split(payment: dict[str, Any], profile: Any | None) -> SplitSpec:
    """``{"split": [{"cash": "50.00", "amount": "20.00"}, {"terminal": {...}}]}``: a cash
    part's ``cash`` is what was tendered, its ``amount`` what it pays (the rest is change).
    ValueError with one clear message."""
    from pos.sale.errors import SaleValidationError
    from pos.sale.tenders import CashPayment, money

    parts = payment.get("split")
    if set(payment) != {"split"} or not isinstance(parts, list) or len(parts) < 2:
        raise ValueError(f"'payment': {SPLIT_FORM}")
    out: list[tuple[Any, Decimal | None]] = []
    for n, part in enumerate(parts, 1):
        if not isinstance(part, dict) or "split" in part \
                or len(RECORDED_KEYS & set(part)) != 1 or set(part) - RECORDED_KEYS - {"amount"}:
            raise ValueError(f"'payment': split part {n} must be one cash, terminal or other "
                             "payment with its \"amount\"")
        try:
            tender = parse_payment({k: v for k, v in part.items() if k != "amount"}, profile)
        except ValueError as exc:
            raise ValueError(str(exc).replace("'payment':", f"'payment': split part {n}:",
                                              1)) from None
        amount: Decimal | None = None
        if "amount" in part:
            try:
                amount = money(part["amount"], "amount")
            except SaleValidationError as exc:
                raise ValueError(f"'payment': split part {n}: {exc}") from None
        out.append((tender, amount))
    if sum(1 for _, amount in out if amount is None) > 1:
        raise ValueError("'payment': one part of a split at most leaves out its \"amount\" "
                         "(it pays the rest)")
    if sum(1 for tender, _ in out if isinstance(tender, CashPayment)) > 1:
        raise ValueError("'payment': a split has one cash part at most")
    return SplitSpec(tuple(out))


def for_total(payment: Any, total: Decimal) -> Any:
    """The payment to make for an order of ``total``: a split's part without an amount
    pays what the others leave (SaleValidationError when they leave nothing)."""
    if not isinstance(payment, SplitSpec):
        return payment
    from pos.sale.errors import SaleValidationError
    from pos.sale.tenders import SplitPayment

    known = sum((amount for _, amount in payment.parts if amount is not None), Decimal(0))
    parts = []
    for tender, amount in payment.parts:
        if amount is None:
            if known >= total:
                raise SaleValidationError.one(
                    "payment", f"The split's amounts ({known}) leave nothing of the {total} "
                    "due for the part without an amount.")
            amount = total - known
        parts.append((tender, amount))
    return SplitPayment(tuple(parts))

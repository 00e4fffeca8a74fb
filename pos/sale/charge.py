"""The charge: one payment attempt, journaled before it is sent, and what its answer means.

How a payment is sent depends on its *tender* (:class:`Tender`: today the card tender,
for a typed card or a stored one; a cash drawer or an external terminal plugs in beside
it). What an error means does not: :data:`ERROR_OUTCOMES` is the one table from the
client's error kinds to what is journaled and what the clerk is told.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from pydantic import SecretStr

import pos.sale.view as view
from pos.api.errors import (
    ApiError,
    BigCommerceError,
    ConnectionFailed,
    DuplicatePayment,
    OrderNotPayable,
    OutcomeUnknown,
    PaymentAmountMismatch,
    PaymentDataInvalid,
    PaymentDeclined,
    PaymentError,
    StoredInstrumentNotFound,
)
from pos.api.models import Card, GiftCertificate, PaymentMethod, StoreCredit
from pos.api.models import StoredCard as ApiStoredCard
from pos.sale.context import SaleContext
from pos.sale.errors import SaleError, SaleValidationError, StepNotReady, store_problem
from pos.sale.fulfilment import Fulfilment
from pos.sale.journal import AlreadyPaid, PaymentInFlight, PaymentOutcome
from pos.sale.messages import ClerkMessage, NextStep, ValidationError, payment_message
from pos.sale.order import Orders
from pos.sale.phrases import SALE_WORDS
from pos.sale.records import (
    GiftCertificatePayment,
    NewCard,
    Payment,
    PaymentResult,
    StoreCreditPayment,
    StoredCard,
    StoredCardInfo,
)
from pos.sale.settlement import Settlement
from pos.sale.tenders import RecordedPayment, RecordedTender, TenderRecord

_SAVE_NEEDS_CUSTOMER = SALE_WORDS(
    "charge.save_needs_customer",
    "A card can be saved only for a known customer.",
)
_STORED_NEEDS_CUSTOMER = SALE_WORDS(
    "charge.stored_needs_customer",
    "Stored cards need the customer who owns them; choose the customer first.",
)
_CVV_3_OR_4 = SALE_WORDS("charge.cvv_3_or_4", "The security code has 3 or 4 digits.")
_GIFT_CODE = SALE_WORDS("charge.gift_code", "Type the gift certificate's code.")
_CREDIT_NEEDS_CUSTOMER = SALE_WORDS(
    "charge.credit_needs_customer",
    "Store credit belongs to a customer; choose the customer first.",
)
_NO_GIFT_CERTIFICATES = SALE_WORDS(
    "charge.no_gift_certificates",
    "The store does not accept gift certificates.",
)
_NO_STORE_CREDIT = SALE_WORDS("charge.no_store_credit", "The store does not accept store credit.")
_CHOOSE_CARD = SALE_WORDS("charge.choose_card", "Choose a card.")
_GIFT_CERTIFICATE = SALE_WORDS("tender.gift_certificate", "Gift certificate")
_STORE_CREDIT = SALE_WORDS("tender.store_credit", "Store credit")
_MASKED = SALE_WORDS("tender.masked", "{name} ****{last4}")
_SALE_CHANGED = SALE_WORDS("charge.sale_changed", "The sale changed")
_NOTHING_CHARGED_BECAUSE = SALE_WORDS(
    "charge.nothing_charged_because",
    "Nothing was charged. {reason}",
)
_TOTAL_CHANGED = SALE_WORDS("charge.total_changed", "The total changed")
_NOT_REMADE = SALE_WORDS(
    "charge.not_remade",
    "Nothing was charged. The order could not be made again with the new total: {reason} Try "
    "again when the store answers.",
)

__all__ = ["ERROR_OUTCOMES", "RECORDED", "CardTender", "Charger", "Tender", "Then"]

log = logging.getLogger("pos.sale")


# --------------------------------------------------------------------------- tenders


@dataclass(frozen=True)
class TenderDetails:
    """What the journal keeps of a payment, and how the receipt names it."""

    method_id: str
    kind: str
    brand: str | None
    last4: str | None
    masked: str | None


class Tender(Protocol):
    """One way to pay: checks a payment before anything is sent, describes it for the
    journal, builds what the payments API is sent, and forgets its secrets after."""

    def accepts(self, payment: object) -> bool: ...

    def validate(self, payment: Payment, *, has_customer: bool) -> None: ...

    def describe(self, payment: Payment, methods: Sequence[PaymentMethod],
                 stored: StoredCardInfo | None) -> TenderDetails: ...

    def instrument(self, payment: Payment) -> tuple[Instrument, bool | None]: ...

    def wipe(self, payment: Payment) -> None: ...


Instrument = Card | ApiStoredCard | GiftCertificate | StoreCredit


class CardTender:
    """A card typed by the clerk (:class:`NewCard`) or one of the customer's stored cards
    (:class:`StoredCard`)."""

    def accepts(self, payment: object) -> bool:
        return isinstance(payment, NewCard | StoredCard)

    def validate(self, payment: Payment, *, has_customer: bool) -> None:
        if isinstance(payment, NewCard):
            errors = payment.card.validate()
            if payment.save and not has_customer:
                errors.append(ValidationError(
                    "save_instrument", _SAVE_NEEDS_CUSTOMER()
                ))
            if errors:
                raise SaleValidationError(errors)
            return
        assert isinstance(payment, StoredCard)
        if not has_customer:
            raise SaleValidationError.one("token", _STORED_NEEDS_CUSTOMER())
        if payment.cvv is not None and not (payment.cvv.isdigit() and len(payment.cvv) in (3, 4)):
            raise SaleValidationError.one("cvv", _CVV_3_OR_4())

    def describe(self, payment: Payment, methods: Sequence[PaymentMethod],
                 stored: StoredCardInfo | None) -> TenderDetails:
        if isinstance(payment, StoredCard):
            method_id = stored.method_id if stored is not None and stored.method_id else \
                view.card_method(methods).id
            return TenderDetails(
                method_id=method_id,
                kind="stored_card",
                brand=stored.brand if stored is not None else None,
                last4=stored.last_4 if stored is not None and stored.last_4.isdigit() else None,
                masked=view.masked(payment, stored),
            )
        assert isinstance(payment, NewCard)
        return TenderDetails(
            method_id=view.card_method(methods).id,
            kind="card",
            brand=payment.card.brand.display_name if payment.card.brand is not None else None,
            last4=payment.card.last4 or None,
            masked=view.masked(payment, stored),
        )

    def instrument(self, payment: Payment) -> tuple[Instrument, bool | None]:
        if isinstance(payment, NewCard):
            card = payment.card
            return Card(
                cardholder_name=card.cardholder_name,
                number=SecretStr(card.number),
                expiry_month=int(card.expiry_month),
                expiry_year=int(card.expiry_year),
                verification_value=SecretStr(card.cvv) if card.cvv else None,
            ), (True if payment.save else None)
        assert isinstance(payment, StoredCard)
        return ApiStoredCard(
            token=SecretStr(payment.token),
            verification_value=SecretStr(payment.cvv) if payment.cvv else None,
        ), None

    def wipe(self, payment: Payment) -> None:
        if isinstance(payment, NewCard):
            # The card data leaves memory now (PCI DSS 3.3.1).
            payment.card.wipe()


class StoredValueTender:
    """A gift certificate or the customer's store credit, through the Payments API's
    documented instruments (``gift_certificate``, ``store_credit``) where the store's
    payment methods list them. The instrument pays the order's whole amount: a balance
    below the total is refused before anything is sent (:meth:`Sale.charge`)."""

    def accepts(self, payment: object) -> bool:
        return isinstance(payment, GiftCertificatePayment | StoreCreditPayment)

    def validate(self, payment: Payment, *, has_customer: bool) -> None:
        if isinstance(payment, GiftCertificatePayment) and not payment.code.strip():
            raise SaleValidationError.one("code", _GIFT_CODE())
        if isinstance(payment, StoreCreditPayment) and not has_customer:
            raise SaleValidationError.one("payment", _CREDIT_NEEDS_CUSTOMER())

    def describe(self, payment: Payment, methods: Sequence[PaymentMethod],
                 stored: StoredCardInfo | None) -> TenderDetails:
        kind = "gift_certificate" if isinstance(payment, GiftCertificatePayment) \
            else "store_credit"
        method = next((m for m in methods if (m.type or "").lower() == kind), None)
        if method is None:
            raise SaleValidationError.one(
                "payment", _NO_GIFT_CERTIFICATES() if kind == "gift_certificate"
                else _NO_STORE_CREDIT())
        name = _GIFT_CERTIFICATE() if kind == "gift_certificate" else _STORE_CREDIT()
        return TenderDetails(method_id=method.id, kind=kind, brand=name, last4=None,
                             masked=name)

    def instrument(self, payment: Payment) -> tuple[Instrument, bool | None]:
        if isinstance(payment, GiftCertificatePayment):
            return GiftCertificate(code=SecretStr(payment.code.strip())), None
        return StoreCredit(), None

    def wipe(self, payment: Payment) -> None:
        del payment


TENDERS: tuple[Tender, ...] = (CardTender(), StoredValueTender())
#: Cash, the external terminal, checks and other named tenders, and splits of them:
#: recorded on the order, never charged (:mod:`pos.sale.tenders`).
RECORDED = RecordedTender()


def tender_for(payment: object) -> Tender:
    """The tender that takes ``payment`` (SaleValidationError when none does)."""
    for tender in TENDERS:
        if tender.accepts(payment):
            return tender
    raise SaleValidationError.one("payment", _CHOOSE_CARD())


# --------------------------------------------------------------------------- error kinds


class Then(enum.Enum):
    """What follows an error of the payments API."""

    RECONCILE = "reconcile"
    """It may have been charged: ask the store before anything else."""
    NOT_CHARGED = "not charged"
    """Refused before anything was charged: a new token, charge again when ready."""
    REFUSED = "refused"
    """Declined or failed with a payment code: a new token, another card or try again."""
    ORDER_GONE = "order gone"
    """The order cannot be paid: a new order at the next attempt."""
    REBUILD = "rebuild"
    """The total changed: a new order and token, the new total shown."""


@dataclass(frozen=True)
class ErrorOutcome:
    """One row of the table: which errors, what the journal records, what follows."""

    kind: type[BigCommerceError]
    journal: PaymentOutcome
    then: Then
    note: Callable[[BigCommerceError], str]
    keep_code: bool = False
    when: Callable[[BigCommerceError], bool] | None = None


def _name(exc: BigCommerceError) -> str:
    return type(exc).__name__


def _client_refusal(exc: BigCommerceError) -> bool:
    return isinstance(exc, ApiError) and 400 <= exc.status < 500 and exc.status != 429


#: From the error kind of a payment call to its outcome: the first row that matches wins.
ERROR_OUTCOMES: tuple[ErrorOutcome, ...] = (
    # Provably not sent: nothing was charged.
    ErrorOutcome(ConnectionFailed, PaymentOutcome.FAILED, Then.NOT_CHARGED, lambda e: "not sent"),
    ErrorOutcome(OutcomeUnknown, PaymentOutcome.UNKNOWN, Then.RECONCILE,
                 lambda e: f"no answer ({getattr(e, 'reason', '')})"),
    ErrorOutcome(DuplicatePayment, PaymentOutcome.UNKNOWN, Then.RECONCILE,
                 lambda e: "duplicate; verifying", keep_code=True),
    # Not Incomplete any more: perhaps already paid. Verify before anything.
    ErrorOutcome(OrderNotPayable, PaymentOutcome.UNKNOWN, Then.RECONCILE,
                 lambda e: "order not payable", keep_code=True,
                 when=lambda e: getattr(e, "code", None) == 30101),
    ErrorOutcome(OrderNotPayable, PaymentOutcome.FAILED, Then.ORDER_GONE,
                 lambda e: "order not found", keep_code=True),
    ErrorOutcome(PaymentAmountMismatch, PaymentOutcome.FAILED, Then.REBUILD,
                 lambda e: "total changed", keep_code=True),
    ErrorOutcome(PaymentDeclined, PaymentOutcome.DECLINED, Then.REFUSED, _name, keep_code=True),
    ErrorOutcome(PaymentDataInvalid, PaymentOutcome.DECLINED, Then.REFUSED, _name,
                 keep_code=True),
    ErrorOutcome(StoredInstrumentNotFound, PaymentOutcome.DECLINED, Then.REFUSED, _name,
                 keep_code=True),
    ErrorOutcome(PaymentError, PaymentOutcome.FAILED, Then.REFUSED, _name, keep_code=True),
    ErrorOutcome(BigCommerceError, PaymentOutcome.FAILED, Then.NOT_CHARGED, _name,
                 when=lambda e: e.request_sent is False),
    # Refused before anything was charged (bad request, token refused...).
    ErrorOutcome(ApiError, PaymentOutcome.FAILED, Then.NOT_CHARGED, _name,
                 when=_client_refusal),
    ErrorOutcome(BigCommerceError, PaymentOutcome.UNKNOWN, Then.RECONCILE, _name),
)


def error_outcome(exc: BigCommerceError) -> ErrorOutcome:
    """The row of :data:`ERROR_OUTCOMES` for ``exc``."""
    for row in ERROR_OUTCOMES:
        if isinstance(exc, row.kind) and (row.when is None or row.when(exc)):
            return row
    raise AssertionError("the last row matches every error")  # pragma: no cover


_THREE_D_SECURE = ClerkMessage(
    SALE_WORDS("charge.3ds.title", "The card needs 3-D Secure")(),
    SALE_WORDS(
        "charge.3ds.text",
        "Nothing was charged. A card that needs 3-D Secure cannot be keyed in at the register; "
        "it can be charged once the customer has saved it in an online checkout. Ask for "
        "another card or another way to pay.",
    )(),
    NextStep.OTHER_PAYMENT,
    True,
)


# --------------------------------------------------------------------------- the charge


class Charger:
    """Sends one payment and settles what came of it."""

    def __init__(self, ctx: SaleContext, orders: Orders, fulfilment: Fulfilment,
                 settlement: Settlement) -> None:
        self.ctx = ctx
        self.orders = orders
        self.fulfilment = fulfilment
        self.settlement = settlement

    async def charge(self, payment: Payment, tender: Tender) -> PaymentResult:
        ctx, settlement = self.ctx, self.settlement
        await settlement.settle_uncertain_first()
        if not ctx.order_fresh or ctx.order_id is None:
            before = ctx.shown_total
            options = await self.orders.prepare()
            if before is None or options.total != before:
                return settlement.failure_result(
                    "error", payment_message(30004), 30004,
                    masked=view.masked(payment, self.orders.stored_for(payment)),
                )
        elif ctx.shown_total is not None and ctx.order_total != ctx.shown_total:
            ctx.shown_total = ctx.order_total
            return settlement.failure_result("error", payment_message(30004), 30004,
                                             masked=None)
        order_id = ctx.order_id
        assert order_id is not None
        sale_id = await ctx.ensure_sale_record()
        methods = await self.orders.payment_methods(order_id)
        details = tender.describe(payment, methods, self.orders.stored_for(payment))
        masked = details.masked
        amount = ctx.order_total if ctx.order_total is not None else Decimal(0)
        ctx.tender, ctx.staff_note_recorded = details.kind, False
        # Who charges it: journaled by the face now, on the order once it is paid.
        await ctx.take_staff_note(order_id, recorded=False)
        pat = await self.orders.take_pat(order_id)
        try:
            attempt_id = await ctx.jcall(
                ctx.journal.begin_payment_attempt,
                sale_id,
                order_id=order_id,
                method_kind=details.kind,
                amount=amount,
                currency=ctx.currency(),
                brand=details.brand,
                last4=details.last4,
                payment_method_id=details.method_id,
            )
        except (AlreadyPaid, PaymentInFlight):
            ctx.start_pat(order_id)
            record = await ctx.jcall(ctx.journal.get, sale_id)
            assert record is not None
            return await settlement.reconcile_record(record)
        instrument, save = tender.instrument(payment)
        client = ctx.client.with_options(timeout=ctx.settings.payment_timeout)
        # The unpaid window is measured from here, when the request is sent, whatever
        # happens to the call: see Settlement.note_sent.
        settlement.note_sent(attempt_id, ctx.clock())
        try:
            try:
                answer = await client.payments.process(pat, instrument, details.method_id,
                                                       save_instrument=save)
            finally:
                del instrument
                # The answer (any answer, or none) is in: the card data leaves memory now,
                # before any reconciliation (PCI DSS 3.3.1).
                tender.wipe(payment)
        except BigCommerceError as exc:
            return await self.after_error(exc, attempt_id, order_id, masked)
        except BaseException:
            # Cancelled or a bug while the payment may be on its way: uncertain.
            with contextlib.suppress(Exception):
                await asyncio.shield(settlement.outcome(
                    attempt_id, PaymentOutcome.UNKNOWN, message="interrupted",
                ))
            raise
        status = (answer.status or "").lower()
        if status == "success":
            return await settlement.confirm_success(attempt_id, order_id, answer.id, masked)
        await settlement.outcome(attempt_id, PaymentOutcome.PENDING,
                                 transaction_id=answer.id, message=status or "no status")
        return await settlement.reconcile_attempt(attempt_id, order_id, masked)

    async def _ready_order(self, masked: str | None) -> PaymentResult | None:
        """Make (or re-make) the order; a failure result when its total changed."""
        ctx, settlement = self.ctx, self.settlement
        if not ctx.order_fresh or ctx.order_id is None:
            before = ctx.shown_total
            options = await self.orders.prepare()
            if before is None or options.total != before:
                return settlement.failure_result("error", payment_message(30004), 30004,
                                                 masked=masked)
        elif ctx.shown_total is not None and ctx.order_total != ctx.shown_total:
            ctx.shown_total = ctx.order_total
            return settlement.failure_result("error", payment_message(30004), 30004,
                                             masked=None)
        return None

    async def record(self, payment: RecordedPayment,
                     tender: RecordedTender) -> tuple[PaymentResult, TenderRecord | None]:
        """Record a payment taken at the counter (cash, terminal, other) on the order:
        journaled before the update is sent, its outcome after; a lost answer is settled
        by re-reading the order's status, never by sending again blindly."""
        ctx, settlement = self.ctx, self.settlement
        await settlement.settle_uncertain_first()
        changed = await self._ready_order(None)
        if changed is not None:
            return changed, None
        order_id = ctx.order_id
        assert order_id is not None
        sale_id = await ctx.ensure_sale_record()
        amount = ctx.order_total if ctx.order_total is not None else Decimal(0)
        plan = tender.record(payment, amount, ctx.currency())
        masked = (_MASKED(name=plan.method_name, last4=plan.last4) if plan.last4
                  else plan.method_name)
        try:
            attempt_id = await ctx.jcall(
                ctx.journal.begin_payment_attempt, sale_id, order_id=order_id,
                method_kind=plan.kind, amount=amount, currency=ctx.currency(),
                brand=plan.method_name, last4=plan.last4, payment_method_id=plan.kind,
            )
        except (AlreadyPaid, PaymentInFlight):
            record = await ctx.jcall(ctx.journal.get, sale_id)
            assert record is not None
            return await settlement.reconcile_record(record), None
        client = ctx.client.with_options(timeout=ctx.settings.payment_timeout)
        body = plan.body()
        # Who rang the sale up goes into the same update (the order's staff notes).
        if note := await ctx.take_staff_note(order_id, recorded=True):
            body["staff_notes"] = f"{body.get('staff_notes') or ''}\n{note}".strip()
        ctx.tender, ctx.staff_note_recorded = plan.kind, bool(note)
        settlement.note_sent(attempt_id, ctx.clock())
        try:
            await client.orders.update(order_id, body, idempotent=False)
        except BigCommerceError as exc:
            if isinstance(exc, ConnectionFailed) or exc.request_sent is False \
                    or _client_refusal(exc):
                await settlement.outcome(attempt_id, PaymentOutcome.FAILED,
                                         message=_name(exc))
                return settlement.failure_result("error", store_problem(exc).clerk, None,
                                                 masked=masked), None
            log.warning("recording the payment of order %s: no certain answer (%s)",
                        order_id, _name(exc))
            await settlement.outcome(attempt_id, PaymentOutcome.UNKNOWN,
                                     message=f"no answer ({_name(exc)})")
            return await settlement.reconcile_attempt(attempt_id, order_id, masked), plan
        except BaseException:
            with contextlib.suppress(Exception):
                await asyncio.shield(settlement.outcome(
                    attempt_id, PaymentOutcome.UNKNOWN, message="interrupted",
                ))
            raise
        return await settlement.confirm_success(attempt_id, order_id, None, masked), plan

    async def after_error(self, exc: BigCommerceError, attempt_id: str, order_id: int,
                          masked: str | None) -> PaymentResult:
        """Journal and answer a failed payment call, by :data:`ERROR_OUTCOMES`."""
        ctx, settlement = self.ctx, self.settlement
        row = error_outcome(exc)
        code = getattr(exc, "code", None) if row.keep_code else None
        if isinstance(exc, OutcomeUnknown):
            log.warning("payment of order %s: no certain answer (%s)", order_id, exc.reason)
        await settlement.outcome(attempt_id, row.journal, code=code, message=row.note(exc))
        if row.then is Then.RECONCILE:
            return await settlement.reconcile_attempt(attempt_id, order_id, masked, code=code)
        if row.then is Then.NOT_CHARGED:
            ctx.start_pat(order_id)
            return settlement.failure_result("error", store_problem(exc).clerk, None,
                                             masked=masked)
        if row.then is Then.ORDER_GONE:
            ctx.order_fresh = False
            return settlement.failure_result("error", payment_message(code), code,
                                             masked=masked)
        if row.then is Then.REBUILD:
            return await self.rebuild(masked)
        ctx.start_pat(order_id)
        words = payment_message(code)
        detail = (getattr(exc, "detail", None) or "").lower()
        if "3-d secure" in detail or "3d secure" in detail or "3ds" in detail:
            words = _THREE_D_SECURE
        declined = row.journal is PaymentOutcome.DECLINED
        return settlement.failure_result("declined" if declined else "error", words, code,
                                         masked=masked)

    async def rebuild(self, masked: str | None) -> PaymentResult:
        """The total changed: a new order and token, the new total shown, then the clerk
        charges again."""
        ctx = self.ctx
        ctx.order_fresh = False
        ctx.drop_pat()
        # The store refused the payment for a definite reason: nothing was charged, whatever
        # happens while the order is made again.
        try:
            await ctx.refresh_checkout()
            if ctx.fulfilment_missing() and ctx.plans:
                await self.fulfilment.redo_after_items()
            options = await self.orders.prepare()
        except StepNotReady as not_ready:
            ctx.set_step(ctx.ready_step())
            clerk = ClerkMessage(
                _SALE_CHANGED(), _NOTHING_CHARGED_BECAUSE(reason=not_ready.message),
                NextStep.REBUILD_ORDER, True,
            )
            return self.settlement.failure_result("error", clerk, 30004, masked=masked)
        except SaleError as exc:
            log.warning("the total changed and the order could not be made again: %s",
                        type(exc).__name__)
            clerk = ClerkMessage(
                _TOTAL_CHANGED(),
                _NOT_REMADE(reason=exc.message),
                NextStep.REBUILD_ORDER, True,
            )
            return self.settlement.failure_result("error", clerk, 30004, masked=masked)
        return self.settlement.failure_result("error", payment_message(30004), 30004,
                                              masked=masked, total=options.total)

"""Exactly once, where the store's answers are awkward: ids the journal's secret filter
mistakes for secrets, earlier orders that cannot be read or cancelled, orders awaiting
payment, and payments that land after they were believed failed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from test_sale_support import (
    ADDRESS,
    DECLINED,
    VISA_OK,
    Catalogue,
    fast_settings,
)

from pos.api.client import BigCommerceClient
from pos.api.models import Card, Transaction
from pos.api.payments import Payments
from pos.sale import ConsignmentPlan, NewCard, Sale
from pos.sale.cards import CardDetails, luhn_valid
from pos.sale.errors import SaleAlreadyPaid, StoreProblem
from pos.sale.journal import Journal, PaymentOutcome, find_sensitive
from pos.sale.reconcile import PaymentState, classify, reconcile_payment
from pos.sandbox.server import SandboxServer

NewSale = Callable[..., Sale]

#: A Square-style transaction id: 29 letters and digits (the journal sees a token).
SQUARE_ID = "7Ht2mQ9xLp4ZrB6vN1cK8sW3dF5gJ"


def adyen_like_id() -> str:
    """A 16-digit gateway reference that passes the Luhn check (the journal sees a card
    number), as about one in ten of Adyen's do."""
    stem = "881532941234567"
    return next(stem + d for d in "0123456789" if luhn_valid(stem + d))


def test_the_ids_trip_the_journals_filter() -> None:
    assert find_sensitive(SQUARE_ID) == "token"
    assert find_sensitive(adyen_like_id()) == "card number"


async def ready_to_pay(sale: Sale, catalogue: Catalogue) -> int:
    await sale.add_item(catalogue.take()[0])
    await sale.set_billing_address(ADDRESS)
    await sale.set_fulfilment([ConsignmentPlan("pickup", {sale.lines[0].id: 1})])
    return (await sale.prepare_payment()).order_id


def card(number: str = VISA_OK) -> NewCard:
    return NewCard(CardDetails(number, "123", 12, 2031, "Ana Diaz"))


async def test_a_paid_payment_whose_gateway_id_looks_like_a_token_is_settled(
    faults: SandboxServer,
    new_sale: NewSale,
    client: BigCommerceClient,
    journal: Journal,
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The payment's answer is lost; the store's transaction carries a Square-style
    gateway id. Reconciling finds it paid and the journal records BigCommerce's own
    transaction id: the sale is settled, not stuck pending."""
    from pos.api.orders import Orders

    real = Orders.transactions

    async def square(self: Orders, order_id: int, *args: Any, **kwargs: Any) -> Any:
        found = await real(self, order_id, *args, **kwargs)
        return [t.model_copy(update={"gateway_transaction_id": SQUARE_ID}) for t in found]

    monkeypatch.setattr(Orders, "transactions", square)  # the sandbox's ids are UUIDs
    sale = new_sale()
    order_id = await ready_to_pay(sale, catalogue)
    faults.add_fault("POST", "/payments", "close_after")
    result = await sale.charge(card())
    assert result.outcome == "paid" and result.order_id == order_id
    record = journal.get(sale.sale_id or "")
    assert record is not None and record.paid and not record.payment_uncertain
    attempt = record.attempts[-1]
    assert attempt.outcome is PaymentOutcome.SUCCESS
    assert attempt.transaction_id is not None and attempt.transaction_id != SQUARE_ID
    store_ids = {str(t.id) for t in await client.orders.transactions(order_id)}
    assert attempt.transaction_id in store_ids, "BigCommerce's own transaction id"


async def test_a_paid_answer_whose_id_looks_like_a_card_number_is_still_paid(
    new_sale: NewSale,
    client: BigCommerceClient,
    journal: Journal,
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The payment succeeds with an id the journal refuses: the outcome is written again
    without it, and the sale is paid (never an exception, never pending forever)."""
    real = Payments.process
    odd = adyen_like_id()

    async def adyen(self: Payments, *args: Any, **kwargs: Any) -> Any:
        answer = await real(self, *args, **kwargs)
        return answer.model_copy(update={"id": odd})

    monkeypatch.setattr(Payments, "process", adyen)
    sale = new_sale()
    await ready_to_pay(sale, catalogue)
    result = await sale.charge(card())
    assert result.outcome == "paid" and sale.paid
    record = journal.get(sale.sale_id or "")
    assert record is not None and record.paid and record.outcome == "paid"
    assert not record.payment_uncertain and record.finished_at is not None
    assert record.attempts[-1].transaction_id is None
    assert odd not in (journal.path.read_bytes() + journal.path.with_name(
        journal.path.name + "-wal").read_bytes()).decode("latin-1")


def test_the_receipt_transaction_id_is_bigcommerces_own() -> None:
    from pos.api.models import Order

    order = Order.model_validate({"id": 100, "status_id": 11, "status": "Awaiting Fulfillment"})
    tx = Transaction.model_validate(
        {"id": 42, "event": "purchase", "status": "ok", "gateway_transaction_id": SQUARE_ID}
    )
    assert classify(order, [tx]).transaction_id == "42"


async def test_awaiting_payment_is_pending_not_closed(
    new_sale: NewSale, client: BigCommerceClient, catalogue: Catalogue
) -> None:
    """Status 7 Awaiting Payment may still be paid: never "nothing was charged"."""
    order_id = await ready_to_pay(new_sale(), catalogue)
    await client.orders.set_status(order_id, 7)
    look = await reconcile_payment(client, order_id, fast_settings(reconcile_timeout=0.2))
    assert look.state is PaymentState.PENDING and not look.certain
    for closed in (5, 6):
        await client.orders.set_status(order_id, closed)
        look = await reconcile_payment(client, order_id, fast_settings())
        assert look.state is PaymentState.CLOSED


@pytest.mark.parametrize(("method", "path"), [("GET", "/v2/orders/*"), ("PUT", "/v2/orders/*")])
async def test_no_new_order_while_an_old_one_with_a_payment_cannot_be_closed(
    faults: SandboxServer,
    new_sale: NewSale,
    client: BigCommerceClient,
    catalogue: Catalogue,
    method: str,
    path: str,
) -> None:
    """An earlier order a payment was sent for can be neither read nor cancelled: it
    could still be paid, so no new order is made (and nothing charged) until it is."""
    sale = new_sale()
    first = await ready_to_pay(sale, catalogue)
    declined = await sale.charge(card(DECLINED))
    assert declined.outcome == "declined"
    await sale.set_billing_address({**ADDRESS, "first_name": "Anna"})  # the order is void
    faults.add_fault(method, path, "500", times=20)
    with pytest.raises(StoreProblem):
        await sale.prepare_payment()
    faults.clear_faults()
    assert [o.id for o in await client.orders.list(cart_id=sale.cart_id)] == [first]
    assert sale.order_ids == (first,)
    # Once the store answers, the old order is cancelled and a new one made.
    options = await sale.prepare_payment()
    assert options.order_id != first
    assert (await client.orders.get(first)).status_id == 5


async def test_a_late_success_is_recorded_in_the_journal(
    faults: SandboxServer,
    new_sale: NewSale,
    client: BigCommerceClient,
    journal: Journal,
    catalogue: Catalogue,
) -> None:
    """A payment believed failed was taken by the store: when the engine finds the order
    paid, the journal's attempt becomes a success (its history kept), so the journal and
    the store agree."""
    sale = new_sale()
    first = await ready_to_pay(sale, catalogue)
    result = await sale.charge(card(DECLINED))
    assert result.outcome == "declined"
    # The store took a payment for that order after all (e.g. the customer's bank
    # approved it on a retry by another register).
    pat = await client.payments.create_access_token(first)
    await client.payments.process(pat, Card(
        cardholder_name="Ana Diaz", number=VISA_OK, expiry_month=12, expiry_year=2031,
        verification_value="123"), "sandbox.card")
    # The clerk gives the sale up: its orders are read before they are cancelled.
    with pytest.raises(SaleAlreadyPaid, match=f"order {first}"):
        await sale.abandon()
    assert sale.paid and sale.result is not None and sale.result.order_id == first
    record = journal.get(sale.sale_id or "")
    assert record is not None and record.paid and record.outcome == "paid"
    (attempt,) = record.attempts
    assert attempt.outcome is PaymentOutcome.SUCCESS
    kinds = [e.kind for e in record.events]
    assert "late_success" in kinds
    late = next(e for e in record.events if e.kind == "late_success")
    assert late.detail["previous"] == "declined"


def test_journal_late_success(journal: Journal) -> None:
    from decimal import Decimal

    sale_id = journal.start_sale("p")
    attempt = journal.begin_payment_attempt(sale_id, order_id=100, method_kind="card",
                                            amount=Decimal("5.00"), currency="USD")
    journal.payment_outcome(attempt, PaymentOutcome.FAILED, message="verified: not charged")
    before = journal.get(sale_id)
    assert before is not None and not before.paid
    journal.late_success(attempt, "42")
    after = journal.get(sale_id)
    assert after is not None and after.paid and not after.payment_uncertain
    assert after.attempts[0].transaction_id == "42"
    assert [e.kind for e in after.events][-1] == "late_success"
    assert any(e.kind == "payment_outcome" and e.detail["outcome"] == "failed"
               for e in after.events), "the history is kept"


def test_outcome_and_finish_in_one_commit(data_dir: Any) -> None:
    from decimal import Decimal

    commits: list[str] = []
    with Journal(data_dir / "j.sqlite3", on_commit=commits.append) as journal:
        sale_id = journal.start_sale("p")
        attempt = journal.begin_payment_attempt(sale_id, order_id=1, method_kind="card",
                                                amount=Decimal("1"), currency="USD")
        commits.clear()
        journal.payment_outcome(attempt, PaymentOutcome.SUCCESS, finished="paid")
        record = journal.get(sale_id)
    assert commits == ["payment_outcome", "finished"]
    assert record is not None and record.outcome == "paid" and record.finished_at is not None


async def test_a_new_card_is_wiped_before_reconciliation(
    faults: SandboxServer, new_sale: NewSale, catalogue: Catalogue
) -> None:
    """The payment's answer is lost: while the store is being asked what happened, the
    card's number and CVV are already gone from memory."""
    sale = new_sale()
    await ready_to_pay(sale, catalogue)
    payment = card()
    seen: list[bool] = []

    def on_event(event: Any) -> None:
        if event.kind == "payment" and event.result is not None:
            seen.append(payment.card.wiped)

    sale.subscribe(on_event)
    faults.add_fault("POST", "/payments", "close_after")
    result = await sale.charge(payment)
    assert result.outcome == "paid"
    assert seen and seen[0] is True, "the card was still in memory while reconciling"

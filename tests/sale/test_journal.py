"""The sale journal: durable records, resume order, payment guard, no card data, two processes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.sale.journal import (
    SCHEMA_VERSION,
    AlreadyPaid,
    Journal,
    JournalError,
    PaymentInFlight,
    PaymentOutcome,
    ResumePoint,
    SensitiveDataError,
    find_sensitive,
)

VISA = "4242424242424242"
VISA_2 = "4111111111111111"
MASTERCARD = "5555555555554444"
AMEX = "378282246310005"
JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJvcmRlcl9pZCI6IjE2NiJ9.c2lnbmF0dXJl"
STORED_TOKEN = "a1b2c3d4" * 8
CART = "8d9ac8a2-1b5c-4c3e-9f0e-5b1c2d3e4f50"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    j = Journal(tmp_path / "profile" / "journal.sqlite3", clock=Clock())
    yield j
    j.close()


def test_a_new_journal_is_durable_and_private(journal: Journal) -> None:
    db = sqlite3.connect(journal.path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        db.close()
    assert journal._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert journal.schema_version == SCHEMA_VERSION
    if os.name == "posix":
        assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600


def test_a_sale_from_start_to_finish(journal: Journal) -> None:
    sale = journal.start_sale("main-street", currency="USD")
    journal.record_cart(sale, CART)
    journal.record_customer(sale, 42)
    journal.record_consignments(sale, ["6516f14419a81", "6516f14419a82"])
    journal.record_totals(sale, Decimal("106.50"), "USD")
    journal.set_state(sale, "payment")
    journal.begin_order_creation(sale)
    assert journal.get(sale).order_creation_pending  # type: ignore[union-attr]
    journal.order_created(sale, 125)
    attempt = journal.begin_payment_attempt(
        sale, order_id=125, method_kind="card", amount=Decimal("106.50"), currency="USD",
        brand="VISA", last4="4242", payment_method_id="stripe.card",
    )  # fmt: skip
    journal.payment_outcome(attempt, "success", transaction_id="b8a3c1d2-0000-4000-8000-1234")
    journal.mark_finished(sale, "paid")

    record = journal.get(sale)
    assert record is not None
    assert record.profile == "main-street"
    assert record.state == "payment"
    assert record.cart_id == record.checkout_id == CART
    assert record.customer_id == 42
    assert record.consignment_ids == ("6516f14419a81", "6516f14419a82")
    assert record.grand_total == Decimal("106.50") and record.currency == "USD"
    assert record.order_id == 125 and record.order_ids == (125,)
    assert not record.order_creation_pending
    assert record.paid and not record.payment_uncertain
    assert record.finished_at is not None and record.outcome == "paid"
    (a,) = record.attempts
    assert (a.brand, a.last4, a.amount, a.currency) == ("VISA", "4242", Decimal("106.50"), "USD")
    assert a.outcome is PaymentOutcome.SUCCESS and a.finished_at is not None
    assert a.transaction_id == "b8a3c1d2-0000-4000-8000-1234"
    assert a.payment_method_id == "stripe.card" and a.method_kind == "card"
    assert [e.kind for e in record.events] == [
        "sale_started", "cart", "customer", "consignments", "totals", "state",
        "order_creation_started", "order_created", "payment_started", "payment_outcome",
        "finished",
    ]  # fmt: skip
    assert record.created_at < record.updated_at
    assert journal.unfinished_sales() == []


def test_each_durable_record_is_announced(tmp_path: Path) -> None:
    seen: list[str] = []
    with Journal(tmp_path / "j.sqlite3", on_commit=seen.append) as journal:
        sale = journal.start_sale("p")
        journal.begin_order_creation(sale)
        journal.order_created(sale, 5)
        attempt = _attempt(journal, sale)
        with pytest.raises(PaymentInFlight):
            _attempt(journal, sale)  # refused: nothing committed, nothing announced
        journal.payment_outcome(attempt, "success")
    assert seen == ["sale_started", "order_creation_started", "order_created",
                    "payment_started", "payment_outcome"]  # fmt: skip


def test_a_new_order_after_going_back_keeps_the_old_ones(journal: Journal) -> None:
    sale = journal.start_sale("p")
    journal.begin_order_creation(sale)
    journal.order_created(sale, 10)
    journal.begin_order_creation(sale)
    journal.order_created(sale, 11)
    record = journal.get(sale)
    assert record is not None
    assert record.order_id == 11 and record.order_ids == (10, 11)


def test_order_creation_that_provably_failed(journal: Journal) -> None:
    sale = journal.start_sale("p")
    journal.begin_order_creation(sale)
    journal.order_not_created(sale, "422 Missing billing address")
    record = journal.get(sale)
    assert record is not None and not record.order_creation_pending
    assert record.events[-1].detail == {"reason": "422 Missing billing address"}


class Opaque:
    """An object that becomes text only when serialised."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def _attempt(journal: Journal, sale: str, amount: str = "10.00") -> str:
    return journal.begin_payment_attempt(
        sale, order_id=1, method_kind="card", amount=Decimal(amount), currency="USD",
        brand="VISA", last4="4242",
    )  # fmt: skip


def test_the_journal_refuses_a_second_charge(journal: Journal) -> None:
    sale = journal.start_sale("p")
    first = _attempt(journal, sale)
    with pytest.raises(PaymentInFlight):
        _attempt(journal, sale)
    journal.payment_outcome(first, PaymentOutcome.UNKNOWN, message="timeout after sending")
    with pytest.raises(PaymentInFlight):
        _attempt(journal, sale)
    journal.payment_outcome(first, PaymentOutcome.DECLINED, code=30106, message="insufficient")
    second = _attempt(journal, sale)
    journal.payment_outcome(second, PaymentOutcome.PENDING)
    journal.payment_outcome(second, PaymentOutcome.SUCCESS, transaction_id="t-1")
    with pytest.raises(AlreadyPaid):
        _attempt(journal, sale)
    record = journal.get(sale)
    assert record is not None
    assert [a.outcome for a in record.attempts] == [PaymentOutcome.DECLINED, PaymentOutcome.SUCCESS]
    assert record.attempts[0].code == 30106
    assert record.attempts[0].message == "insufficient"
    assert record.last_attempt is record.attempts[1]


def test_final_outcomes_are_not_rewritten(journal: Journal) -> None:
    sale = journal.start_sale("p")
    attempt = _attempt(journal, sale)
    journal.payment_outcome(attempt, "success")
    journal.payment_outcome(attempt, "success")  # the same answer again is harmless
    with pytest.raises(JournalError):
        journal.payment_outcome(attempt, "declined")
    with pytest.raises(JournalError):
        journal.payment_outcome(attempt, "unknown")
    with pytest.raises(JournalError):
        journal.payment_outcome("no-such-attempt", "success")
    with pytest.raises(ValueError):
        journal.payment_outcome(attempt, "maybe")


def test_unknown_sales_are_refused(journal: Journal) -> None:
    with pytest.raises(JournalError):
        journal.record_cart("no-such-sale", CART)
    assert journal.get("no-such-sale") is None


def test_unfinished_sales_put_payment_uncertain_first(journal: Journal) -> None:
    plain = journal.start_sale("p")
    carted = journal.start_sale("p")
    journal.record_cart(carted, CART)
    ordering = journal.start_sale("p")
    journal.begin_order_creation(ordering)
    unknown = journal.start_sale("p")
    attempt = _attempt(journal, unknown)
    journal.payment_outcome(attempt, "unknown")
    pending = journal.start_sale("p")
    _attempt(journal, pending)
    declined = journal.start_sale("p")
    journal.order_created(declined, 1)
    journal.payment_outcome(_attempt(journal, declined), "declined")
    paid = journal.start_sale("p")
    journal.payment_outcome(_attempt(journal, paid), "success")
    done = journal.start_sale("p")
    journal.mark_finished(done, "abandoned")
    other_profile = journal.start_sale("q")

    records = journal.unfinished_sales("p")
    assert [r.sale_id for r in records] == [
        unknown, pending, paid, ordering, plain, carted, declined,
    ]  # fmt: skip
    assert [r.resume_point for r in records] == [
        ResumePoint.RECONCILE_PAYMENT,
        ResumePoint.RECONCILE_PAYMENT,
        ResumePoint.CONFIRM_PAID,
        ResumePoint.RECONCILE_ORDER,
        ResumePoint.EMPTY,
        ResumePoint.CART_EXISTS,
        ResumePoint.ORDER_EXISTS,
    ]
    assert other_profile in [r.sale_id for r in journal.unfinished_sales()]
    assert done not in [r.sale_id for r in journal.unfinished_sales()]


@pytest.mark.parametrize(
    "secret",
    [VISA, VISA_2, MASTERCARD, AMEX, "4242 4242 4242 4242", "4242-4242-4242-4242",
     "3782 822463 10005", f"card {VISA}.", f"x{VISA}y", JWT, f"PAT {JWT}", STORED_TOKEN,
     "abcdefghijklmnopqrstuvwxyz12345"],
)  # fmt: skip
def test_card_numbers_and_tokens_are_refused_everywhere(journal: Journal, secret: str) -> None:
    sale = journal.start_sale("p")
    attempt = _attempt(journal, sale)
    before = journal.get(sale)
    writes: list[Callable[[], object]] = [
        lambda: journal.log_event(sale, "note", secret),
        lambda: journal.log_event(sale, "note", {"info": secret}),
        lambda: journal.log_event(sale, "note", {"list": ["ok", secret]}),
        lambda: journal.log_event(sale, "note", {secret: "as a key"}),
        lambda: journal.log_event(sale, "note", {"object": Opaque(secret)}),
        lambda: journal.log_event(sale, secret),
        lambda: journal.payment_outcome(attempt, "declined", message=secret),
        lambda: journal.payment_outcome(attempt, "success", transaction_id=secret),
        lambda: journal.set_state(sale, secret),
        lambda: journal.record_cart(sale, secret),
        lambda: journal.record_consignments(sale, [secret]),
        lambda: journal.order_not_created(sale, secret),
        lambda: journal.mark_finished(sale, secret),
        lambda: journal.start_sale(secret),
        lambda: journal.start_sale("p", sale_id=secret),
    ]
    for write in writes:
        with pytest.raises(SensitiveDataError) as raised:
            write()
        assert secret not in str(raised.value)
    assert journal.get(sale) == before
    journal.close()
    for path in journal.path.parent.iterdir():
        data = path.read_bytes()
        assert secret.encode() not in data, path.name


@pytest.mark.parametrize("key", ["number", "cvv", "CVV", "verification_value", "token", "pat"])
def test_secret_keys_are_refused(journal: Journal, key: str) -> None:
    sale = journal.start_sale("p")
    with pytest.raises(SensitiveDataError):
        journal.log_event(sale, "payment_request", {"instrument_type": "card", key: "123"})
    with pytest.raises(SensitiveDataError):
        journal.log_event(sale, "nested", {"payment": {"instrument": {"x": 1}}})


def test_last4_must_be_four_digits(journal: Journal) -> None:
    sale = journal.start_sale("p")
    for bad in (VISA, "42424", "424", "42a2"):
        with pytest.raises(SensitiveDataError) as raised:
            journal.begin_payment_attempt(sale, order_id=1, method_kind="card",
                                          amount=Decimal(1), currency="USD", last4=bad)  # fmt: skip
        assert VISA not in str(raised.value)
    with pytest.raises(SensitiveDataError):
        journal.begin_payment_attempt(sale, order_id=1, method_kind="card", amount=Decimal(1),
                                      currency="USD", brand=VISA)  # fmt: skip


@pytest.mark.parametrize(
    "harmless",
    [CART, "6516f14419a81", "order 1234567 for 106.50 USD", "4242424242424241",
     "12345678901234567890123", "stripev3.card", "ch_3MmlLrLkdIwHu7ix0snN0B15",
     "Your card has expired. Please try again with a valid card.", "2026-11-27T09:00:00+00:00"],
)  # fmt: skip
def test_ordinary_values_are_accepted(journal: Journal, harmless: str) -> None:
    assert find_sensitive(harmless) is None
    sale = journal.start_sale("p")
    journal.log_event(sale, "note", harmless)
    record = journal.get(sale)
    assert record is not None and record.events[-1].detail == harmless


def _with_check_digit(body: str) -> str:
    from pos.sale.cards import luhn_valid

    return next(body + d for d in "0123456789" if luhn_valid(body + d))


@settings(max_examples=200)
@given(
    body=st.text(alphabet="0123456789", min_size=12, max_size=18),
    before=st.text(alphabet=st.characters(exclude_categories=["Nd"]), max_size=10),
    after=st.text(alphabet=st.characters(exclude_categories=["Nd"]), max_size=10),
    separator=st.sampled_from(["", " ", "-"]),
)
def test_any_luhn_valid_number_is_found(body: str, before: str, after: str, separator: str) -> None:
    number = _with_check_digit(body)
    grouped = separator.join(number[i : i + 4] for i in range(0, len(number), 4))
    assert find_sensitive(before + grouped + after) == "card number"


def test_events_hold_structured_details(journal: Journal) -> None:
    sale = journal.start_sale("p")
    journal.log_event(sale, "shipping_chosen", {"consignment": "6516f14419a81", "cost": "5.00"})
    record = journal.get(sale)
    assert record is not None
    assert record.events[-1].detail == {"consignment": "6516f14419a81", "cost": "5.00"}


def test_records_survive_reopening_and_schema_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as first:
        sale = first.start_sale("p")
        first.begin_order_creation(sale)
    with Journal(path) as second:
        assert second.schema_version == SCHEMA_VERSION
        (record,) = second.unfinished_sales()
        assert record.sale_id == sale and record.order_creation_pending


def test_a_journal_from_a_newer_app_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(JournalError, match="newer version"):
        Journal(path)


def test_prune_removes_only_old_finished_sales(tmp_path: Path) -> None:
    clock = Clock()
    with Journal(tmp_path / "j.sqlite3", clock=clock) as journal:
        old = journal.start_sale("p")
        _attempt(journal, old)
        journal.mark_finished(old, "paid")
        open_sale = journal.start_sale("p")
        cutoff = clock.now + dt.timedelta(seconds=1)
        new = journal.start_sale("p")
        clock.now += dt.timedelta(days=1)
        journal.mark_finished(new, "paid")
        assert journal.prune(cutoff) == 1
        assert journal.get(old) is None
        assert journal.get(open_sale) is not None and journal.get(new) is not None
        left = journal._db.execute("SELECT COUNT(*) FROM payment_attempts").fetchone()[0]
        assert left == 0


def test_naive_times_are_refused(tmp_path: Path) -> None:
    naive = Journal(tmp_path / "j.sqlite3", clock=lambda: dt.datetime(2026, 1, 1))
    with naive as journal, pytest.raises(ValueError, match="timezone"):
        journal.start_sale("p")


def test_threads_share_one_journal(journal: Journal) -> None:
    sales = [journal.start_sale("p") for _ in range(4)]
    errors: list[BaseException] = []

    def work(sale: str) -> None:
        try:
            for i in range(25):
                journal.log_event(sale, "tick", {"i": i})
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(s,)) for s in sales]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors
    for sale in sales:
        record = journal.get(sale)
        assert record is not None and len(record.events) == 26


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_killed_process_leaves_its_last_record(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    process = _python(
        """
        import os, signal, sys
        from decimal import Decimal
        from pos.sale.journal import Journal
        j = Journal(sys.argv[1])
        sale = j.start_sale("p")
        j.begin_order_creation(sale)
        j.order_created(sale, 77)
        j.begin_payment_attempt(sale, order_id=77, method_kind="card", amount=Decimal("9.99"),
                                currency="USD", brand="VISA", last4="4242")
        os.kill(os.getpid(), signal.SIGKILL)
        """,
        str(path),
    )
    _, err = process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL, err
    with Journal(path) as journal:
        (record,) = journal.unfinished_sales()
        assert record.order_id == 77
        assert record.payment_uncertain
        assert record.attempts[0].outcome is PaymentOutcome.PENDING
        assert record.attempts[0].amount == Decimal("9.99")


def test_two_processes_write_at_once(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal(path).close()
    code = """
        import sys
        from pos.sale.journal import Journal
        j = Journal(sys.argv[1], busy_timeout=30)
        sale = j.start_sale(sys.argv[2])
        for i in range(40):
            j.log_event(sale, "tick", {"i": i})
        j.mark_finished(sale, "paid")
        print(sale)
        """
    processes = [_python(code, str(path), name) for name in ("a", "b")]
    sales = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        sales.append(out.strip())
    with Journal(path) as journal:
        for sale in sales:
            record = journal.get(sale)
            assert record is not None and record.outcome == "paid"
            assert len(record.events) == 42

"""The sale engine's parts on their own: the one helper for unsafe writes, the one table
from a payment error's kind to its outcome, and the layering of ``pos/sale``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pos.api.errors import (
    BadRequest,
    BigCommerceError,
    ConnectionFailed,
    DuplicatePayment,
    OrderNotPayable,
    OutcomeUnknown,
    PaymentAmountMismatch,
    PaymentDataInvalid,
    PaymentDeclined,
    PaymentFailed,
    RateLimited,
    ServerError,
    StoredInstrumentNotFound,
    TlsError,
)
from pos.sale.charge import ERROR_OUTCOMES, Then, error_outcome, tender_for
from pos.sale.errors import SaleValidationError, StoreProblem
from pos.sale.journal import PaymentOutcome
from pos.sale.unsafe import unsafe_write

SALE = Path(__file__).resolve().parents[2] / "pos" / "sale"


class Calls:
    """Records what a write did, in order."""

    def __init__(self) -> None:
        self.done: list[str] = []

    def step(self, name: str, answer: object = None, error: BaseException | None = None):
        async def run() -> object:
            self.done.append(name)
            if error is not None:
                raise error
            return answer

        return run


async def test_a_write_that_answers_is_sent_once() -> None:
    calls = Calls()
    got = await unsafe_write(calls.step("send", "cart"), what="adding the item",
                             reconcile=calls.step("read"), resend=calls.step("resend", "again"))
    assert (got, calls.done) == ("cart", ["send"])


async def test_an_unknown_outcome_found_done_is_not_sent_again() -> None:
    calls = Calls()
    got = await unsafe_write(calls.step("send", error=OutcomeUnknown(reason="timeout")),
                             what="adding the item", reconcile=calls.step("read", "held"),
                             resend=calls.step("resend", "again"))
    assert (got, calls.done) == ("held", ["send", "read"])


async def test_an_unknown_outcome_found_not_done_is_sent_again() -> None:
    calls = Calls()
    got = await unsafe_write(calls.step("send", error=OutcomeUnknown(reason="timeout")),
                             what="adding the item", reconcile=calls.step("read", None),
                             resend=calls.step("resend", "again"))
    assert (got, calls.done) == ("again", ["send", "read", "resend"])


async def test_another_failure_is_a_store_problem_and_nothing_is_resent() -> None:
    calls = Calls()
    seen: list[BigCommerceError] = []

    async def on_error(exc: BigCommerceError) -> None:
        seen.append(exc)

    refused = BadRequest(status=400)
    with pytest.raises(StoreProblem) as raised:
        await unsafe_write(calls.step("send", error=refused), what="saving the delivery",
                           reconcile=calls.step("read"), resend=calls.step("resend"),
                           on_error=on_error)
    assert calls.done == ["send"]
    assert seen == [refused]
    assert raised.value.__cause__ is refused


@pytest.mark.parametrize(
    ("error", "journal", "then"),
    [
        (ConnectionFailed(), PaymentOutcome.FAILED, Then.NOT_CHARGED),
        (TlsError(), PaymentOutcome.FAILED, Then.NOT_CHARGED),
        (OutcomeUnknown(reason="timeout"), PaymentOutcome.UNKNOWN, Then.RECONCILE),
        (DuplicatePayment(status=400, code=30105), PaymentOutcome.UNKNOWN, Then.RECONCILE),
        (OrderNotPayable(status=400, code=30101), PaymentOutcome.UNKNOWN, Then.RECONCILE),
        (OrderNotPayable(status=400, code=30003), PaymentOutcome.FAILED, Then.ORDER_GONE),
        (PaymentAmountMismatch(status=400, code=30004), PaymentOutcome.FAILED, Then.REBUILD),
        (PaymentDeclined(status=400, code=30102), PaymentOutcome.DECLINED, Then.REFUSED),
        (PaymentDataInvalid(status=400, code=10001), PaymentOutcome.DECLINED, Then.REFUSED),
        (StoredInstrumentNotFound(status=400, code=30051), PaymentOutcome.DECLINED,
         Then.REFUSED),
        (PaymentFailed(status=400, code=99999), PaymentOutcome.FAILED, Then.REFUSED),
        (BadRequest(status=400), PaymentOutcome.FAILED, Then.NOT_CHARGED),
        (RateLimited(status=429), PaymentOutcome.UNKNOWN, Then.RECONCILE),
        (ServerError(status=502), PaymentOutcome.UNKNOWN, Then.RECONCILE),
    ],
)
def test_each_payment_error_kind_has_one_outcome(
    error: BigCommerceError, journal: PaymentOutcome, then: Then
) -> None:
    row = error_outcome(error)
    assert (row.journal, row.then) == (journal, then)


def test_the_table_ends_with_a_row_for_every_error() -> None:
    last = ERROR_OUTCOMES[-1]
    assert last.kind is BigCommerceError and last.when is None
    assert last.then is Then.RECONCILE  # an error nobody foresaw may have charged


def test_a_payment_no_tender_takes_is_refused_before_anything_is_sent() -> None:
    with pytest.raises(SaleValidationError):
        tender_for(object())


def _sale_imports(path: Path) -> set[str]:
    """The ``pos.sale`` modules ``path`` imports, anywhere in it (functions and
    TYPE_CHECKING blocks included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
            "pos.sale"
        ):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                names.add(full if (SALE / f"{alias.name}.py").exists()
                          and node.module == "pos.sale" else node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("pos.sale")}
    return names


#: The collaborators of a sale, lowest first: each imports only those before it.
LAYERS = ("records", "unsafe", "view", "context", "settlement", "fulfilment", "order", "cart",
          "charge", "recovery", "sale", "script")


def test_each_part_of_a_sale_imports_only_the_parts_below_it() -> None:
    for index, name in enumerate(LAYERS):
        above = {f"pos.sale.{n}" for n in LAYERS[index:]}
        wrong = sorted(_sale_imports(SALE / f"{name}.py") & above)
        assert wrong == [], f"pos.sale.{name} imports {wrong}"
        assert "pos.sale" not in _sale_imports(SALE / f"{name}.py"), name


def test_no_part_of_the_engine_is_over_900_lines() -> None:
    long = {p.name: n for p in SALE.glob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 900}
    assert long == {}



def test_a_lost_answer_to_a_write_that_is_no_payment_is_the_store_out_of_reach() -> None:
    """The billing address (or a consignment, an item) sent again without an answer after
    the engine found the store did not hold it: the clerk is told the store cannot be
    reached and may try again (with Retry), never that a payment's answer was lost."""
    from pos.sale.errors import store_problem

    problem = store_problem(OutcomeUnknown(reason="connection_lost"),
                            what="saving the billing address")
    assert problem.offline
    assert "payment" not in str(problem).lower()
    assert "saving the billing address" in str(problem)

"""Payment codes and failure kinds become messages that say what to do next."""

from __future__ import annotations

import pytest

from pos.sale.messages import (
    ERROR_KIND_MESSAGES,
    PAYMENT_CODE_MESSAGES,
    ErrorKind,
    InvalidInput,
    NextStep,
    ValidationError,
    error_kind_message,
    errors_by_field,
    payment_message,
)

DOCUMENTED_CODES = [10000, 10001, 30000, 30001, 30002, 30003, 30004, 30050, 30051,
                    *range(30100, 30108)]  # fmt: skip


def test_every_documented_code_has_a_message() -> None:
    assert sorted(PAYMENT_CODE_MESSAGES) == DOCUMENTED_CODES
    for code in DOCUMENTED_CODES:
        message = payment_message(code)
        assert message.title and message.text.endswith(".")
        assert str(code) not in message.text  # words, not codes


@pytest.mark.parametrize("code", [30103, 30104, 30106, 30107])
def test_declines_ask_for_another_card_or_payment(code: int) -> None:
    message = payment_message(code)
    assert message.next_step is NextStep.OTHER_PAYMENT
    assert message.may_charge_again
    assert "another card or another way to pay" in message.text


def test_card_verification_failure_asks_to_check_or_change_the_card() -> None:
    message = payment_message(30102)
    assert message.next_step is NextStep.CHECK_CARD_DETAILS
    assert "security code" in message.text and "another card" in message.text


def test_total_changed_rebuilds_the_order_and_token() -> None:
    message = payment_message(30004)
    assert message.next_step is NextStep.REBUILD_ORDER
    assert "new total" in message.text and "charge again" in message.text


def test_stored_card_of_someone_else() -> None:
    message = payment_message(30051)
    assert message.next_step is NextStep.CHOOSE_OTHER_CARD
    assert "does not belong to the customer" in message.text


def test_duplicate_transaction_is_already_paid_and_never_charged_again() -> None:
    message = payment_message(30105)
    assert message.next_step is NextStep.ALREADY_PAID
    assert not message.may_charge_again
    assert "Do not charge again" in message.text


def test_busy_service_says_try_again() -> None:
    message = payment_message(10000)
    assert message.next_step is NextStep.TRY_AGAIN
    assert message.may_charge_again


def test_unknown_codes_read_as_a_decline() -> None:
    assert payment_message(39999).next_step is NextStep.OTHER_PAYMENT
    assert payment_message(None).next_step is NextStep.OTHER_PAYMENT


def test_uncertain_outcomes_never_allow_a_second_charge() -> None:
    for kind in (ErrorKind.OUTCOME_UNKNOWN, ErrorKind.PAYMENT_PENDING, ErrorKind.PAYMENT_IN_FLIGHT):
        message = error_kind_message(kind)
        assert message.next_step is NextStep.VERIFY_PAYMENT
        assert not message.may_charge_again


def test_every_error_kind_has_a_message() -> None:
    assert set(ERROR_KIND_MESSAGES) == set(ErrorKind)
    assert error_kind_message("timeout") is ERROR_KIND_MESSAGES[ErrorKind.TIMEOUT]
    with pytest.raises(ValueError):
        error_kind_message("no-such-kind")


def test_str_is_the_clerk_sentence() -> None:
    assert str(payment_message(30106)).startswith("Declined: insufficient funds. Nothing")


def test_validation_errors() -> None:
    errors = [ValidationError("postal_code", "Bad."), ValidationError("postal_code", "Worse."),
              ValidationError("email", "Missing.")]  # fmt: skip
    assert errors_by_field(errors) == {"postal_code": "Bad.", "email": "Missing."}
    raised = InvalidInput(errors)
    assert raised.errors == tuple(errors)
    assert str(raised) == "postal_code: Bad.; postal_code: Worse.; email: Missing."
    assert isinstance(raised, ValueError)

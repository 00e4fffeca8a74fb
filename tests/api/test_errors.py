"""Error classes: one line each, BigCommerce's text, no secrets, payment codes mapped."""

from __future__ import annotations

import pytest

from pos.api import errors as e


def test_v3_error_body() -> None:
    body = e.ErrorBody.parse(
        {
            "status": 422, "title": "Missing Required Fields", "type": "https://x",
            "errors": {"name": "Please provide a name."}, "detail": "bad",
        }
    )
    assert (body.status, body.title, body.detail) == (422, "Missing Required Fields", "bad")
    assert body.errors == {"name": "Please provide a name."}
    err = e.Unprocessable(status=422, body=body, method="POST", path="/stores/h/v3/carts")
    text = str(err)
    assert "\n" not in text
    assert "Missing Required Fields" in text and "Please provide a name" in text
    assert "POST /stores/h/v3/carts" in text and "422" in text


def test_v2_error_body() -> None:
    body = e.ErrorBody.parse([{"status": 400, "message": "The field 'id' cannot be written."}])
    assert body.status == 400 and body.messages == ["The field 'id' cannot be written."]
    assert "cannot be written" in str(e.BadRequest(status=400, body=body))


def test_refund_wrapped_errors_and_garbage() -> None:
    body = e.ErrorBody.parse({"data": [{"status": 422, "title": "No store credit for guests"}]})
    assert body.title == "No store credit for guests"
    assert e.ErrorBody.parse("oops").summary() == ""
    assert e.ErrorBody.parse(None).errors == {}


@pytest.mark.parametrize("code", [30102, 30103, 30104, 30106, 30107])
def test_declines(code: int) -> None:
    cls = e.payment_error_class(code)
    assert cls is e.PaymentDeclined
    err = cls(status=422, body=e.ErrorBody.parse({"status": 422, "title": "Declined",
                                                 "type": "t", "code": code}))
    assert err.code == code and f"code {code}" in str(err)
    assert isinstance(err, e.PaymentError) and not isinstance(err, e.PaymentFailed)


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        (10000, e.PaymentServiceUnavailable),
        (10001, e.PaymentDataInvalid),
        (30004, e.PaymentAmountMismatch),
        (30051, e.StoredInstrumentNotFound),
        (30101, e.OrderNotPayable),
        (30105, e.DuplicatePayment),
        (39999, e.PaymentFailed),
    ],
)
def test_failures(code: int, cls: type[e.PaymentError]) -> None:
    assert e.payment_error_class(code) is cls
    assert issubclass(cls, e.PaymentFailed)


def test_request_sent_tells_the_sale_engine_what_is_known() -> None:
    assert e.ConnectionFailed.request_sent is False
    assert e.TlsError.request_sent is False
    assert e.OutcomeUnknown.request_sent is None
    assert e.RequestTimedOut.request_sent is None
    assert e.ApiError.request_sent is True
    assert not issubclass(e.OutcomeUnknown, e.RequestTimedOut | e.ConnectionFailed)


def test_rate_limited_carries_the_wait() -> None:
    err = e.RateLimited(wait_seconds=12.5, method="GET", path="/p")
    assert err.wait_seconds == 12.5 and "12" in str(err) and err.status == 429


def test_long_texts_are_clipped_to_one_line() -> None:
    body = e.ErrorBody.parse({"status": 400, "title": "x\n" * 500})
    assert len(str(e.BadRequest(status=400, body=body))) < 400
    assert "\n" not in str(e.BadRequest(status=400, body=body))

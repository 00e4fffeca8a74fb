"""Error text never repeats secrets a server echoed back.

A mock transport stands in for a misbehaving server (the sandbox never echoes secrets): its
error bodies repeat a card number, a CVV and a payment access token in ``title``,
``detail`` and ``errors``; the exception's ``str``, ``repr``, its body's fields and every
log line stay clean.
"""

from __future__ import annotations

import logging

import httpx
import pytest
from api_helpers import SleepRecorder, card, mock_client

from pos.api import ApiError, BigCommerceError, ErrorBody, PaymentError, redact
from pos.api.models import PaymentAccessToken

CARD = "4111111111111111"
CARD_SPACED = "4111 1111 1111 1111"
CVV = "837"
PAT = "eyJhbGciOiJIUzI1NiJ9.eyJvcmRlciI6MTIzfQ.c2lnbmF0dXJlLXNlY3JldA"
STORE_TOKEN_LIKE = "q7w8e9r0t1y2u3i4o5p6"

SECRETS = (CARD, CARD_SPACED, CVV, PAT, "eyJhbGciOiJIUzI1NiJ9", "eyJvcmRlciI6MTIzfQ",
           STORE_TOKEN_LIKE)


def echoing_body(status: int, code: int | None = None) -> dict[str, object]:
    body: dict[str, object] = {
        "status": status,
        "title": f"Card {CARD} with cvv {CVV} refused for PAT {PAT}",
        "type": "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
        "detail": f"request had number={CARD_SPACED}, verification_value={CVV}, "
                  f"Authorization: PAT {PAT}, token={STORE_TOKEN_LIKE}",
        "errors": {
            "payment.instrument.number": f"{CARD} is not accepted",
            "payment.instrument.verification_value": f"{CVV} does not match",
            "authorization": f"PAT {PAT} expired",
            "token": STORE_TOKEN_LIKE,
        },
    }
    if code is not None:
        body["code"] = code
    return body


def assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked in {text!r}"


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 429, 500])
async def test_store_error_text_is_redacted(status: int, logs: pytest.LogCaptureFixture) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=echoing_body(status))

    async with mock_client(handler, max_retries=0, sleep=SleepRecorder()) as client:
        with pytest.raises(BigCommerceError) as info:
            await client.carts.get("c")
    exc = info.value
    assert isinstance(exc, ApiError)
    logging.getLogger("pos.api").error("call failed: %s / %r", exc, exc)
    logging.getLogger("pos.sale").error("sale step failed: %s / %r / %r", exc, exc, exc.body)
    for text in (str(exc), repr(exc), exc.body.summary(), repr(exc.body), str(exc.body.raw),
                 str(exc.title), str(exc.detail), str(exc.errors), logs.text):
        assert_clean(text)
    # BigCommerce's words around the secrets are kept for the clerk.
    assert "refused" in exc.body.summary() and "does not match" in str(exc.errors)


async def test_payment_error_text_is_redacted(logs: pytest.LogCaptureFixture) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(422, json=echoing_body(422, code=30102))

    token = PaymentAccessToken(id=PAT)
    async with mock_client(handler, sleep=SleepRecorder()) as client:
        with pytest.raises(PaymentError) as info:
            await client.payments.process(token, card(CARD, CVV), "stripe.card")
    exc = info.value
    assert exc.code == 30102
    logging.getLogger("pos.sale").warning("payment failed: %s", exc, exc_info=exc)
    for text in (str(exc), repr(exc), repr(exc.body), str(exc.body.raw), logs.text):
        assert_clean(text)


def test_v2_messages_and_direct_construction_are_redacted() -> None:
    body = ErrorBody.parse([{"status": 400, "message": f"card {CARD} cvv: {CVV}"}])
    assert_clean(repr(body))
    direct = ErrorBody(title=f"PAT {PAT}", detail=f"number: {CARD}",
                       errors={"cvv": CVV}, messages=[f"Bearer {STORE_TOKEN_LIKE}"])
    assert_clean(repr(direct) + str(direct.errors) + str(direct.messages))
    error = BigCommerceError(f"echo {CARD_SPACED} and PAT {PAT}", method="POST", path="/x")
    assert_clean(str(error) + repr(error) + str(error.args))


def test_sale_logger_has_the_filter(logs: pytest.LogCaptureFixture) -> None:
    from pos.api import install_redaction

    install_redaction()
    logging.getLogger("pos.sale").info("card %s cvv=%s pat %s", CARD, CVV, f"PAT {PAT}")
    child = logging.getLogger("pos.sale.catalog_cache")
    child.info("number: %s", CARD)
    assert_clean(logs.text)


@pytest.mark.parametrize(
    "text",
    [
        "The coupon code is not valid",
        "number: must be between 13 and 19 digits",
        "quantity 3 exceeds stock 2",
        "order 1700000000000 total 225.0000",
    ],
)
def test_ordinary_error_words_are_kept(text: str) -> None:
    assert redact(text) == text
    assert ErrorBody(title=text).summary() == text.rstrip(".")


async def test_the_clients_own_token_and_a_payment_token_are_redacted_by_value(
    logs: pytest.LogCaptureFixture,
) -> None:
    """A server that echoes the token bare ("bad token <token>"), in no field a pattern
    knows, never shows it: the token and the payment token are removed by value."""
    from api_helpers import STORE_TOKEN

    plain_pat = "opaquepaymenttokenvalue0042"

    def handler(request: httpx.Request) -> httpx.Response:
        echoed = request.headers.get("x-auth-token") or request.headers.get("authorization", "")
        echoed = echoed.removeprefix("PAT ")
        return httpx.Response(403, json={"status": 403, "title": f"bad token {echoed}",
                                         "detail": f"{echoed} is not allowed",
                                         "errors": {"x": f"seen {echoed}"}})

    async with mock_client(handler, max_retries=0, sleep=SleepRecorder()) as client:
        with pytest.raises(ApiError) as info:
            await client.carts.get("c")
        with pytest.raises(BigCommerceError) as paid:
            await client.payments.process(PaymentAccessToken(id=plain_pat),
                                          card(CARD, CVV), "stripe.card")
    for exc in (info.value, paid.value):
        logging.getLogger("pos.sale").error("failed: %s / %r", exc, exc)
        for text in (str(exc), repr(exc), repr(getattr(exc, "body", "")), logs.text):
            assert STORE_TOKEN not in text and plain_pat not in text, text
    assert "bad token" in str(info.value)

"""Nothing secret in the logs of a whole sale; no connection outlives the client;
every request validates against BigCommerce's documents."""

from __future__ import annotations

import json
import logging
import re

import pytest
from api_helpers import (
    CARD_DECLINED,
    assert_no_open_sockets,
    assert_requests_valid,
    card,
    checkout_ready,
    established_sockets,
    make_client,
    sellable,
)
from openapi_support import HttpRecorder, require_openapi

from pos.api import OutcomeUnknown, PaymentDeclined, install_redaction

AMEX = "378282246310005"
AMEX_CVV = "7391"


def _contains(text: str, secret: str) -> bool:
    return re.search(rf"(?<![0-9A-Za-z]){re.escape(secret)}(?![0-9A-Za-z])", text) is not None


async def test_full_sale_logs_no_secret_at_debug(
    store, recorder: HttpRecorder, caplog: pytest.LogCaptureFixture  # type: ignore[no-untyped-def]
) -> None:
    install_redaction()  # as ``pos`` does at start (a client installs nothing itself)
    caplog.set_level(logging.DEBUG)  # root: pos.api, httpx, httpcore, h11, asyncio, ...
    for name in ("pos.api", "httpx", "httpcore", "hpack", "h2"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    raised: list[str] = []
    try:
        async with make_client(store, recorder) as client:
            await client.warm_up()
            checkout = await checkout_ready(client)
            order_id = await client.checkouts.create_order(checkout.id)
            methods = await client.payments.methods(order_id=order_id)
            method = next(m for m in methods if m.type == "card")

            declined_token = await client.payments.create_access_token(order_id)
            with pytest.raises(PaymentDeclined) as declined:
                await client.payments.process(declined_token, card(CARD_DECLINED), method.id)
            raised += [str(declined.value), repr(declined.value)]

            store.add_fault("POST", "/payments", "close_before", times=1)
            lost_token = await client.payments.create_access_token(order_id)
            amex = card(AMEX, AMEX_CVV)
            with pytest.raises(OutcomeUnknown) as lost:
                await client.payments.process(lost_token, amex, method.id)
            raised += [str(lost.value), repr(lost.value), repr(amex), str(amex)]

            token = await client.payments.create_access_token(order_id)
            result = await client.payments.process(token, amex, method.id)
            assert result.status == "success"
            raised += [repr(client), repr(token), repr(result)]
            assert (await client.orders.get(order_id)).status_id == 11
    finally:
        for name in ("pos.api", "httpx", "httpcore", "hpack", "h2"):
            logging.getLogger(name).setLevel(logging.NOTSET)

    pats = [
        json.loads(e.response_body)["data"]["id"]
        for e in recorder.exchanges
        if e.path == "/v3/payments/access_tokens" and e.status == 201
    ]
    assert len(pats) == 3
    secrets = [store.token, *pats, AMEX, CARD_DECLINED, AMEX_CVV]
    records = caplog.records
    assert any(r.name.startswith("httpcore") for r in records), "httpcore DEBUG was not captured"
    assert any(r.name == "pos.api" for r in records)
    everything = "\n".join([caplog.text, *(r.getMessage() for r in records), *raised])
    for secret in secrets:
        assert not _contains(everything, secret), "a secret reached the logs or an error"
    # The payment requests really carried the card and the PAT (so the check above means it).
    sent = [e for e in recorder.exchanges if e.path == "/payments"]
    assert any(AMEX in e.request_body.decode() for e in sent)
    assert all(e.request_headers["authorization"].startswith("PAT ") for e in sent)


async def test_all_requests_of_a_sale_validate_against_the_documents(
    store, recorder: HttpRecorder  # type: ignore[no-untyped-def]
) -> None:
    validator = require_openapi()  # skips with the reason when the documents are absent
    async with make_client(store, recorder) as client:
        checkout = await checkout_ready(client)
        order_id = await client.checkouts.create_order(checkout.id)
        methods = await client.payments.methods(order_id=order_id)
        method = next(m for m in methods if m.type == "card")
        token = await client.payments.create_access_token(order_id)
        await client.payments.process(token, card(), method.id)
        await client.orders.get(order_id)
        await client.orders.transactions(order_id)
    paths = {e.path for e in recorder.exchanges}
    assert "/payments" in paths and "/v3/payments/access_tokens" in paths
    payment = next(e for e in recorder.exchanges if e.path == "/payments")
    assert payment.request_headers["authorization"].startswith("PAT ")
    assert payment.request_headers["accept"] == "application/vnd.bc.v1+json"
    assert "x-auth-token" not in payment.request_headers
    problems = []
    for e in recorder.exchanges:
        problems += validator.request_problems(
            e.method, e.path, e.query, e.request_headers, e.request_json
        )
    assert problems == []
    # The sandbox's answers to these documented calls validate too.
    assert validator.problems_in(recorder.exchanges) == []


async def test_no_connection_outlives_the_client(store, recorder: HttpRecorder) -> None:  # type: ignore[no-untyped-def]
    baseline = established_sockets()
    async with make_client(store, recorder) as client:
        results = await client.warm_up()
        assert [r.error for r in results] == [None]  # one host: api and payments share it
        ((_p, _v),) = await sellable(client)
        pools = list(client._shared.http.values())
        assert all(not http.is_closed for http in pools)
        assert established_sockets() > baseline  # the keep-alive connection is open
    assert all(http.is_closed for http in pools)
    assert client.is_closed
    assert_no_open_sockets(baseline)
    assert_requests_valid(recorder)


async def test_with_options_shares_connections_and_limits(store, recorder: HttpRecorder) -> None:  # type: ignore[no-untyped-def]
    baseline = established_sockets()
    async with make_client(store, recorder) as client:
        quick = client.with_options(timeout=0.5, max_retries=0)
        assert quick.timeout == 0.5 and quick.max_retries == 0
        assert quick._shared is client._shared
        await quick.orders.statuses()
        await client.orders.statuses()
    assert quick.is_closed
    assert_no_open_sockets(baseline)

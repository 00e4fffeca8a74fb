"""The redacting log filter on pos.api, httpx and httpcore loggers."""

from __future__ import annotations

import logging

import pytest

from pos.api.client import RedactingFilter, install_redaction, redact


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("X-Auth-Token: abcdef0123456789", "abcdef0123456789"),
        ("[(b'x-auth-token', b'abcdef0123456789'), (b'accept', b'*/*')]", "abcdef0123456789"),
        ("{'X-Auth-Token': 'abcdef0123456789'}", "abcdef0123456789"),
        ("Authorization: PAT eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl", "eyJhbGciOi"),
        ("(b'authorization', b'PAT tok-1234567')", "tok-1234567"),
        ('{"number": "4242424242424242", "verification_value": "123"}', "4242424242424242"),
        ('{"number":"4111111111111111","verification_value":"987"}', "987"),
        ("card 4242 4242 4242 4242 used", "4242 4242 4242 4242"),
        ("amex 3782-822463-10005", "822463"),
        ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc_def-ghi", "eyJzdWIiOiIxIn0"),
        ('{"token": "' + "f" * 64 + '"}', "f" * 64),
    ],
)
def test_secrets_are_removed(text: str, secret: str) -> None:
    assert secret not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "GET /stores/abc/v3/checkouts/236dbd8d-3672-4084-9199-5d5c23f17f9f -> 200 in 12 ms",
        "order 1700000000000 total 225.0000",
        "receive_response_headers.complete return_value=(b'HTTP/1.1', 200, b'OK')",
    ],
)
def test_ordinary_text_is_kept(text: str) -> None:
    assert redact(text) == text


def test_filter_is_on_the_http_loggers(caplog: pytest.LogCaptureFixture) -> None:
    install_redaction()
    install_redaction()  # idempotent
    caplog.set_level(logging.DEBUG)
    for name in ("pos.api", "httpx", "httpcore.http11", "httpcore.connection", "httpcore.http2"):
        logger = logging.getLogger(name)
        assert sum(isinstance(f, RedactingFilter) for f in logger.filters) == 1
        logger.debug("headers %r", [(b"X-Auth-Token", b"sekrit-token-1")])
        logger.debug("body %s", '{"number": "4242424242424242"}')
    assert "sekrit-token-1" not in caplog.text
    assert "4242424242424242" not in caplog.text
    assert caplog.text.count("[redacted]") == 10


def _redacting_filters() -> dict[str, list[logging.Filter]]:
    loggers = [logging.getLogger(), *(
        obj for obj in list(logging.Logger.manager.loggerDict.values())
        if isinstance(obj, logging.Logger)
    )]
    return {
        logger.name: [f for f in logger.filters if isinstance(f, RedactingFilter)]
        for logger in loggers
    }


async def test_a_client_installs_no_process_wide_filter() -> None:
    """Creating, opening and closing a client leaves every logger as it was: the filter is
    installed by the program (``pos`` at start), not as a side effect of a library call."""
    from pos.api import BigCommerceClient

    removed = {name: found for name, found in _redacting_filters().items() if found}
    for name, found in removed.items():
        for f in found:
            logging.getLogger(name).removeFilter(f)
    try:
        client = BigCommerceClient("abc123", lambda: "token-value-1")
        async with client.with_options(timeout=2):
            pass
        added = {name: found for name, found in _redacting_filters().items() if found}
        assert added == {}
    finally:
        for name, found in removed.items():
            for f in found:
                logging.getLogger(name).addFilter(f)

"""The one store-URL parser, and the client refusing a base URL it must not send to."""

from __future__ import annotations

import pytest

from pos.api import BigCommerceClient
from pos.api.urls import StoreUrlError, parse_store_url

SECRET = "pw-SECRET-4242"


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:80@192.0.2.2",
        f"https://{SECRET}@api.example.com",
        f"https://api.example.com?token={SECRET}",
        f"https://api.example.com/#{SECRET}",
        "http://192.0.2.2",
        "http://localhost.example.com",
        "https://api.example.com:0",
        "https://api.example.com:70000",
        "javascript:alert(1)",
        "https://",
    ],
)
def test_refused_urls_are_never_repeated(url: str) -> None:
    with pytest.raises(StoreUrlError) as refused:
        parse_store_url(url)
    assert SECRET not in str(refused.value) and "192.0.2.2" not in str(refused.value)
    with pytest.raises(ValueError) as client_refused:
        BigCommerceClient("abc123", lambda: "token-1", api_base_url=url)
    assert SECRET not in str(client_refused.value)
    with pytest.raises(ValueError):
        BigCommerceClient("abc123", lambda: "token-1", payments_base_url=url)


@pytest.mark.parametrize(
    ("url", "host", "port", "loopback"),
    [
        ("http://localhost:8080", "localhost", 8080, True),
        ("http://LOCALHOST", "localhost", 80, True),
        ("http://127.0.0.1:5000/", "127.0.0.1", 5000, True),
        ("http://[::1]:9", "::1", 9, True),
        ("https://api.bigcommerce.com", "api.bigcommerce.com", 443, False),
        ("https://192.0.2.2:8443/base", "192.0.2.2", 8443, False),
    ],
)
def test_loopback_is_decided_on_the_parsed_host(
    url: str, host: str, port: int, loopback: bool
) -> None:
    parsed = parse_store_url(url)
    assert (parsed.host, parsed.port, parsed.loopback) == (host, port, loopback)

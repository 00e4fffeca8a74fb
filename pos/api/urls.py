"""Store URLs: the one parser every store address goes through (profiles, the doctor, the
client).

A store URL is ``scheme://host[:port][/path]`` and nothing else: no user-info
(``user:password@``), no query, no fragment, no backslash, space or control character.
Plain ``http`` is allowed only when the parsed host is loopback (``localhost``, 127.0.0.0/8,
``::1``); everything else is ``https``. Loopback is decided on the host as parsed by the
same parser the client sends with (httpx), never on the text, and without DNS: a name other
than ``localhost`` is not loopback, whatever it resolves to today.

Error messages never repeat the URL: whatever was typed could hold a secret.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

import httpx

__all__ = [
    "DEFAULT_API_BASE_URL",
    "DEFAULT_PAYMENTS_BASE_URL",
    "StoreUrl",
    "StoreUrlError",
    "is_loopback_host",
    "parse_store_url",
]

DEFAULT_API_BASE_URL = "https://api.bigcommerce.com"
DEFAULT_PAYMENTS_BASE_URL = "https://payments.bigcommerce.com"

#: Longest store URL accepted.
MAX_URL_LENGTH = 2048
_SHAPE = re.compile(r"(?i)^(https?)://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$")


class StoreUrlError(ValueError):
    """A store URL that is refused; the message says why and never holds the URL."""


@dataclass(frozen=True)
class StoreUrl:
    """A parsed store URL. ``text`` is the URL to use (no trailing slash)."""

    scheme: str
    host: str
    port: int
    path: str

    @property
    def loopback(self) -> bool:
        return is_loopback_host(self.host)

    @property
    def secure(self) -> bool:
        return self.scheme == "https"

    @property
    def text(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.secure else 80
        port = "" if self.port == default else f":{self.port}"
        return f"{self.scheme}://{host}{port}{self.path}".rstrip("/")


def is_loopback_host(host: str) -> bool:
    """Whether a parsed host is this machine: ``localhost`` or a loopback IP address."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_store_url(text: object) -> StoreUrl:
    """``text`` as a :class:`StoreUrl`, or :class:`StoreUrlError` saying what is wrong."""
    if not isinstance(text, str):
        raise StoreUrlError("must be a URL string")
    if len(text) > MAX_URL_LENGTH:
        raise StoreUrlError(f"must be at most {MAX_URL_LENGTH} characters")
    if "@" in text:
        raise StoreUrlError(
            "must not hold a user name or password (user@host): credentials never go in a "
            "store URL"
        )
    if "?" in text or "#" in text:
        raise StoreUrlError("must not have a query (?...) or a fragment (#...)")
    if not _SHAPE.match(text):
        raise StoreUrlError(f"must be an http(s) URL like {DEFAULT_API_BASE_URL}")
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise StoreUrlError(f"must be an http(s) URL like {DEFAULT_API_BASE_URL}") from None
    if url.userinfo or url.query or url.fragment:
        raise StoreUrlError("must not hold user-info, a query or a fragment")
    scheme = url.scheme.lower()
    host = url.host.lower()
    if scheme not in ("http", "https") or not host:
        raise StoreUrlError(f"must be an http(s) URL like {DEFAULT_API_BASE_URL}")
    port = url.port if url.port is not None else (443 if scheme == "https" else 80)
    if not 0 < port < 65536:
        raise StoreUrlError("has a port outside 1-65535")
    parsed = StoreUrl(scheme, host, port, url.path if url.path != "/" else "")
    if scheme == "http" and not parsed.loopback:
        raise StoreUrlError("must use https:// (plain http is allowed only for localhost)")
    return parsed

"""API accounts with limited OAuth scopes, as BigCommerce's store-level API accounts have.

The store's own token (``SandboxServer.token``) has every scope. More tokens are issued with
``POST /__sandbox/tokens {"scopes": [...]}`` (or ``SandboxServer.create_token``); a request
whose token lacks the scope its route needs is refused with 403, as the real API does. A
"modify" scope also grants its "read-only" twin. Only a SHA-256 digest of an issued token is
kept in the store's file.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterable
from typing import Any

from pos.sandbox.db import Database, dumps

# Modify scope → its read-only twin (None when the scope has no such pair).
SCOPE_PAIRS: dict[str, str | None] = {
    "store_v2_products": "store_v2_products_read_only",
    "store_v2_customers": "store_v2_customers_read_only",
    "store_stored_payment_instruments": "store_stored_payment_instruments_read_only",
    "store_cart": "store_cart_read_only",
    "store_checkouts": "store_checkouts_read_only",
    "store_v2_orders": "store_v2_orders_read_only",
    "store_v2_transactions": "store_v2_transactions_read_only",
    "store_channel_settings": "store_channel_settings_read_only",
    "store_v2_information": "store_v2_information_read_only",
    "store_payments_access_token_create": None,
    "store_payments_methods_read": None,
}

KNOWN_SCOPES: frozenset[str] = frozenset(
    [*SCOPE_PAIRS, *(twin for twin in SCOPE_PAIRS.values() if twin is not None)]
)

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# (path pattern after /stores/{hash}, modify scopes, read-only scopes): the first match wins.
# Reads are allowed by either list; writes by the modify list only.
_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("/v3/catalog/*", ("store_v2_products",), ("store_v2_products_read_only",)),
    (
        "/v3/customers/*/stored-instruments",
        ("store_stored_payment_instruments",),
        ("store_stored_payment_instruments_read_only",),
    ),
    ("/v3/customers", ("store_v2_customers",), ("store_v2_customers_read_only",)),
    ("/v3/customers/*", ("store_v2_customers",), ("store_v2_customers_read_only",)),
    ("/v3/carts", ("store_cart",), ("store_cart_read_only",)),
    ("/v3/carts/*", ("store_cart",), ("store_cart_read_only",)),
    ("/v3/checkouts/*", ("store_checkouts",), ("store_checkouts_read_only",)),
    ("/v3/channels", ("store_channel_settings",), ("store_channel_settings_read_only",)),
    ("/v3/channels/*", ("store_channel_settings",), ("store_channel_settings_read_only",)),
    (
        "/v3/orders/*/transactions",
        ("store_v2_transactions",),
        ("store_v2_transactions_read_only",),
    ),
    (
        "/v3/orders/*payment_actions*",
        ("store_v2_orders", "store_v2_transactions"),
        ("store_v2_orders_read_only", "store_v2_transactions_read_only"),
    ),
    ("/v2/orders", ("store_v2_orders",), ("store_v2_orders_read_only",)),
    ("/v2/orders/*", ("store_v2_orders",), ("store_v2_orders_read_only",)),
    ("/v2/order_statuses", ("store_v2_orders",), ("store_v2_orders_read_only",)),
    ("/v3/payments/methods", ("store_payments_methods_read",), ("store_payments_methods_read",)),
    (
        "/v3/payments/access_tokens",
        ("store_payments_access_token_create",),
        ("store_payments_access_token_create",),
    ),
)

FORBIDDEN_TITLE = "You don't have a required scope to access the endpoint"


def required_scopes(method: str, path: str) -> tuple[str, ...] | None:
    """The scopes of which a token needs one for this request (None: no scope needed)."""
    for pattern, modify, read_only in _RULES:
        if fnmatch.fnmatchcase(path, pattern):
            return modify + read_only if method.upper() in READ_METHODS else modify
    return None


def validate_scopes(raw: Any) -> tuple[list[str], dict[str, str]]:
    """(scopes, errors) for the ``scopes`` of a token request."""
    if not isinstance(raw, list) or not all(isinstance(s, str) for s in raw):
        return [], {"scopes": "must be an array of scope names"}
    unknown = sorted({s for s in raw if s not in KNOWN_SCOPES})
    if unknown:
        return [], {"scopes": f"unknown scope(s): {', '.join(unknown)}"}
    return sorted(set(raw)), {}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Tokens:
    """The store's issued API tokens (the store's own token is not among them)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._scopes: dict[str, frozenset[str]] = {}
        with db.tx() as conn:
            for row in conn.execute("SELECT digest, scopes FROM api_tokens"):
                self._scopes[row["digest"]] = frozenset(json.loads(row["scopes"]))

    def create(self, scopes: Iterable[str]) -> str:
        """Issues a token with these scopes (ValueError on an unknown scope name)."""
        with self._db.tx() as conn:
            return self.issue(conn, scopes)

    def issue(self, conn: sqlite3.Connection, scopes: Iterable[str]) -> str:
        """Like :meth:`create`, inside the caller's transaction."""
        wanted, errors = validate_scopes(list(scopes))
        if errors:
            raise ValueError(errors["scopes"])
        token = secrets.token_hex(16)
        digest = _digest(token)
        conn.execute(
            "INSERT INTO api_tokens (digest, scopes, created) VALUES (?, ?, ?)",
            (digest, dumps(wanted), time.time()),
        )
        with self._lock:
            self._scopes[digest] = frozenset(wanted)
        return token

    def scopes_of(self, token: str) -> frozenset[str] | None:
        """The scopes of an issued token; None when the token is not one of them."""
        if not token:
            return None
        with self._lock:
            return self._scopes.get(_digest(token))

    def count(self) -> int:
        with self._lock:
            return len(self._scopes)

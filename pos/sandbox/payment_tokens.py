"""Payment access tokens: made for an order awaiting payment, read from the payments
host's ``Authorization: PAT <token>`` header, and spent once."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sqlite3
import time
import uuid
from typing import Any

from pos.sandbox.errors import ApiError
from pos.sandbox.money import D, minor_units
from pos.sandbox.orders import load_order

PAT_LIFETIME_S = 3600
PAT_ISSUER = "payments.sandbox.local"
AWAITING_PAYMENT = (0, 7)  # Incomplete, Awaiting Payment


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_pat(
    secret: bytes, store_hash: str, order_id: int, amount_minor: int, currency: str, now: float
) -> str:
    header = {"alg": "HS256", "typ": "JWT"}
    iat = int(now)
    payload = {
        "iss": PAT_ISSUER,
        "sub": store_hash,
        "iat": iat,
        "nbf": iat,
        "exp": iat + PAT_LIFETIME_S,
        "jti": uuid.uuid4().hex,
        "data": {
            "store_hash": store_hash,
            "order_id": str(order_id),
            "amount": amount_minor,
            "currency": currency,
        },
    }
    signing_input = (
        _b64(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + _b64(json.dumps(payload, separators=(",", ":")).encode())
    )
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + _b64(signature)


def read_pat(secret: bytes, store_hash: str, token: str, now: float) -> dict[str, Any]:
    """The PAT's ``data`` claims; 401 when it is malformed, forged, foreign or expired."""
    unauthorized = ApiError(
        401,
        "Unauthorized",
        code=10001,
        detail="The payment access token is missing, invalid or expired.",
    )
    parts = token.split(".")
    if len(parts) != 3:
        raise unauthorized
    signing_input = f"{parts[0]}.{parts[1]}"
    expected = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    try:
        signature = _unb64(parts[2])
        payload = json.loads(_unb64(parts[1]))
    except (ValueError, UnicodeDecodeError):
        raise unauthorized from None
    if not hmac.compare_digest(signature, expected) or not isinstance(payload, dict):
        raise unauthorized
    if payload.get("sub") != store_hash or float(payload.get("exp", 0)) <= now:
        raise unauthorized
    data = payload.get("data")
    if not isinstance(data, dict) or not isinstance(payload.get("jti"), str):
        raise unauthorized
    return {**data, "jti": payload["jti"]}


def spend_pat(conn: sqlite3.Connection, pat: dict[str, Any], now: float) -> None:
    """Marks a payment access token used (it is single use: "a single use ... JWT tied to
    the particular order"); 401 when it was used before, whatever that use's outcome."""
    cursor = conn.execute(
        "INSERT OR IGNORE INTO used_payment_tokens (jti, used) VALUES (?, ?)", (pat["jti"], now)
    )
    if cursor.rowcount == 0:
        raise ApiError(
            401,
            "Unauthorized",
            code=10001,
            detail="The payment access token has already been used; create a new one.",
        )


def new_pat(
    conn: sqlite3.Connection,
    secret: bytes,
    store_hash: str,
    order_id: int,
    now: float | None = None,
) -> str:
    row, order = load_order(conn, order_id)
    status_id = int(row["status_id"])
    if order["paid"] or status_id not in AWAITING_PAYMENT:
        raise ApiError(
            409,
            "The order is not awaiting payment",
            detail=f"Order {order_id} has status {status_id} and cannot be paid.",
        )
    return make_pat(
        secret,
        store_hash,
        order_id,
        minor_units(D(order["total_inc_tax"])),
        order["currency"],
        time.time() if now is None else now,
    )

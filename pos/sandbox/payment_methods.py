"""The store's payment methods and a customer's stored instruments, as
``GET /v3/payments/methods`` and ``GET /v3/customers/{id}/stored-instruments`` show them."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from pos.sandbox.catalog import BRAND_IIN
from pos.sandbox.orders import PAYMENT_METHOD_ID

BILLING_KEYS = (
    "first_name",
    "last_name",
    "email",
    "company",
    "address1",
    "address2",
    "city",
    "postal_code",
    "state_or_province",
    "state_or_province_code",
    "country_code",
    "phone",
)
SUPPORTED = ("VISA", "MASTERCARD", "AMEX", "DISCOVER")

GIFT_CERTIFICATE_METHOD = "bigcommerce.gift_certificate"
STORE_CREDIT_METHOD = "bigcommerce.store_credit"
WALLET_METHOD = "sandbox.paypal"
# Which method takes which instrument type.
METHOD_OF = {
    "card": PAYMENT_METHOD_ID,
    "stored_card": PAYMENT_METHOD_ID,
    "gift_certificate": GIFT_CERTIFICATE_METHOD,
    "store_credit": STORE_CREDIT_METHOD,
    "stored_paypal_account": WALLET_METHOD,
}


def methods_json(conn: sqlite3.Connection, customer_id: int) -> list[dict[str, Any]]:
    """The store's payment methods as real stores list them: gift certificates and store
    credit (BigCommerce's own), cards through a gateway, and a wallet."""
    cards = [i for i in stored_instruments(conn, customer_id) if i["type"] == "stored_card"]
    return [
        {
            "id": GIFT_CERTIFICATE_METHOD,
            "name": "Gift Certificate",
            "test_mode": False,
            "type": "gift_certificate",
            "supported_instruments": [],
            "stored_instruments": [],
        },
        {
            "id": STORE_CREDIT_METHOD,
            "name": "Store Credit",
            "test_mode": False,
            "type": "store_credit",
            "supported_instruments": [],
            "stored_instruments": [],
        },
        {
            "id": PAYMENT_METHOD_ID,
            "name": "Sandbox card",
            "test_mode": True,
            "type": "card",
            "supported_instruments": [
                *({"instrument_type": b, "verification_value_required": True} for b in SUPPORTED),
                {"instrument_type": "STORED_CARD", "verification_value_required": False},
            ],
            "stored_instruments": cards if customer_id else [],
        },
        {
            # A wallet: its stored accounts are the customer's stored_paypal_account
            # instruments (GET /v3/customers/{id}/stored-instruments).
            "id": WALLET_METHOD,
            "name": "Sandbox wallet (PayPal)",
            "test_mode": True,
            "type": "paypal",
            "supported_instruments": [],
            "stored_instruments": [],
        },
    ]


def stored_instruments(
    conn: sqlite3.Connection, customer_id: int, *, with_billing: bool = False
) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT token, data FROM instruments WHERE customer_id = ? ORDER BY rowid", (customer_id,)
    ).fetchall()
    out: list[dict[str, Any]] = []
    for row in rows:
        data = json.loads(row["data"])
        if data.get("type") == "stored_paypal_account":
            out.append(
                {
                    "type": "stored_paypal_account",
                    "token": row["token"],
                    "is_default": data["is_default"],
                    "email": data["email"],
                }
            )
            continue
        entry = {
            "type": "stored_card",
            "token": row["token"],
            "is_default": data["is_default"],
            "brand": data["brand"],
            "expiry_month": data["expiry_month"],
            "expiry_year": data["expiry_year"],
            "issuer_identification_number": BRAND_IIN.get(data["brand"], "000000"),
            "last_4": data["last_4"],
        }
        if with_billing:
            billing = data.get("billing_address") or {}
            entry["billing_address"] = {k: billing[k] for k in BILLING_KEYS if k in billing}
        out.append(entry)
    return out

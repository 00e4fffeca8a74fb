"""Payments: test cards, and processing a payment (cards, stored cards, gift
certificates, store credit, a wallet).

Card numbers exist here only as the published test numbers below and, for the length of a
request, in memory. Nothing stores or logs a number or CVV: orders, transactions and stored
instruments keep the brand, the last four digits and the expiry only.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pos.sandbox.catalog import save_instrument
from pos.sandbox.db import dumps
from pos.sandbox.errors import ApiError, Fields
from pos.sandbox.money import D, minor_units
from pos.sandbox.orders import (
    add_transaction,
    load_order,
    save_order,
    total_of,
)
from pos.sandbox.payment_methods import METHOD_OF
from pos.sandbox.totals import compute

# Test cards → outcome. Any other Luhn-valid number of a known brand is approved.
DECLINED = "4000000000000002"
INSUFFICIENT_FUNDS = "4000000000009995"
EXPIRED = "4000000000000069"
CVV_MISMATCH = "4000000000000127"
NEEDS_3DS = "4000000000003220"
PENDING = "4000000000000259"
APPROVED = ("4242424242424242", "4111111111111111", "5555555555554444", "378282246310005")

ERROR_MESSAGES = {
    10000: "We're experiencing difficulty processing your transaction. Please try again later.",
    10001: "Unable to process the payment because invalid data was supplied with the transaction.",
    30000: "Merchant payment configuration could not be found.",
    30003: "Order could not be found.",
    30004: "The validation on line item and grand total does not match.",
    30051: "That stored payment instrument could not be found. Please try a different payment "
    "option.",
    30101: "Order is invalid.",
    30102: "Your card details could not be verified. Please double check them and try again.",
    30103: "Your card has expired. Please try again with a valid card.",
    30104: "There was a problem processing your card. Please contact your card issuer.",
    30105: "This is a duplicate transaction. Please contact us to confirm your order. Do not "
    "try to pay again.",
    30106: "The payment was declined due to insufficient funds.",
}
CARD_TYPES = {
    "VISA": "visa",
    "MASTERCARD": "master",
    "AMEX": "american_express",
    "DISCOVER": "discover",
}


def payment_error(
    code: int, *, status: int = 422, detail: str | None = None, errors: dict[str, str] | None = None
) -> ApiError:
    title = {
        10001: "Invalid payment data",
        30003: "Order not found",
        30051: "Stored instrument not found",
    }.get(code, "Payment failed")
    if code in (30102, 30103, 30104, 30106):
        title = "Payment declined"
    return ApiError(
        status, title, detail=detail or ERROR_MESSAGES.get(code, ""), code=code, errors=errors
    )


def luhn_ok(number: str) -> bool:
    total = 0
    for n, char in enumerate(reversed(number)):
        digit = int(char)
        if n % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def brand_of(number: str) -> str | None:
    if number.startswith("4") and len(number) in (13, 16, 19):
        return "VISA"
    if len(number) == 16 and (51 <= int(number[:2]) <= 55 or 2221 <= int(number[:4]) <= 2720):
        return "MASTERCARD"
    if len(number) == 15 and number[:2] in ("34", "37"):
        return "AMEX"
    if len(number) == 16 and (number.startswith("6011") or number.startswith("65")):
        return "DISCOVER"
    return None


# -- processing -----------------------------------------------------------------------------


@dataclass
class Card:
    brand: str
    last4: str
    expiry_month: int
    expiry_year: int
    stored_token: str | None


def _read_card(instrument: dict[str, Any], now: float) -> tuple[Card, str]:
    """Validates a new card; returns it (brand/last 4 only) and its test outcome."""
    f = Fields(instrument, "payment.instrument", title="Invalid payment data")
    number = f.str("number", required=True)
    f.str("cardholder_name", required=True, max_length=255)
    month = f.int("expiry_month", required=True)
    year = f.int("expiry_year", required=True)
    cvv = f.str("verification_value", required=True)
    if f.errors:
        raise payment_error(10001, errors=f.errors)
    assert number is not None and month is not None and year is not None and cvv is not None
    digits = number.replace(" ", "").replace("-", "")
    errors: dict[str, str] = {}
    brand = None
    if not digits.isdigit() or not 12 <= len(digits) <= 19 or not luhn_ok(digits):
        errors["payment.instrument.number"] = "the card number is not valid"
    else:
        brand = brand_of(digits)
        if brand is None:
            errors["payment.instrument.number"] = "this card brand is not accepted"
    if not 1 <= month <= 12:
        errors["payment.instrument.expiry_month"] = "expiry_month must be 1 to 12"
    if year < 1000:
        errors["payment.instrument.expiry_year"] = "expiry_year must have four digits"
    wanted = 4 if brand == "AMEX" else 3
    if not cvv.isdigit() or len(cvv) != wanted:
        errors["payment.instrument.verification_value"] = (
            f"verification_value must have {wanted} digits"
        )
    if errors:
        raise payment_error(10001, errors=errors)
    assert brand is not None
    today = datetime.fromtimestamp(now, UTC)
    if (year, month) < (today.year, today.month):
        raise payment_error(30103)
    card = Card(brand, digits[-4:], month, year, None)
    outcome = {
        DECLINED: "declined",
        INSUFFICIENT_FUNDS: "insufficient",
        EXPIRED: "expired",
        CVV_MISMATCH: "cvv",
        NEEDS_3DS: "3ds",
        PENDING: "pending",
    }.get(digits, "approved")
    del digits, number, cvv
    return card, outcome


def process_payment(
    conn: sqlite3.Connection,
    pat: dict[str, Any],
    body: Any,
    now: float,
    pending_settle_ms: int,
    *,
    authorize_only: bool = False,
) -> dict[str, Any]:
    """Charges the PAT's order; returns the 201 body or raises the payment error.

    With ``authorize_only`` the gateway (cards and the wallet) only authorizes: the answer's
    ``transaction_type`` is ``authorization`` and the order is paid with its payment
    authorized, as some stores' gateways answer."""
    f = Fields(body, title="Invalid payment data")
    payment = f.dict("payment", required=True)
    if f.errors:
        raise payment_error(10001, errors=f.errors)
    assert payment is not None
    g = Fields(payment, "payment", title="Invalid payment data")
    instrument = g.dict("instrument", required=True)
    method_id = g.str("payment_method_id", required=True)
    save = g.bool("save_instrument")
    if g.errors:
        raise payment_error(10001, errors=g.errors)
    assert instrument is not None and method_id is not None
    kind = instrument.get("type")
    if not isinstance(kind, str) or kind not in METHOD_OF:
        raise payment_error(
            10001,
            errors={"payment.instrument.type": "type must be one of " + ", ".join(METHOD_OF)},
        )
    if method_id not in set(METHOD_OF.values()):
        raise payment_error(30000, detail=f"{ERROR_MESSAGES[30000]} ({method_id})")
    if METHOD_OF[kind] != method_id:
        raise payment_error(
            10001,
            errors={"payment.instrument.type": f"{method_id} does not take a {kind} instrument"},
        )
    order_id, order, amount = _payable_order(conn, pat)
    customer_id = int(order["customer_id"])
    card: Card | None = None
    outcome = "approved"
    stored_token: str | None = None
    if kind == "stored_card":
        card, outcome = _stored_card(conn, instrument, customer_id, now)
        stored_token = card.stored_token
    elif kind == "card":
        card, outcome = _read_card(instrument, now)
    elif kind == "stored_paypal_account":
        stored_token = _stored_wallet(conn, instrument, customer_id)
    refusal = {
        "declined": 30104,
        "insufficient": 30106,
        "expired": 30103,
        "cvv": 30102,
    }.get(outcome)
    if refusal is not None:
        raise payment_error(refusal)
    if outcome == "3ds":
        raise payment_error(
            30104,
            detail="This card requires 3-D Secure authentication, "
            "which is not supported for a new card: save it during "
            "a shopper-initiated checkout and charge it as a "
            "stored card.",
        )
    if kind == "gift_certificate":
        _spend_gift_certificate(conn, instrument, amount)
    elif kind == "store_credit":
        _spend_store_credit(conn, customer_id, amount)
    _take_stock(conn, order)
    pending = outcome == "pending"
    authorized = authorize_only and kind in ("card", "stored_card", "stored_paypal_account")
    payment_id = str(uuid.uuid4())
    tx: dict[str, Any] = {
        "event": "pending" if pending else "authorization" if authorized else "purchase",
        "method": TRANSACTION_METHODS[kind],
        "gateway": GATEWAYS[kind],
        "payment_method_id": method_id,
        "amount": str(amount),
        "currency": order["currency"],
        "gateway_transaction_id": payment_id,
        "status": "ok",
        "created": now,
        "instrument_token": stored_token,
    }
    if card is not None:
        tx["card"] = {
            "card_type": CARD_TYPES[card.brand],
            "last4": card.last4,
            "expiry_month": card.expiry_month,
            "expiry_year": card.expiry_year,
        }
    add_transaction(conn, order_id, tx)
    order["paid"] = True
    order["payment_method"] = PAYMENT_METHOD_NAMES[kind]
    order["payment_status"] = "pending" if pending else "authorized" if authorized else "captured"
    save_order(
        conn,
        order_id,
        order,
        status_id=1 if pending else 11,
        now=now,
        pending_until=(now + pending_settle_ms / 1000) if pending else None,
    )
    conn.execute("DELETE FROM carts WHERE id = ?", (order["cart_id"],))
    if save and kind == "card" and customer_id > 0 and card is not None:
        _save_card(conn, order, customer_id, card)
    return {
        "data": {
            "id": payment_id,
            "transaction_type": "authorization" if authorized else "purchase",
            "status": "pending" if pending else "success",
        }
    }


TRANSACTION_METHODS = {
    "card": "credit_card",
    "stored_card": "credit_card",
    "gift_certificate": "gift_certificate",
    "store_credit": "store_credit",
    "stored_paypal_account": "electronic_wallet",
}
GATEWAYS = {
    "card": "testgateway",
    "stored_card": "testgateway",
    "gift_certificate": "giftcertificate",
    "store_credit": "storecredit",
    "stored_paypal_account": "paypalexpress",
}
PAYMENT_METHOD_NAMES = {
    "card": "Credit Card",
    "stored_card": "Credit Card",
    "gift_certificate": "Gift Certificate",
    "store_credit": "Store Credit",
    "stored_paypal_account": "PayPal",
}


def _payable_order(
    conn: sqlite3.Connection, pat: dict[str, Any]
) -> tuple[int, dict[str, Any], Decimal]:
    """The PAT's order, its id and amount, when it may be paid now (else the error)."""
    try:
        order_id = int(pat.get("order_id", ""))
        row, order = load_order(conn, order_id)
    except (ValueError, ApiError):
        raise payment_error(30003) from None
    status_id = int(row["status_id"])
    if order["paid"]:
        raise payment_error(30105)
    if status_id != 0:
        raise payment_error(
            30101,
            detail=f"{ERROR_MESSAGES[30101]} The order's status is "
            f"{status_id}, not 0 (Incomplete).",
        )
    amount = total_of(order)
    if (
        int(pat.get("amount", -1)) != minor_units(amount)
        or pat.get("currency") != order["currency"]
    ):
        raise payment_error(30004)
    cart_row = conn.execute("SELECT data FROM carts WHERE id = ?", (order["cart_id"],)).fetchone()
    if cart_row is not None:
        cart = json.loads(cart_row["data"])
        if compute(conn, cart).grand_total != amount:
            raise payment_error(
                30004,
                detail=f"{ERROR_MESSAGES[30004]} The cart changed after the order was created.",
            )
    return order_id, order, amount


def _stored_card(
    conn: sqlite3.Connection, instrument: dict[str, Any], customer_id: int, now: float
) -> tuple[Card, str]:
    sf = Fields(instrument, "payment.instrument", title="Invalid payment data")
    token = sf.str("token", required=True)
    cvv = sf.str("verification_value")
    if sf.errors:
        raise payment_error(10001, errors=sf.errors)
    if cvv is not None and (not cvv.isdigit() or len(cvv) not in (3, 4)):
        message = "verification_value must have 3 or 4 digits"
        raise payment_error(10001, errors={"payment.instrument.verification_value": message})
    stored = conn.execute(
        "SELECT customer_id, data FROM instruments WHERE token = ?", (token,)
    ).fetchone()
    if stored is None or customer_id == 0 or int(stored["customer_id"]) != customer_id:
        raise payment_error(30051)
    sdata = json.loads(stored["data"])
    if sdata.get("type", "stored_card") != "stored_card":
        raise payment_error(30051)
    card = Card(sdata["brand"], sdata["last_4"], sdata["expiry_month"], sdata["expiry_year"], token)
    today = datetime.fromtimestamp(now, UTC)
    if (card.expiry_year, card.expiry_month) < (today.year, today.month):
        return card, "expired"
    return card, "approved"


def _stored_wallet(conn: sqlite3.Connection, instrument: dict[str, Any], customer_id: int) -> str:
    sf = Fields(instrument, "payment.instrument", title="Invalid payment data")
    token = sf.str("token", required=True)
    if sf.errors:
        raise payment_error(10001, errors=sf.errors)
    assert token is not None
    stored = conn.execute(
        "SELECT customer_id, data FROM instruments WHERE token = ?", (token,)
    ).fetchone()
    if (
        stored is None
        or customer_id == 0
        or int(stored["customer_id"]) != customer_id
        or json.loads(stored["data"]).get("type") != "stored_paypal_account"
    ):
        raise payment_error(30051)
    return token


def _spend_gift_certificate(
    conn: sqlite3.Connection, instrument: dict[str, Any], amount: Decimal
) -> None:
    sf = Fields(instrument, "payment.instrument", title="Invalid payment data")
    code = sf.str("gift_certificate_code", required=True, max_length=255)
    if sf.errors:
        raise payment_error(10001, errors=sf.errors)
    row = conn.execute(
        "SELECT code, balance FROM gift_certificates WHERE code = ?", ((code or "").strip(),)
    ).fetchone()
    if row is None:
        raise payment_error(
            10001, errors={"payment.instrument.gift_certificate_code": "unknown gift certificate"}
        )
    balance = D(row["balance"])
    if balance < amount:
        raise payment_error(
            30106, detail=f"The gift certificate's balance ({balance}) is less than {amount}."
        )
    conn.execute(
        "UPDATE gift_certificates SET balance = ? WHERE code = ?",
        (str(balance - amount), row["code"]),
    )


def _spend_store_credit(conn: sqlite3.Connection, customer_id: int, amount: Decimal) -> None:
    row = conn.execute("SELECT data FROM customers WHERE id = ?", (customer_id,)).fetchone()
    if row is None or customer_id == 0:
        raise payment_error(
            10001, detail="Store credit can pay only an order of a registered customer."
        )
    data = json.loads(row["data"])
    credit = D(data.get("store_credit", "0"))
    if credit < amount:
        raise payment_error(
            30106, detail=f"The customer's store credit ({credit}) is less than {amount}."
        )
    data["store_credit"] = str(credit - amount)
    conn.execute("UPDATE customers SET data = ? WHERE id = ?", (dumps(data), customer_id))


def _save_card(
    conn: sqlite3.Connection, order: dict[str, Any], customer_id: int, card: Card
) -> None:
    billing = order["billing"]
    save_instrument(
        conn,
        customer_id,
        secrets.token_hex(32),
        card.brand,
        card.last4,
        card.expiry_month,
        card.expiry_year,
        is_default=False,
        billing={
            "first_name": billing["first_name"],
            "last_name": billing["last_name"],
            "address1": billing["street_1"],
            "city": billing["city"],
            "postal_code": billing["zip"],
            "country_code": billing["country_iso2"],
        },
    )


def _take_stock(conn: sqlite3.Connection, order: dict[str, Any]) -> None:
    """Decrements stock for the order's items once; 30004 when it has run out meanwhile."""
    if order.get("stock_taken"):
        return
    wanted: dict[int, int] = {}
    for product in order["products"]:
        if product["kind"] == "physical" and product["variant_id"]:
            wanted[product["variant_id"]] = (
                wanted.get(product["variant_id"], 0) + product["quantity"]
            )
    for variant_id, quantity in wanted.items():
        row = conn.execute(
            "SELECT v.inventory_level, p.data FROM variants v JOIN products p "
            "ON p.id = v.product_id WHERE v.id = ?",
            (variant_id,),
        ).fetchone()
        if row is None or json.loads(row["data"])["inventory_tracking"] == "none":
            continue
        if int(row["inventory_level"]) < quantity:
            raise payment_error(
                30004, detail=f"{ERROR_MESSAGES[30004]} An item of the order is no longer in stock."
            )
        conn.execute(
            "UPDATE variants SET inventory_level = inventory_level - ? WHERE id = ?",
            (quantity, variant_id),
        )
    order["stock_taken"] = True

"""Payments: accepted methods, payment access tokens, processing a payment.

Processing goes to the payments host (``{payments_base_url}/stores/{hash}/payments``, no
``/v3``) with ``Authorization: PAT <token>`` and ``Accept: application/vnd.bc.v1+json``,
never with the store token.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import SecretStr

from pos.redaction import remember_secret

from ._resource import Resource
from .models import (
    Card,
    GiftCertificate,
    PaymentAccessToken,
    PaymentMethod,
    PaymentResult,
    StoreCredit,
    StoredCard,
)

__all__ = ["Payments"]


class Payments(Resource):
    async def methods(
        self, *, order_id: int | None = None, checkout_id: str | None = None
    ) -> list[PaymentMethod]:
        """``GET /v3/payments/methods?order_id=`` (or ``checkout_id=``; one is required)."""
        if (order_id is None) == (checkout_id is None):
            raise ValueError("give exactly one of order_id or checkout_id")
        c = self._client
        response = await c._request(
            "GET", c.v3("/payments/methods"),
            params={"order_id": order_id, "checkout_id": checkout_id},
        )
        return self._many(PaymentMethod, response, "payment methods")

    async def create_access_token(
        self, order_id: int, *, is_recurring: bool = False
    ) -> PaymentAccessToken:
        """``POST /v3/payments/access_tokens`` ``{"order": {"id": N}}`` → a PAT bound to the
        order's current total, valid one hour, single use: make one per payment attempt.

        Unsafe by policy (retried only when provably not sent). A lost answer raises
        OutcomeUnknown; an orphan token is harmless, so simply create another.
        """
        body: dict[str, Any] = {"order": {"id": int(order_id)}}
        if is_recurring:
            body["order"]["is_recurring"] = True
        c = self._client
        response = await c._request(
            "POST", c.v3("/payments/access_tokens"), json_body=body, idempotent=False,
            payment_codes=True,
        )
        pat = self._one(PaymentAccessToken, response, "payment access token")
        remember_secret(pat.id.get_secret_value())  # removed by value from any later text
        return pat

    async def process(
        self,
        access_token: PaymentAccessToken | SecretStr,
        instrument: Card | StoredCard | GiftCertificate | StoreCredit,
        payment_method_id: str,
        *,
        save_instrument: bool | None = None,
    ) -> PaymentResult:
        """``POST {payments}/stores/{hash}/payments``: charges the order the token is for.

        Never resent once it may have arrived: a timeout, a dropped connection or a 5xx
        raises OutcomeUnknown (read the order's status and transactions before anything
        else). Refusals raise PaymentDeclined / PaymentFailed subclasses with the code.
        """
        token = access_token.id if isinstance(access_token, PaymentAccessToken) else access_token
        payment: dict[str, Any] = {
            "instrument": instrument.instrument(),
            "payment_method_id": payment_method_id,
        }
        if save_instrument is not None:
            payment["save_instrument"] = bool(save_instrument)
        c = self._client
        try:
            response = await c._request(
                "POST",
                f"/stores/{c.store_hash}/payments",
                host="payments",
                json_body={"payment": payment},
                idempotent=False,
                payment_token=token,
                payment_codes=True,
            )
        finally:
            payment.clear()  # drop our reference to the card data as soon as possible
        return self._one(PaymentResult, response, "payment")

    async def gift_certificate_balance(self, code: str) -> Decimal | None:
        """The balance of the gift certificate ``code`` (``GET /v2/gift_certificates?code=``,
        marketing.v2.yml), or None when the store has none by that code."""
        c = self._client
        response = await c._request("GET", c.v2("/gift_certificates"),
                                    params={"code": code.strip()})
        data = response.data
        if not isinstance(data, list) or not data or not isinstance(data[0], dict):
            return None
        try:
            return Decimal(str(data[0].get("balance")))
        except (InvalidOperation, ValueError):
            return None

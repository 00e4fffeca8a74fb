"""Customers v3: search, create, stored payment instruments."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from ._resource import Resource
from .models import Customer, CustomerInput, Page, StoredInstrument

__all__ = ["Customers"]


CUSTOMER_INCLUDES = frozenset({"addresses", "storecredit", "attributes", "formfields",
                               "shopper_profile_id", "segment_ids"})


class Customers(Resource):
    async def search(
        self,
        *,
        name_like: str | None = None,
        emails: Sequence[str] = (),
        phones: Sequence[str] = (),
        ids: Sequence[int] = (),
        include: Sequence[str] = (),
        page: int = 1,
        limit: int = 50,
    ) -> Page[Customer]:
        """``GET /v3/customers`` with ``name:like``, ``email:in``, ``phone:in``, ``id:in``.

        ``include=("addresses",)`` fills each customer's ``addresses``. Filters the store
        does not honour are not checked here: a caller that needs exact matches filters the
        page itself.
        """
        unknown = [i for i in include if i not in CUSTOMER_INCLUDES]
        if unknown:
            raise ValueError(f"unknown customer include: {', '.join(unknown)}")
        params: dict[str, Any] = {
            "name:like": name_like,
            "email:in": list(emails) or None,
            "phone:in": list(phones) or None,
            "id:in": [int(i) for i in ids] or None,
            "include": list(dict.fromkeys(include)) or None,
            "page": page,
            "limit": max(1, min(limit, 250)),
        }
        c = self._client
        response = await c._request("GET", c.v3("/customers"), params=params)
        return self._page(Customer, response, "customer list")

    async def iter_search(
        self,
        *,
        name_like: str | None = None,
        emails: Sequence[str] = (),
        phones: Sequence[str] = (),
        ids: Sequence[int] = (),
        include: Sequence[str] = (),
        page_size: int = 50,
    ) -> AsyncIterator[Customer]:
        """Every customer :meth:`search` finds, page after page."""
        page_no = 1
        while True:
            page = await self.search(
                name_like=name_like, emails=emails, phones=phones, ids=ids, include=include,
                page=page_no, limit=page_size,
            )
            for customer in page.items:
                yield customer
            if not page.has_next or not page.items:
                return
            page_no += 1

    async def create(self, customer: CustomerInput) -> Customer:
        """``POST /v3/customers`` (array body). Unsafe: never resent after it may have
        arrived (a lost answer raises OutcomeUnknown; search by email to reconcile)."""
        c = self._client
        response = await c._request(
            "POST", c.v3("/customers"), json_body=[customer.body()], idempotent=False
        )
        created = self._many(Customer, response, "created customer")
        if len(created) != 1:
            raise self._client.unreadable(
                f"created customer: expected one record, got {len(created)}", response
            )
        return created[0]

    async def stored_instruments(self, customer_id: int) -> list[StoredInstrument]:
        """``GET /v3/customers/{id}/stored-instruments``: a bare array (no ``data``)."""
        c = self._client
        response = await c._request(
            "GET", c.v3(f"/customers/{int(customer_id)}/stored-instruments")
        )
        data = response.data
        if data is None:
            return []
        if isinstance(data, dict) and "data" in data:  # tolerate an enveloped answer
            data = data["data"]
        return c.parse_list(StoredInstrument, data, response, "stored instruments")

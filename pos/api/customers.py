"""Customers v3: search, create, stored payment instruments."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any, TypedDict, Unpack

from ._resource import Resource, pages
from .models import Customer, CustomerInput, Page, StoredInstrument

__all__ = ["CustomerQuery", "Customers"]


CUSTOMER_INCLUDES = frozenset({"addresses", "storecredit", "attributes", "formfields",
                               "shopper_profile_id", "segment_ids"})


class CustomerQuery(TypedDict, total=False):
    """What :meth:`Customers.search` and :meth:`Customers.iter_search` look for."""

    name_like: str | None
    emails: Sequence[str]
    phones: Sequence[str]
    ids: Sequence[int]
    include: Sequence[str]


class Customers(Resource):
    async def search(
        self, *, page: int = 1, limit: int = 50, **query: Unpack[CustomerQuery]
    ) -> Page[Customer]:
        """``GET /v3/customers`` with ``name:like``, ``email:in``, ``phone:in``, ``id:in``.

        ``include=("addresses",)`` fills each customer's ``addresses``. Filters the store
        does not honour are not checked here: a caller that needs exact matches filters the
        page itself.
        """
        include = query.get("include", ())
        unknown = [i for i in include if i not in CUSTOMER_INCLUDES]
        if unknown:
            raise ValueError(f"unknown customer include: {', '.join(unknown)}")
        params: dict[str, Any] = {
            "name:like": query.get("name_like"),
            # Lists go comma-separated (style form, explode false): a store refuses a
            # filter given more than once.
            "email:in": ",".join(query.get("emails", ())) or None,
            "phone:in": ",".join(query.get("phones", ())) or None,
            "id:in": ",".join(str(int(i)) for i in query.get("ids", ())) or None,
            "include": list(dict.fromkeys(include)) or None,
            "page": page,
            "limit": max(1, min(limit, 250)),
        }
        c = self._client
        response = await c._request("GET", c.v3("/customers"), params=params)
        return self._page(Customer, response, "customer list")

    def iter_search(
        self, *, page_size: int = 50, **query: Unpack[CustomerQuery]
    ) -> AsyncIterator[Customer]:
        """Every customer :meth:`search` finds, page after page."""
        return pages(lambda n: self.search(page=n, limit=page_size, **query))

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

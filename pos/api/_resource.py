"""Shared plumbing of the resource classes (one per BigCommerce resource).

A resource is bound to a :class:`~pos.api._transport.Transport` (the client is one) and
sends through it; it never imports the client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from ._transport import Response, Transport
from .models import Meta, Page, Pagination

M = TypeVar("M", bound=BaseModel)


def seg(value: str | int) -> str:
    """One path segment: refuses anything that could change the path."""
    text = str(value)
    if not text or any(ch in text for ch in "/?#%\\ \t\r\n") or text in (".", ".."):
        raise ValueError("not a valid id")
    return text


async def pages(
    fetch: Callable[[int], Awaitable[Page[M]]], *, max_pages: int | None = None
) -> AsyncIterator[M]:
    """Every item of the pages ``fetch(1)``, ``fetch(2)``... fetched lazily as the caller
    iterates, up to the last page (or ``max_pages``)."""
    page_no = 1
    while True:
        page = await fetch(page_no)
        for item in page.items:
            yield item
        if not page.has_next or not page.items:
            return
        if max_pages is not None and page_no >= max_pages:
            return
        page_no += 1


class Resource:
    """A group of operations bound to one client (and its options)."""

    def __init__(self, client: Transport) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._client!r})"

    @staticmethod
    def _envelope(response: Response, what: str) -> Any:
        """The ``data`` of a v3 ``{"data": ..., "meta": ...}`` answer."""
        body = response.data
        if not isinstance(body, dict) or "data" not in body:
            raise Transport.unreadable(f"{what}: the answer has no 'data' field", response)
        return body["data"]

    def _one(self, model: type[M], response: Response, what: str) -> M:
        return self._client.parse(model, self._envelope(response, what), response, what)

    def _many(self, model: type[M], response: Response, what: str) -> list[M]:
        return self._client.parse_list(model, self._envelope(response, what), response, what)

    def _page(self, model: type[M], response: Response, what: str) -> Page[M]:
        items = self._many(model, response, what)
        body = response.data
        pagination: Pagination | None = None
        if isinstance(body, dict) and isinstance(body.get("meta"), dict):
            meta = self._client.parse(Meta, body["meta"], response, what)
            pagination = meta.pagination
        return Page[M](items=items, pagination=pagination)

"""Catalog v3: products by keyword / SKU / UPC, variants by SKU / UPC."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from ._resource import Resource
from .models import Page, Product, Variant

__all__ = ["Catalog"]

MAX_PAGE_SIZE = 250


class Catalog(Resource):
    """``GET /v3/catalog/products`` and ``GET /v3/catalog/variants`` (reads: retried)."""

    async def list_products(
        self,
        *,
        keyword: str | None = None,
        sku: str | None = None,
        upc: str | None = None,
        include: Sequence[str] = (),
        page: int = 1,
        limit: int = 50,
        filters: dict[str, Any] | None = None,
    ) -> Page[Product]:
        """One page of products. ``sku`` matches the product's main SKU only (use
        :meth:`find_variants` for variant SKUs); ``filters`` adds other documented
        query parameters (``is_visible``, ``availability``, ``id:in``...)."""
        params: dict[str, Any] = {
            "keyword": keyword,
            "sku": sku,
            "upc": upc,
            "include": list(include) or None,
            "page": page,
            "limit": max(1, min(limit, MAX_PAGE_SIZE)),
            **(filters or {}),
        }
        c = self._client
        response = await c._request("GET", c.v3("/catalog/products"), params=params)
        return self._page(Product, response, "product list")

    async def iter_products(
        self,
        *,
        keyword: str | None = None,
        sku: str | None = None,
        upc: str | None = None,
        include: Sequence[str] = (),
        page_size: int = 50,
        max_pages: int | None = None,
        filters: dict[str, Any] | None = None,
    ) -> AsyncIterator[Product]:
        """Every matching product, fetching pages lazily as the caller iterates."""
        page_no = 1
        while True:
            page = await self.list_products(
                keyword=keyword, sku=sku, upc=upc, include=include,
                page=page_no, limit=page_size, filters=filters,
            )
            for product in page.items:
                yield product
            if not page.has_next or not page.items:
                return
            if max_pages is not None and page_no >= max_pages:
                return
            page_no += 1

    async def get_product(self, product_id: int, *, include: Sequence[str] = ()) -> Product:
        c = self._client
        response = await c._request(
            "GET",
            c.v3(f"/catalog/products/{int(product_id)}"),
            params={"include": list(include) or None},
        )
        return self._one(Product, response, "product")

    async def list_variants(
        self,
        *,
        sku: str | None = None,
        upc: str | None = None,
        product_ids: Sequence[int] = (),
        page: int = 1,
        limit: int = 50,
    ) -> Page[Variant]:
        c = self._client
        params: dict[str, Any] = {
            "sku": sku,
            "upc": upc,
            "product_id:in": [int(p) for p in product_ids] or None,
            "page": page,
            "limit": max(1, min(limit, MAX_PAGE_SIZE)),
        }
        response = await c._request("GET", c.v3("/catalog/variants"), params=params)
        return self._page(Variant, response, "variant list")

    async def find_variants(
        self, *, sku: str | None = None, upc: str | None = None
    ) -> list[Variant]:
        """Variants whose SKU or UPC matches exactly (a barcode scan); usually 0 or 1."""
        if not sku and not upc:
            raise ValueError("give a sku or a upc")
        page = await self.list_variants(sku=sku, upc=upc, limit=MAX_PAGE_SIZE)
        return page.items

"""Catalog v3: products by keyword / SKU / UPC, variants by SKU / UPC."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any, TypedDict, Unpack

from ._resource import Resource, pages
from .models import Page, Product, Variant

__all__ = ["Catalog", "ProductQuery"]

MAX_PAGE_SIZE = 250


class ProductQuery(TypedDict, total=False):
    """What :meth:`Catalog.list_products` and :meth:`Catalog.iter_products` look for."""

    keyword: str | None
    sku: str | None
    upc: str | None
    include: Sequence[str]
    filters: dict[str, Any] | None


class Catalog(Resource):
    """``GET /v3/catalog/products`` and ``GET /v3/catalog/variants`` (reads: retried)."""

    async def list_products(
        self, *, page: int = 1, limit: int = 50, **query: Unpack[ProductQuery]
    ) -> Page[Product]:
        """One page of products. ``sku`` matches the product's main SKU only (use
        :meth:`find_variants` for variant SKUs); ``filters`` adds other documented
        query parameters (``is_visible``, ``availability``, ``id:in``...)."""
        params: dict[str, Any] = {
            "keyword": query.get("keyword"),
            "sku": query.get("sku"),
            "upc": query.get("upc"),
            "include": list(query.get("include", ())) or None,
            "page": page,
            "limit": max(1, min(limit, MAX_PAGE_SIZE)),
            **(query.get("filters") or {}),
        }
        c = self._client
        response = await c._request("GET", c.v3("/catalog/products"), params=params)
        return self._page(Product, response, "product list")

    def iter_products(
        self,
        *,
        page_size: int = 50,
        max_pages: int | None = None,
        **query: Unpack[ProductQuery],
    ) -> AsyncIterator[Product]:
        """Every matching product, fetching pages lazily as the caller iterates."""
        return pages(
            lambda n: self.list_products(page=n, limit=page_size, **query), max_pages=max_pages
        )

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

"""Fixtures of the sale engine's tests: a real sandbox store over loopback HTTP, a real
client, a real journal file, and sales with short reconciliation timings."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_sale_support import _CATALOGUE, Catalogue, _sellable, fast_settings, make_client

from pos.api.client import BigCommerceClient
from pos.sale.journal import Journal
from pos.sale.sale import Sale
from pos.sandbox.server import SandboxServer


@pytest.fixture(scope="session")
def store() -> Iterator[SandboxServer]:
    """One sandbox store for the sale tests (seed 7, 300 products, quick pending)."""
    with SandboxServer(
        seed=7, catalog_size=300, pending_settle_ms=300, rate_limit_quota=1_000_000
    ) as server:
        yield server


@pytest.fixture
def faults(store: SandboxServer) -> Iterator[SandboxServer]:
    """The store, with every fault and setting reset after the test."""
    yield store
    store.clear_faults()
    store.reset_config()


@pytest.fixture
async def client(store: SandboxServer) -> AsyncIterator[BigCommerceClient]:
    async with make_client(store) as c:
        yield c


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def journal(data_dir: Path) -> Iterator[Journal]:
    with Journal(data_dir / "journal.sqlite3") as j:
        yield j


@pytest.fixture
async def new_sale(
    client: BigCommerceClient, journal: Journal
) -> AsyncIterator[Callable[..., Sale]]:
    sales: list[Sale] = []

    def make(**overrides: Any) -> Sale:
        sale = Sale(client, journal, fast_settings(**overrides))
        sales.append(sale)
        return sale

    yield make
    for sale in sales:
        await sale.aclose()


@pytest.fixture
async def catalogue(client: BigCommerceClient) -> Catalogue:
    if not _CATALOGUE.skus:
        page = 1
        while page <= 3:
            found = await client.catalog.list_products(include=["variants"], page=page, limit=100)
            for product in found.items:
                _CATALOGUE.skus += _sellable(product)
            if not found.has_next:
                break
            page += 1
    assert len(_CATALOGUE.skus) > 20
    return _CATALOGUE



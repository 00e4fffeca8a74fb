"""The catalogue as the composition root keeps it: pages fetched from the store's catalog
API, one sync at once, then kept in step in the background until the engine closes."""

from __future__ import annotations

import asyncio
import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from pos.composition import build_engine, demo_profile
from pos.sandbox.server import SandboxServer

if TYPE_CHECKING:
    from conftest import SandboxFactory


async def test_fetch_page_reads_the_catalog_api(store: SandboxServer, data_dir: Path) -> None:
    engine = build_engine(demo_profile(store), store.token, data_dir)
    try:
        assert engine.fetch_catalog_page is not None
        products, pages = await engine.fetch_catalog_page(1, None)
        assert pages == 2 and len(products) == 250  # 300 products, 250 a page
        assert {"id", "name", "sku", "variants"} <= set(products[0])
        assert products[0]["variants"] and "upc" in products[0]["variants"][0]
        last, _ = await engine.fetch_catalog_page(2, None)
        assert len(last) == 50
        # Incremental: nothing was modified since now (a refused filter would raise).
        since = _dt.datetime.now(_dt.UTC)
        newer, _ = await engine.fetch_catalog_page(1, since)
        assert newer == []
    finally:
        await engine.close()


async def test_the_catalogue_is_kept_in_step_until_close(
    store: SandboxServer, data_dir: Path
) -> None:
    engine = build_engine(demo_profile(store), store.token, data_dir, catalog_interval=0.05)
    report = await engine.sync_catalog()
    assert report.full and report.products >= 300
    background = [t for t in asyncio.all_tasks() if "keep_in_step" in repr(t.get_coro())]
    assert len(background) == 1
    # A second sync_catalog() starts no second loop.
    await engine.sync_catalog()
    assert len([t for t in asyncio.all_tasks() if "keep_in_step" in repr(t.get_coro())]) == 1
    await engine.close()
    assert background[0].done() and not background[0].cancelled()


async def test_an_incremental_sync_fetches_only_the_changed_product(
    sandbox_factory: SandboxFactory, data_dir: Path
) -> None:
    # A store of its own: no other test changes its products.
    store = sandbox_factory(seed=18, catalog_size=60)
    engine = build_engine(demo_profile(store), store.token, data_dir, catalog_interval=3600)
    try:
        first = await engine.sync_catalog()
        assert first.full and first.products == 60
        assert engine.fetch_catalog_page is not None
        products, _ = await engine.fetch_catalog_page(1, None)
        changed = products[7]
        async with httpx.AsyncClient() as admin:
            r = await admin.put(
                f"{store.admin_url}/stock",
                json={"variant_id": changed["variants"][0]["id"], "inventory_level": 3},
            )
        assert r.status_code == 200
        report = await engine.sync_catalog()
        assert not report.full
        assert report.products == 1
        assert report.deleted == 0
    finally:
        await engine.close()

"""The catalogue as the composition root keeps it: pages fetched from the store's catalog
API, one sync at once, then kept in step in the background until the engine closes."""

from __future__ import annotations

import asyncio
import datetime as _dt
from pathlib import Path

from pos.composition import build_engine, demo_profile
from pos.sandbox.server import SandboxServer


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
        # Incremental: the filter is sent; the sandbox ignores date_modified:min and
        # answers with every product (a real store answers with the modified ones).
        since = _dt.datetime.now(_dt.UTC)
        _, pages_since = await engine.fetch_catalog_page(1, since)
        assert pages_since >= 1
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

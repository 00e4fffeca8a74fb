"""Closing a sale: its background work is waited for, and a close that is cancelled itself
ends cancelled (it is not taken for one of the sale's own tasks being cancelled)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable

from test_sale_support import Catalogue

from pos.sale.journal import Journal
from pos.sale.sale import Sale
from pos.sale.view import summary_of


async def test_a_close_cancelled_while_a_journal_write_waits_ends_cancelled(
        new_sale: Callable[..., Sale], catalogue: Catalogue, journal: Journal) -> None:
    sale = new_sale()
    sku, _ = catalogue.take()
    line = await sale.add_item(sku)
    # Another register holds the journal's write lock: the sale's next journal write (the
    # summary of its lines, written in the background) waits for it, in its thread.
    other = sqlite3.connect(journal.path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        await sale.set_quantity(line.id, 2)
        closing = asyncio.ensure_future(sale.aclose())
        for _ in range(3):  # the close starts and waits for the journal write
            await asyncio.sleep(0)
        assert not closing.done()
        closing.cancel()
        await asyncio.wait([closing])
        assert closing.cancelled()  # the closer's own cancellation was not swallowed
    finally:
        other.execute("ROLLBACK")
        other.close()
    # The write the close waited for was not cut short: it lands once the lock is free.
    await sale.aclose()
    assert sale.sale_id is not None
    record = journal.get(sale.sale_id)
    assert record is not None
    assert summary_of(record.events)[1][-1][1] == 2

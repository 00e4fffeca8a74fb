"""Hardening of the sale engine: definite failures stay definite, the store's own record
is believed over a payments host, outcomes reach someone."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from test_sale_support import ADDRESS, VISA_OK, Catalogue, fast_settings, make_client

from pos.api.client import BigCommerceClient
from pos.api.models import LineItemInput
from pos.sale import ConsignmentPlan, NewCard, Sale
from pos.sale.cards import CardDetails
from pos.sale.journal import Journal
from pos.sale.messages import NextStep
from pos.sandbox.server import SandboxServer

NewSale = Callable[..., Sale]


def card(number: str = VISA_OK, cvv: str = "123") -> CardDetails:
    return CardDetails(number, cvv, 12, 2031, "Ana Diaz")


async def pickup_sale(sale: Sale, catalogue: Catalogue) -> None:
    await sale.add_item(catalogue.take()[0])
    await sale.set_customer(None)
    await sale.set_billing_address(ADDRESS)
    await sale.set_fulfilment(
        [ConsignmentPlan("pickup", {ln.id: ln.quantity for ln in sale.lines})]
    )


async def test_total_changed_then_rebuild_fails_is_a_definite_error(
    faults: SandboxServer, new_sale: NewSale, catalogue: Catalogue,
    client: BigCommerceClient,
) -> None:
    sale = new_sale()
    await pickup_sale(sale, catalogue)
    await sale.prepare_payment()
    variant = (await client.catalog.find_variants(sku=catalogue.take()[0]))[0]
    assert variant.product_id is not None
    await client.carts.add_items(sale.cart_id or "", [LineItemInput(
        product_id=variant.product_id, variant_id=variant.id, quantity=1)])
    # The store refuses the payment (30004), then cannot be read to make the order again.
    faults.add_fault("GET", "/v3/checkouts/*", "500", times=50)
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "error" and result.code == 30004, result
    assert result.next_step is NextStep.REBUILD_ORDER and result.may_charge_again
    assert "Nothing was charged" in result.message


class LyingPaymentsHost(httpx.AsyncBaseTransport):
    """The real sandbox store, except that the payments host answers "success" to every
    payment without taking it (a hostile or broken payments host)."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.lies = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/payments"):
            await request.aread()
            self.lies += 1
            return httpx.Response(201, json={"data": {"id": "not-a-real-transaction",
                                                      "transaction_type": "purchase",
                                                      "status": "success"}})
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


async def test_a_payments_success_the_store_does_not_show_is_unknown(
    store: SandboxServer, journal: Journal, catalogue: Catalogue, client: BigCommerceClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="pos.sale")
    lying = LyingPaymentsHost()
    async with make_client(store, transport=lying) as liar_client:
        sale = Sale(liar_client, journal, fast_settings(reconcile_timeout=1.0))
        try:
            await pickup_sale(sale, catalogue)
            await sale.prepare_payment()
            result = await sale.charge(NewCard(card()))
        finally:
            await sale.aclose()
    assert lying.lies == 1
    assert result.outcome == "unknown", result
    assert result.next_step is NextStep.VERIFY_PAYMENT and not result.may_charge_again
    record = journal.get(sale.sale_id or "")
    assert record is not None and not record.paid and record.payment_uncertain
    assert record.finished_at is None
    order = await client.orders.get(result.order_id or 0)
    assert order.status_id == 0
    assert "disagree" in caplog.text or "unpaid with no transaction" in caplog.text


async def test_a_declined_then_abandoned_sale_leaves_no_cart(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    from test_sale_support import DECLINED

    from pos.api.errors import NotFound

    sale = new_sale()
    await pickup_sale(sale, catalogue)
    options = await sale.prepare_payment()
    result = await sale.charge(NewCard(card(DECLINED)))
    assert result.outcome == "declined"
    cart_id = sale.cart_id
    assert cart_id is not None
    await sale.abandon()
    with pytest.raises(NotFound):
        await client.carts.get(cart_id)
    order = await client.orders.get(options.order_id)
    assert order.status_id == 5, "the Incomplete order this register made is cancelled"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 16 MB filesystem (tmpfs), so that the disk can really be filled."""
    import subprocess

    where = tmp_path / "small-disk"
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(where)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def fill(folder: Path) -> None:
    with open(folder / "filler", "wb", buffering=0) as out:
        for size in (65536, 4096, 1):
            try:
                while True:
                    out.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC


async def test_a_full_disk_refuses_the_payment_and_keeps_the_journal(
    small_disk: Path, client: BigCommerceClient, catalogue: Catalogue
) -> None:
    from pos.sale.errors import DiskFull

    journal = Journal(small_disk / "journal.sqlite3")
    sale = Sale(client, journal, fast_settings())
    try:
        await pickup_sale(sale, catalogue)
        options = await sale.prepare_payment()
        fill(small_disk)
        with pytest.raises(DiskFull) as info:
            await sale.charge(NewCard(card()))
        assert "disk is full" in str(info.value)
    finally:
        with contextlib.suppress(Exception):
            await sale.aclose()
    # Nothing was sent to the payments host, and what was journaled is still there.
    txs = await client.orders.transactions(options.order_id)
    assert txs == [] or all(t.event not in ("purchase", "authorization") for t in txs)
    record = journal.get(sale.sale_id or "")
    assert record is not None and record.order_id == options.order_id and not record.attempts
    journal.close()


async def test_abandon_cancels_an_incomplete_order_of_the_cart_the_sale_never_knew(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    sale = new_sale()
    await pickup_sale(sale, catalogue)
    # An order creation the store did although its answer was an error: the sale does
    # not know this order.
    stray = await client.checkouts.create_order(sale.cart_id or "")
    assert stray not in sale.order_ids
    await sale.abandon()
    assert (await client.orders.get(stray)).status_id == 5


async def test_leftovers_of_this_register_are_found(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient, journal: Journal
) -> None:
    from pos.sale.leftovers import find_leftovers

    sale = new_sale()
    await pickup_sale(sale, catalogue)
    clean = new_sale()
    await pickup_sale(clean, catalogue)
    await clean.abandon()
    assert await find_leftovers(client, journal) == []
    # A sale given up by a failure that left its cart at the store.
    journal.mark_finished(sale.sale_id or "", "failed")
    found = await find_leftovers(client, journal)
    assert found == [f"cart {sale.cart_id} of sale {sale.sale_id}"]

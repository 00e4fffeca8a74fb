"""What ``pos sale`` prints when the sale ends awkwardly: found paid while it was being
closed, failing after money may have moved, and ``--resume``'s worst outcome. Run in
this process against the sale tests' sandbox store (faults and out-of-band payments)."""

from __future__ import annotations

import argparse
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from test_sale_support import ADDRESS, DECLINED, PENDING, VISA_OK, Catalogue

import pos.commands.sale as command
from pos.api.client import BigCommerceClient
from pos.api.models import Card
from pos.composition import Engine, build_engine, demo_profile
from pos.sale.cards import CardDetails
from pos.sandbox.server import SandboxServer


def args(**values: Any) -> argparse.Namespace:
    base = {"resume": False, "timeout": None, "unpaid_confirm": 0.1}
    base.update(values)
    return argparse.Namespace(**base)


def spec_for(sku: str) -> dict[str, Any]:
    return {
        "items": [{"sku": sku, "quantity": 1}],
        "billing_address": dict(ADDRESS),
        "consignments": [{"items": "all", "pickup": True}],
        "payment": {"card": "stdin"},
    }


def a_card(number: str) -> CardDetails:
    return CardDetails(number, "123", 12, 2031, "Ana Diaz")


def printed(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


async def sell(store: SandboxServer, data_dir: Path, spec: dict[str, Any], card: Any,
               **values: Any) -> int:
    return await command._sell(args(**values), demo_profile(store), store.token, data_dir,
                               spec, card)


async def test_a_sale_found_paid_while_closing_is_reported_paid(
    faults: SandboxServer,
    client: BigCommerceClient,
    catalogue: Catalogue,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The card is declined, and the store takes a payment for the order before the sale is
    closed (a late answer): closing finds the order paid, and ``pos sale`` says paid."""
    real = command.run_steps

    async def then_paid_elsewhere(sale: Any, spec: dict[str, Any], payment: Any) -> Any:
        result = await real(sale, spec, payment)
        assert result.outcome == "declined"
        pat = await client.payments.create_access_token(result.order_id)
        await client.payments.process(pat, Card(
            cardholder_name="Ana Diaz", number=VISA_OK, expiry_month=12, expiry_year=2031,
            verification_value="123"), "sandbox.card")
        return result

    monkeypatch.setattr(command, "run_steps", then_paid_elsewhere)
    code = await sell(faults, data_dir, spec_for(catalogue.take()[0]), a_card(DECLINED))
    (out,) = printed(capsys)
    assert (code, out["outcome"]) == (0, "paid"), out
    assert out["status_id"] == 11 and out["order_id"]


async def test_a_failure_after_a_payment_attempt_is_unknown(
    faults: SandboxServer,
    catalogue: Catalogue,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Anything going wrong once a payment was sent prints one JSON object, "unknown",
    exit 3: the clerk must check before charging again."""
    real = command.run_steps

    async def broken(sale: Any, spec: dict[str, Any], payment: Any) -> Any:
        await real(sale, spec, payment)
        raise RuntimeError("a bug after the payment")

    monkeypatch.setattr(command, "run_steps", broken)
    code = await sell(faults, data_dir, spec_for(catalogue.take()[0]), a_card(DECLINED))
    (out,) = printed(capsys)
    assert (code, out["outcome"]) == (3, "unknown"), out
    assert "bug" not in out["message"] and "--resume" in out["message"]


async def test_a_failure_before_any_payment_is_an_error(
    faults: SandboxServer,
    catalogue: Catalogue,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def broken(sale: Any, spec: dict[str, Any], payment: Any) -> Any:
        await sale.add_item(spec["items"][0]["sku"])
        raise RuntimeError("a bug before the payment")

    monkeypatch.setattr(command, "run_steps", broken)
    code = await sell(faults, data_dir, spec_for(catalogue.take()[0]), a_card(VISA_OK))
    (out,) = printed(capsys)
    assert (code, out["outcome"]) == (1, "error"), out


async def test_an_unanswered_order_creation_is_unknown(
    faults: SandboxServer,
    catalogue: Catalogue,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The order's creation got no answer and the store cannot be read to find out: an
    order may exist (and be paid later), so the outcome is "unknown", exit 3."""
    faults.add_fault("POST", "/v3/checkouts/*/orders", "close_after")
    faults.add_fault("GET", "/v3/checkouts/*", "500", times=200)
    faults.add_fault("GET", "/v2/orders", "500", times=200)
    faults.configure(rate_limit_quota=100000)
    import pos.composition  # _sell imports build_engine from it when it runs

    build = pos.composition.build_engine

    def quick(*a: Any, **k: Any) -> Engine:
        return build(*a, order_reconcile_timeout=1.0, **k)

    monkeypatch.setattr(pos.composition, "build_engine", quick)
    code = await sell(faults, data_dir, spec_for(catalogue.take()[0]), a_card(VISA_OK))
    (out,) = printed(capsys)
    assert (code, out["outcome"]) == (3, "unknown"), out


@pytest.fixture
async def engine(faults: SandboxServer, data_dir: Path) -> AsyncIterator[Engine]:
    built = build_engine(demo_profile(faults), faults.token, data_dir,
                         reconcile_timeout=0.0, unpaid_confirm=0.1)
    yield built
    await built.close()


async def unfinished_cart(engine: Engine, sku: str) -> None:
    sale = engine.new_sale()
    await sale.add_item(sku)
    await sale.aclose()


async def test_resume_exits_with_the_worst_outcome(
    faults: SandboxServer,
    engine: Engine,
    catalogue: Catalogue,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """unknown > error > declined > paid."""
    # Two carts: with a spec and a declined card, the first is declined, the second is
    # left unpaid (an error): the worst is the error.
    await unfinished_cart(engine, catalogue.take()[0])
    await unfinished_cart(engine, catalogue.take()[0])
    code = await command._resume_all(engine, spec_for(catalogue.take()[0]), a_card(DECLINED))
    outcomes = [o["outcome"] for o in printed(capsys)]
    assert (code, outcomes) == (1, ["declined", "error"])
    # A payment still pending at the store (it settles much later) stays unknown: worst.
    faults.configure(pending_settle_ms=600_000)
    sale = engine.new_sale()
    await command.run_steps(sale, spec_for(catalogue.take()[0]), a_card(PENDING))
    await sale.aclose()
    capsys.readouterr()
    code = await command._resume_all(engine, None, None)
    outcomes = [o["outcome"] for o in printed(capsys)]
    assert outcomes[0] == "unknown" and code == 3, outcomes
    assert command.RANK == {0: 0, 2: 1, 1: 2, 3: 3}

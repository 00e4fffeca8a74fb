"""The register's log file: in the store's data folder, one line per sale outcome, and never a
card number, a CVV or a token in it."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from ui_helpers import add_items, pay_new_card, wait_page, wiz

from pos.ui.app_log import RegisterLog, log_path
from pos.ui.pages import PAGE_DONE, PAGE_PAYMENT

pytest.importorskip("pos.sale.sale", reason="the sale engine (pos/sale/sale.py)")

from test_wizard_sandbox import _to_payment, close_window, open_window

from pos.sandbox.server import SandboxServer

CVV = "8731"  # an Amex CVV: four digits that appear nowhere else
AMEX = "378282246310005"
DECLINED = "4000000000000002"


@pytest.fixture(scope="module")
def store():
    with SandboxServer(rate_limit_quota=1_000_000, seed=1, catalog_size=60) as server:
        yield server


@pytest.fixture(scope="module")
def skus(store) -> list[str]:
    from test_wizard_sandbox import _get

    variants = _get(store, "/v3/catalog/variants", limit=250)
    return [v["sku"] for v in variants
            if not v.get("purchasing_disabled") and (v.get("inventory_level") or 0) > 5]


@pytest.fixture
def register_log(tmp_path: Path):
    log = RegisterLog()
    assert log.open(tmp_path / "data") == log_path(tmp_path / "data")
    yield log
    log.close()


def _no_secrets(data: bytes, *secrets: str) -> None:
    for secret in secrets:
        assert secret.encode() not in data, secret
        spaced = " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
        assert spaced.encode() not in data, spaced
    assert re.search(rb"(?<!\d)" + CVV.encode() + rb"(?!\d)", data) is None
    assert b"eyJ" not in data  # no payment access token (a JWT)
    assert re.search(rb"PAT\s+[A-Za-z0-9]", data) is None


def test_a_demo_sale_logs_its_outcome_and_no_card_data(qtbot, qloop, store, skus, tmp_path,
                                                       register_log):
    win = open_window(qtbot, store, tmp_path / "data")
    try:
        add_items(qtbot, win, skus[0])
        _to_payment(qtbot, win)
        pay_new_card(qtbot, win, DECLINED)
        page = wiz(win).payment_page
        qtbot.waitUntil(lambda: "declined" in page.status.text(), timeout=10_000)
        assert wiz(win).currentId() == PAGE_PAYMENT
        pay_new_card(qtbot, win, AMEX, cvv=CVV)
        wait_page(qtbot, win, PAGE_DONE)
        sale = win.view.sale
        order_id = wiz(win).done_page.result.order_id
        # Whatever a careless logger of the app might print goes through the filter too.
        logging.getLogger("pos.ui.careless").warning(
            "card %s cvv: %s headers {'X-Auth-Token': '%s'}", AMEX, CVV, store.token)
    finally:
        close_window(qtbot, qloop, win)
    register_log.close()
    path = log_path(tmp_path / "data")
    data = path.read_bytes()
    text = data.decode("utf-8")
    paid = [ln for ln in text.splitlines() if "outcome paid" in ln]
    assert len(paid) == 1, text
    assert f"sale {sale.sale_id}" in paid[0]
    assert f"order {order_id}" in paid[0]
    assert "0005" in paid[0]  # the card, masked
    assert "terminal Demo register" in paid[0]
    declined = [ln for ln in text.splitlines() if "outcome declined" in ln]
    assert len(declined) == 1 and "code " in declined[0]
    _no_secrets(data, AMEX, DECLINED, store.token)
    assert "[redacted" in text  # the careless line was cleaned, not dropped


def test_the_log_rotates_and_moves_with_the_store(tmp_path):
    log = RegisterLog(max_bytes=2_000, backup_count=2)
    first = log.open(tmp_path / "a")
    assert first is not None
    logger = logging.getLogger("pos.ui.sale")
    for i in range(200):
        logger.info("sale %d: outcome paid", i)
    second = log.open(tmp_path / "b")
    logger.info("sale on the second store")
    log.close()
    logger.info("after closing: nowhere")
    assert sorted(p.name for p in first.parent.iterdir()) == [
        "register.log", "register.log.1", "register.log.2"]
    assert "second store" not in first.read_text(encoding="utf-8")
    assert second is not None
    assert second.read_text(encoding="utf-8").count("\n") == 1
    if hasattr(__import__("os"), "getuid"):
        assert (second.stat().st_mode & 0o777) == 0o600

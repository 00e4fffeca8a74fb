"""Every sale the register completes goes into its local index of sales at once (card, cash,
the terminal, a sale resumed after a crash): customer name, e-mail, phone, card last 4,
SKUs, amount and date, so that ``pos orders find`` finds the sale just rung up by keys the
store cannot search (a terminal card's last 4 is known to the register only)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_refund_command import pos

from pos.returns.index import SaleQuery, SalesIndex

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sale"))
from test_sale_support import (
    DEMO_SKU,
    card_json,
    cli_env,
    pos_sale_command,
    run_pos_sale,
    write_spec,
)

from pos.commands.sale import CRASH_ENV


def _index(data: Path) -> SalesIndex:
    return SalesIndex(data / "profiles" / "demo" / "sales-index.sqlite3")


def _find(data: Path, db: Path, *keys: str) -> list[dict[str, Any]]:
    code, out, err = pos(data, "orders", "find", "--demo", "--demo-db", str(db), *keys,
                         "--json")
    assert code == 0, err
    [found] = out
    return list(found)


def test_a_sale_rung_through_pos_sale_is_found_by_sku_last4_and_email(tmp_path: Path
                                                                        ) -> None:
    data, db = tmp_path / "data", tmp_path / "store.sqlite3"
    demo = ("--demo", "--demo-db", str(db))
    term = write_spec(tmp_path / "term.json", payment={"terminal": {"reference": "AP7731",
                                                                    "last4": "7319"}})
    code, [terminal], err = run_pos_sale(data, *demo, "--spec", str(term))
    assert code == 0 and terminal["outcome"] == "paid", (terminal, err)
    card_spec = write_spec(tmp_path / "card.json", billing_address={
        "first_name": "Noa", "last_name": "Kim", "email": "noa@example.com",
        "phone": "512 555 0199", "address1": "1 Main St", "city": "Austin",
        "country_code": "US", "state_or_province": "TX", "postal_code": "78701"})
    code, [card], err = run_pos_sale(data, *demo, "--spec", str(card_spec),
                                     stdin=card_json())
    assert code == 0 and card["outcome"] == "paid", (card, err)

    # The index holds both as the sale knew them, before anyone searched.
    with _index(data) as index:
        [t] = index.search(SaleQuery(last4="7319"))
        [c] = index.search(SaleQuery(email="noa@example.com"))
    assert t.order_id == terminal["order_id"] and t.skus == (DEMO_SKU,)
    assert t.customer_name == "Ana Diaz" and t.email == "ana@example.com"
    assert str(t.amount) == terminal["grand_total"]
    assert c.order_id == card["order_id"] and c.last4 == "4242"
    assert c.customer_name == "Noa Kim" and c.phone.endswith("5125550199")

    # The terminal's card is known to the register only: found by its last 4.
    assert [s["order_id"] for s in _find(data, db, "--last4", "7319")] == \
        [terminal["order_id"]]
    assert {s["order_id"] for s in _find(data, db, "--sku", DEMO_SKU)} >= \
        {terminal["order_id"], card["order_id"]}
    assert [s["order_id"] for s in _find(data, db, "--email", "noa@example.com")] == \
        [card["order_id"]]
    code, out, _ = pos(data, "orders", "find", "--demo", "--demo-db", str(db), "--phone",
                       "5125550199", "--json")
    assert code == 0 and [s["order_id"] for s in out[0]] == [card["order_id"]]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("point", ["payment_started", "finished"])
def test_a_sale_resumed_after_a_crash_is_indexed(tmp_path: Path, point: str) -> None:
    data, db = tmp_path / "data", tmp_path / "store.sqlite3"
    common = ("--demo", "--demo-db", str(db), "--unpaid-confirm", "0.5", "--timeout", "10")
    spec = write_spec(tmp_path / "sale.json")
    done = subprocess.run(pos_sale_command(*common, "--spec", str(spec)), input=card_json(),
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**cli_env(data), CRASH_ENV: point})
    assert done.returncode == -signal.SIGKILL, done.stderr
    code, out, err = run_pos_sale(data, *common, "--resume", "--spec", str(spec),
                                  stdin=card_json())
    assert code == 0 and out[0]["outcome"] == "paid", (out, err)
    order_id = out[0]["order_id"]
    with _index(data) as index:
        found = index.search(SaleQuery(sku=DEMO_SKU))
    assert [s.order_id for s in found] == [order_id], json.dumps([s.as_json() for s in found])
    [sale] = found
    assert sale.email == "ana@example.com" and sale.last4 == "4242"
    assert sale.customer_name == "Ana Diaz"

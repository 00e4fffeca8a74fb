"""``pos sale`` with cash and the terminal, and ``pos shift`` from open to Z report, run as
real processes against one sandbox store kept in a file; the Z report's numbers are
checked against the store's own orders."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from test_sale_support import card_json, cli_env, make_client, run_pos_sale, write_spec

from pos.sandbox.server import SandboxServer
from pos.shift import ShiftLedger


def pos_shift(data: Path, *args: str) -> tuple[int, dict[str, Any]]:
    done = subprocess.run([sys.executable, "-m", "pos", "shift", *args], capture_output=True,
                          text=True, env=cli_env(data), timeout=60, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    lines = [ln for ln in done.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1, (done.stdout, done.stderr)
    return done.returncode, json.loads(lines[0])


async def test_a_shift_from_float_to_z_report(tmp_path: Path) -> None:
    data, db = tmp_path / "data", tmp_path / "store.sqlite3"
    demo = ("--demo", "--demo-db", str(db))
    code, opened = pos_shift(data, "open", "--demo", "--float", "100.00")
    assert code == 0 and opened["opening_float"] == "100.00"
    code, again = pos_shift(data, "open", "--demo", "--float", "50.00")
    assert code == 1 and "already open" in again["error"]

    cash_spec = write_spec(tmp_path / "cash.json", payment={"cash": "200.00"})
    code, out, err = run_pos_sale(data, *demo, "--spec", str(cash_spec))
    assert code == 0, (out, err)
    cash = out[0]
    assert cash["outcome"] == "paid" and cash["tender"] == "cash"
    assert Decimal(cash["change_due"]) == Decimal("200.00") - Decimal(cash["grand_total"])

    term_spec = write_spec(tmp_path / "term.json",
                           payment={"terminal": {"reference": "AP7731", "last4": "4242"}})
    code, out, err = run_pos_sale(data, *demo, "--spec", str(term_spec))
    assert code == 0, (out, err)
    terminal = out[0]
    assert terminal["tender"] == "terminal" and terminal["change_due"] == "0.00"

    code, out, err = run_pos_sale(data, *demo, "--spec", str(write_spec(tmp_path / "c.json")),
                                  stdin=card_json())
    assert code == 0, (out, err)
    card = out[0]
    assert card["tender"] == "card"

    assert pos_shift(data, "paid-in", "--demo", "--amount", "10.00", "--reason", "change")[0] \
        == 0
    code, refused = pos_shift(data, "paid-out", "--demo", "--amount", "5.00")
    assert code == 1 and "reason" in refused["error"]
    assert pos_shift(data, "paid-out", "--demo", "--amount", "5.00",
                     "--reason", "window cleaner")[0] == 0
    assert pos_shift(data, "no-sale", "--demo", "--reason", "change for a note")[0] == 0
    # The returns work calls the shift's API for a refund in cash.
    ledger = ShiftLedger(data / "profiles" / "demo" / "shifts.jsonl", "Demo register")
    ledger.record_refund("cash", Decimal("2.00"), int(cash["order_id"]))

    code, x = pos_shift(data, "status", "--demo")
    assert code == 0 and x["sales"]["count"] == 3 and "variance" not in x
    expected = (Decimal("100.00") + Decimal(cash["grand_total"]) - Decimal("2.00")
                + Decimal("10.00") - Decimal("5.00"))
    assert x["expected_cash"] == str(expected)

    counted = expected - Decimal("1.50")
    code, z = pos_shift(data, "close", *demo, "--counted", str(counted),
                        "--pdf", str(tmp_path / "z.pdf"))
    assert code == 0, z
    assert set(z) >= {"shift_id", "opened_at", "closed_at", "sales", "by_tender", "refunds",
                      "expected_cash", "counted_cash", "variance", "currency",
                      "unmatched_orders"}
    assert z["variance"] == "-1.50" and z["counted_cash"] == str(counted)
    assert z["refunds"]["by_tender"] == {"cash": "2.00"}
    assert z["unmatched_orders"] == []
    assert (tmp_path / "z.pdf").read_bytes().startswith(b"%PDF")
    # The store's own orders: each tender and amount as the Z report says.
    with SandboxServer(db_path=db, seed=1, catalog_size=500) as store:
        async with make_client(store) as client:
            by_method: dict[str, Decimal] = {}
            for sold, tender in ((cash, "cash"), (terminal, "terminal"), (card, "card")):
                order = await client.orders.get(int(sold["order_id"]))
                assert order.total_inc_tax is not None
                by_method[tender] = order.total_inc_tax.quantize(Decimal("0.01"))
                assert order.status_id == 11
            assert (await client.orders.get(int(cash["order_id"]))).payment_method == "Cash"
            term = await client.orders.get(int(terminal["order_id"]))
            assert str(term.payment_provider_id) == "AP7731"
            # Taxes by name, as the store lists each order's (GET /v2/orders/{id}/taxes).
            taxes: dict[str, Decimal] = {}
            for sold in (cash, terminal, card):
                order_id = int(sold["order_id"])
                lines = await client.orders.taxes(order_id)
                assert sum((t.amount for t in lines), Decimal(0)) == \
                    (await client.orders.get(order_id)).total_tax
                for t in lines:
                    assert t.name
                    taxes[t.name] = taxes.get(t.name, Decimal(0)) + t.amount
    assert set(taxes) == {"Sales Tax"}  # the demo store's pickup location (Texas)
    assert z["taxes"] == {k: str(v.quantize(Decimal("0.01"))) for k, v in sorted(taxes.items())}
    assert z["by_tender"] == {k: str(v) for k, v in sorted(by_method.items())}
    assert z["sales"]["amount"] == str(sum(by_method.values(), Decimal(0)))
    code, listed = pos_shift(data, "list", "--demo")
    assert [s["state"] for s in listed["shifts"]] == ["closed"]
    # Kept: the closed shift's report is in the file as it was printed.
    assert ledger.z_report(z["shift_id"]) == {k: v for k, v in z.items() if k != "pdf"}


def test_bad_tender_specs_are_refused_in_one_message(tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "cash.json", payment={"cash": "abc"})
    code, out, _ = run_pos_sale(tmp_path / "data", "--demo", "--spec", str(spec))
    assert code == 1 and "amount" in out[0]["message"]
    spec = write_spec(tmp_path / "t.json",
                      payment={"terminal": {"number": "4111111111111111", "last4": "1111"}})
    code, out, _ = run_pos_sale(tmp_path / "data", "--demo", "--spec", str(spec))
    assert code == 1 and "4111111111111111" not in json.dumps(out)

"""``pos sale`` paid with a gift certificate (``{"gift_certificate": "CODE"}``) and with the
customer's store credit (``{"store_credit": true}``), as real processes against a sandbox
store kept in a file: a balance below the total is refused with the balance and nothing is
charged; a big enough certificate pays, and the store shows the order paid by it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from test_sale_support import make_client, run_pos_sale, write_spec

from pos.sandbox.server import SandboxServer


async def test_gift_certificate_from_the_spec(tmp_path: Path) -> None:
    data, db = tmp_path / "data", tmp_path / "store.sqlite3"
    demo = ("--demo", "--demo-db", str(db))
    small = write_spec(tmp_path / "small.json", payment={"gift_certificate": "GIFT-0025-DEMO"},
                       items=[{"sku": "AWA-000001-S-RED", "quantity": 3}])
    code, out, err = run_pos_sale(data, *demo, "--spec", str(small))
    assert code != 0, out
    assert "balance is 25.00 USD" in out[-1]["message"], out
    assert "Traceback" not in err
    big = write_spec(tmp_path / "big.json", payment={"gift_certificate": "GIFT-1000-DEMO"})
    code, out, err = run_pos_sale(data, *demo, "--spec", str(big))
    assert code == 0, (out, err)
    paid = out[-1]
    assert paid["outcome"] == "paid" and paid["tender"] == "gift_certificate", paid
    assert paid["change_due"] == "0.00"
    assert "GIFT-1000-DEMO" not in json.dumps(out) + err  # a bearer code is never echoed
    with SandboxServer(db_path=db, seed=1, catalog_size=500) as store:
        async with make_client(store) as client:
            order = await client.orders.get(int(paid["order_id"]))
            assert order.payment_method == "Gift Certificate" and order.status_id == 11
            left = await client.payments.gift_certificate_balance("GIFT-1000-DEMO")
            assert left == Decimal("1000.00") - Decimal(paid["grand_total"])
            # Only the big certificate's order was paid: the refused one took nothing.
            orders = await client.orders.list(limit=50)
            assert [o.id for o in orders if o.status_id not in (0, 5)] == [order.id]
            assert await client.payments.gift_certificate_balance("GIFT-0025-DEMO") \
                == Decimal("25.00")


def test_bad_stored_value_specs_are_one_message(tmp_path: Path) -> None:
    for payment, words in (({"gift_certificate": ""}, "gift certificate's code"),
                           ({"gift_certificate": 12}, "gift certificate's code"),
                           ({"store_credit": "yes"}, "store_credit\": true"),
                           ({"store_credit": True, "cash": "5.00"}, "only field")):
        spec = write_spec(tmp_path / "bad.json", payment=payment)
        code, out, err = run_pos_sale(tmp_path / "data", "--demo", "--spec", str(spec))
        assert code != 0 and words in out[-1]["message"], (payment, out)
        assert "Traceback" not in err

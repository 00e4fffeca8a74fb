"""``pos sale`` with a split of recorded tenders: ``{"split": [PART, PART, ...]}``, each part a
cash, terminal or other payment with the ``amount`` of the total it pays (one part may leave
it out and pays the rest). Bad splits are refused in one message, never a traceback."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from test_sale_support import run_pos_sale, write_spec

from pos.commands import tender_cli
from pos.sale.errors import SaleValidationError
from pos.sale.tenders import CashPayment, SplitPayment, TerminalPayment

TERMINAL = {"terminal": {"reference": "AP7731", "last4": "4242"}}


def test_a_split_pays_the_rest_with_its_part_without_an_amount() -> None:
    spec = tender_cli.parse_payment(
        {"split": [{"cash": "5.00", "amount": "1.50"}, TERMINAL]}, None)
    payment = tender_cli.for_total(spec, Decimal("12.25"))
    assert payment == SplitPayment(((CashPayment(Decimal("5.00")), Decimal("1.50")),
                                    (TerminalPayment("AP7731", "4242"), Decimal("10.75"))))
    with pytest.raises(SaleValidationError, match="leave nothing"):
        tender_cli.for_total(spec, Decimal("1.50"))


@pytest.mark.parametrize(("split", "says"), [
    ([TERMINAL], "two tenders or more"),
    ({"cash": "5.00"}, "two tenders or more"),
    ([TERMINAL, TERMINAL], "one part of a split at most"),
    ([{"cash": "5.00", "amount": "1.00"}, {"cash": "5.00"}], "one cash part"),
    ([{"cash": "5.00", "amount": "-1"}, TERMINAL], "split part 1"),
    ([TERMINAL, {"card": "stdin"}], "split part 2"),
    ([TERMINAL, {"terminal": {"number": "4111111111111111"}}], "split part 2: terminal"),
    ([TERMINAL, {"split": [TERMINAL, TERMINAL]}], "split part 2"),
    ([{"cash": "5.00", "terminal": TERMINAL["terminal"], "amount": "1.00"}, TERMINAL],
     "split part 1"),
])
def test_a_bad_split_is_refused_in_one_message(split: Any, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        tender_cli.parse_payment({"split": split}, None)


def test_a_split_from_the_command_line(tmp_path: Path) -> None:
    data, db = tmp_path / "data", tmp_path / "store.sqlite3"
    demo = ("--demo", "--demo-db", str(db))
    spec = write_spec(tmp_path / "split.json",
                      payment={"split": [{"cash": "5.00", "amount": "1.00"}, TERMINAL]})
    code, out, err = run_pos_sale(data, *demo, "--spec", str(spec))
    assert code == 0, (out, err)
    assert out[0]["outcome"] == "paid" and out[0]["tender"] == "split"
    assert out[0]["change_due"] == "4.00"

    # Amounts that leave nothing for the part without one: one message, no charge.
    spec = write_spec(tmp_path / "over.json",
                      payment={"split": [{"cash": "99999.00", "amount": "99999.00"},
                                         TERMINAL]})
    code, out, err = run_pos_sale(data, *demo, "--spec", str(spec))
    assert code == 1 and "Traceback" not in err, (out, err)
    assert out[0]["outcome"] == "error" and "leave nothing" in out[0]["message"]

    # A bad split is refused before anything starts; a card number is never echoed.
    spec = write_spec(tmp_path / "bad.json", payment={"split": [
        TERMINAL, {"terminal": {"number": "4111111111111111", "last4": "1111"}}]})
    code, out, err = run_pos_sale(data, *demo, "--spec", str(spec))
    assert code == 1 and "Traceback" not in err, (out, err)
    assert len(out) == 1 and "4111111111111111" not in json.dumps(out) + err

"""The shift's drawer actions through the staff room's gate: a clerk without the permission
is refused, a manager's PIN approves once, and the shift records who did it."""

from __future__ import annotations

import json

from .conftest import PINS, Folders, Runner


def test_paid_out_needs_a_managers_approval(pos_cli: Runner, shop: str, roster: object,
                                            folders: Folders) -> None:
    opened = pos_cli("shift", "open", "--profile", shop, "--float", "50.00",
                     "--clerk", "Ana", stdin=PINS["Ana"] + "\n")
    assert opened.code == 0, opened.out
    refused = pos_cli("shift", "paid-out", "--profile", shop, "--amount", "5.00",
                      "--reason", "stamps", "--clerk", "Ana", stdin=PINS["Ana"] + "\n")
    assert refused.code == 1 and "may not" in json.loads(refused.out)["error"]
    nobody = pos_cli("shift", "no-sale", "--profile", shop, "--reason", "change")
    assert nobody.code == 1 and "--clerk" in json.loads(nobody.out)["error"]
    approved = pos_cli("shift", "paid-out", "--profile", shop, "--amount", "5.00",
                       "--reason", "stamps", "--clerk", "Ana", "--approver", "Maria",
                       stdin=f"{PINS['Ana']}\n{PINS['Maria']}\n")
    assert approved.code == 0, approved.out
    assert json.loads(approved.out)["clerk"] == "Ana"
    status = json.loads(pos_cli("shift", "status", "--profile", shop).out)
    assert status["paid_out"] == "5.00" and status["expected_cash"] == "45.00"
    # No PIN on any argument list, nor in the shift's file.
    assert not any(pin in " ".join(argv) for argv in pos_cli.argvs for pin in PINS.values())
    for path in folders.root.rglob("*"):
        if path.is_file():
            text = path.read_bytes()
            assert not any(pin.encode() in text for pin in PINS.values()), path

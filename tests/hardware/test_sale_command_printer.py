"""``pos sale --profile NAME`` as a real process, with the profile's ``printer`` set to a
listening ESC/POS printer on loopback and the store a sandbox on loopback: a cash sale
prints its receipt and opens the drawer exactly once, and so does a split with a cash part;
a card sale, or a split without cash, prints and never opens it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from escpos_server import EscPosServer
from test_sale_support import card_json, cli_env, write_spec

from pos.sandbox.server import SandboxServer

PICKUP = ('[pickup_location]\n'
          'first_name = "Shop"\nlast_name = "Front"\naddress1 = "1 Main St"\n'
          'city = "Austin"\nstate_or_province = "TX"\ncountry_code = "US"\n'
          'postal_code = "78701"\nemail = "shop@example.com"\n')


def _env(tmp_path: Path, store: SandboxServer, printer: EscPosServer) -> dict[str, str]:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "shop.toml").write_text(
        'name = "shop"\n'
        f'store_hash = "{store.store_hash}"\n'
        f'api_base_url = "{store.api_base_url}"\n'
        f'payments_base_url = "{store.payments_base_url}"\n'
        'terminal_name = "Till 7"\n'
        f'printer = "{printer.uri}"\n'
        "drawer_pin = 5\n" + PICKUP, encoding="utf-8")
    env = cli_env(tmp_path / "data")
    env["POS_PROFILES_DIR"] = str(profiles)
    env["POS_SYSTEM_PROFILES_DIR"] = str(tmp_path / "none")
    env["POS_TOKEN"] = store.token
    return env


def _run(env: dict[str, str], *args: str, stdin: str = "") -> tuple[int, dict[str, Any], str]:
    done = subprocess.run([sys.executable, "-m", "pos", *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=90, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert lines, done.stderr
    return done.returncode, json.loads(lines[-1]), done.stderr


TERMINAL = {"terminal": {"reference": "AP7731", "last4": "4242"}}


@pytest.mark.parametrize(("payment", "stdin", "tender", "pulses"), [
    ({"cash": "500.00"}, "", "cash", [5]),
    ({"card": "stdin"}, card_json(), "card", []),
    # A split with a cash part opens the drawer once, as a cash sale does; one without never.
    ({"split": [{"cash": "5.00", "amount": "1.00"}, TERMINAL]}, "", "split", [5]),
    ({"split": [TERMINAL, {**TERMINAL, "amount": "1.00"}]}, "", "split", []),
])
def test_a_sale_from_the_command_line_prints_and_opens_the_drawer_for_cash_once(
    tmp_path: Path, printer_server: EscPosServer, payment: dict[str, str], stdin: str,
    tender: str, pulses: list[int],
) -> None:
    with SandboxServer(rate_limit_quota=1_000_000, seed=1, catalog_size=500) as store:
        env = _env(tmp_path, store, printer_server)
        code, opened, err = _run(env, "shift", "open", "--profile", "shop",
                                 "--float", "100.00")
        assert code == 0, (opened, err)
        spec = write_spec(tmp_path / "sale.json", payment=payment)
        code, out, err = _run(env, "sale", "--profile", "shop", "--spec", str(spec),
                              stdin=stdin)
    assert code == 0, (out, err)
    assert out["outcome"] == "paid" and out["tender"] == tender
    assert out["receipt_printed"] is True
    (job,) = printer_server.wait_jobs(1)
    # The process has ended: whatever it sent the printer has arrived, in one connection.
    assert printer_server.connections == 1 and len(printer_server.jobs) == 1
    assert f"Order #{out['order_id']}" in job.text and "Terminal: Till 7" in job.text
    assert job.barcodes == [("CODE128", str(out["order_id"]))] and job.cuts == 1
    assert job.pulses == pulses

"""``pos shift``: a paid-out and a no-sale open the cash drawer through the profile's
printer (a listening ESC/POS printer on loopback), each exactly once; a paid-in, the X
report and opening the shift never do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from escpos_server import EscPosServer
from test_sale_support import cli_env


def pos_shift(env: dict[str, str], *args: str) -> tuple[int, dict[str, Any]]:
    done = subprocess.run([sys.executable, "-m", "pos", "shift", *args], capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    lines = [ln for ln in done.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1, (done.stdout, done.stderr)
    return done.returncode, json.loads(lines[0])


def shop_env(tmp_path: Path, printer: str, pin: int = 5) -> dict[str, str]:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "shop.toml").write_text(
        'name = "shop"\nstore_hash = "abc123"\ncurrency = "USD"\n'
        f'terminal_name = "Till 1"\nprinter = "{printer}"\ndrawer_pin = {pin}\n',
        encoding="utf-8")
    env = cli_env(tmp_path / "data")
    env["POS_PROFILES_DIR"] = str(profiles)
    env["POS_SYSTEM_PROFILES_DIR"] = str(tmp_path / "system")
    return env


def test_paid_out_and_no_sale_kick_the_drawer_once_each(
    tmp_path: Path, printer_server: EscPosServer,
) -> None:
    env = shop_env(tmp_path, printer_server.uri)
    shop = ("--profile", "shop")
    code, opened = pos_shift(env, "open", *shop, "--float", "100.00")
    assert code == 0, opened
    code, paid_in = pos_shift(env, "paid-in", *shop, "--amount", "20.00", "--reason", "coins")
    assert code == 0 and "drawer_opened" not in paid_in, paid_in
    code, status = pos_shift(env, "status", *shop)
    assert code == 0 and "drawer_opened" not in status
    code, paid_out = pos_shift(env, "paid-out", *shop, "--amount", "7.50", "--reason",
                               "window cleaner")
    assert code == 0 and paid_out["drawer_opened"] is True, paid_out
    code, no_sale = pos_shift(env, "no-sale", *shop, "--reason", "change for a note")
    assert code == 0 and no_sale["drawer_opened"] is True, no_sale
    jobs = printer_server.wait_jobs(2)
    # Each connection is one job: two pulses on the profile's pin, nothing printed, and no
    # other job (the paid-in, the X report and the opening came before them and sent none).
    assert printer_server.connections == 2
    assert [job.pulses for job in jobs] == [[5], [5]]
    assert all(not job.printed for job in jobs)
    code, x = pos_shift(env, "status", *shop)
    assert x["paid_out"] == "7.50" and x["no_sales"] == 1


def test_a_printer_that_does_not_answer_leaves_the_event_recorded(
    tmp_path: Path, printer_server: EscPosServer,
) -> None:
    env = shop_env(tmp_path, printer_server.uri, pin=2)
    printer_server.stop()
    shop = ("--profile", "shop")
    assert pos_shift(env, "open", *shop, "--float", "50.00")[0] == 0
    code, out = pos_shift(env, "no-sale", *shop, "--reason", "check the float")
    assert code == 0 and out["drawer_opened"] is False
    assert "open it by hand" in out["drawer_error"]
    code, x = pos_shift(env, "status", *shop)
    assert x["no_sales"] == 1

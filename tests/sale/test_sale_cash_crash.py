"""``pos sale`` paying in cash, killed with SIGKILL at each journal point (around the
cash status update ``PUT /v2/orders/{id}``), then ``pos sale --resume``: the order is
recorded paid exactly once, counted from the store's own records, and never charged."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

import pytest
from test_sale_crash import POINTS, killed_then_resumed, store_records
from test_sale_support import cli_env, pos_sale_command, write_spec

from pos.sale.journal import Journal
from pos.sandbox.server import SandboxServer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


@pytest.mark.parametrize("point", POINTS)
def test_cash_sale_killed_then_resumed(tmp_path: Path, point: str) -> None:
    spec = write_spec(tmp_path / "sale.json", payment={"cash": "500.00"})
    _, out = killed_then_resumed(tmp_path, point, spec)
    paid, taken = asyncio.run(store_records(tmp_path / "store.sqlite3"))
    # One order recorded paid, by cash, once; no card transaction at all.
    assert len(paid) == 1 and paid[0][1] == "Cash", paid
    assert paid[0][2].count("Cash: tendered 500.00") == 1, paid
    assert taken == 0
    assert out[0]["order_id"] == paid[0][0]


@pytest.mark.parametrize("fault", ["close_after", "close_before", "500", "latency"])
def test_cash_update_without_an_answer_then_killed(tmp_path: Path, fault: str) -> None:
    """The cash status update gets no certain answer (the store applied it and closed the
    connection, closed it before reading, failed, or answered too late), the register
    journals "unknown" and is killed right then; ``--resume`` settles it from the store's
    own records: paid once, the update never applied twice."""
    import subprocess

    from pos.commands.sale import CRASH_ENV

    db = tmp_path / "store.sqlite3"
    with SandboxServer(rate_limit_quota=1_000_000, db_path=db, seed=1,
                       catalog_size=500) as store:
        profiles = tmp_path / "profiles"
        profiles.mkdir()
        (profiles / "shop.toml").write_text(
            'name = "shop"\nsandbox = true\n'  # the sandbox's timings (a 6 s unpaid window)
            f'store_hash = "{store.store_hash}"\n'
            f'api_base_url = "{store.api_base_url}"\n'
            f'payments_base_url = "{store.payments_base_url}"\n'
            "[pickup_location]\n"
            'first_name = "Shop"\nlast_name = "Front"\naddress1 = "1 Main St"\n'
            'city = "Austin"\nstate_or_province = "TX"\ncountry_code = "US"\n'
            'postal_code = "78701"\nemail = "shop@example.com"\n',
            encoding="utf-8",
        )
        spec = write_spec(tmp_path / "sale.json", payment={"cash": "500.00"})
        env = cli_env(tmp_path / "data")
        env["POS_PROFILES_DIR"] = str(profiles)
        env["POS_SYSTEM_PROFILES_DIR"] = str(tmp_path / "none")
        env["POS_TOKEN"] = store.token
        # "latency": the store answers after the register's 5 s payment timeout.
        store.add_fault("PUT", "/v2/orders/*", fault, times=1, latency_ms=6500)
        command = pos_sale_command("--profile", "shop", "--timeout", "20",
                                   "--unpaid-confirm", "0.5", "--spec", str(spec))
        killed = subprocess.run(command, input="", capture_output=True, text=True,
                                env={**env, CRASH_ENV: "payment_outcome"}, timeout=60,
                                check=False)
        assert killed.returncode == -signal.SIGKILL, (killed.stdout, killed.stderr)
        assert store.faults.active() == [], "the update was never sent"
        journal = tmp_path / "data" / "profiles" / "shop" / "journal.sqlite3"
        with Journal(journal) as j:
            unfinished = j.unfinished_sales()
        # The outcome journaled before the kill was not a success: the sale is unfinished.
        assert [r.payment_uncertain or not r.paid for r in unfinished] == [True]
        resumed = subprocess.run(
            pos_sale_command("--profile", "shop", "--timeout", "20", "--unpaid-confirm",
                             "0.5", "--resume", "--spec", str(spec)),
            input="", capture_output=True, text=True, env=env, timeout=60, check=False)
        assert resumed.returncode == 0, (resumed.stdout, resumed.stderr)
        assert '"outcome": "paid"' in resumed.stdout, resumed.stdout
    paid, taken = asyncio.run(store_records(db))
    assert len(paid) == 1 and paid[0][1] == "Cash", paid
    assert paid[0][2].count("Cash: tendered 500.00") == 1, paid
    assert taken == 0

"""``pos sale``: the command-line face of the sale engine, run as a real process."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from test_sale_support import (
    ALL_CARD_NUMBERS,
    AMEX_OK,
    DECLINED,
    DEMO_SKU,
    DEMO_SKU_2,
    VISA_OK,
    card_json,
    cvv_on_disk,
    files_contain_secrets,
    make_client,
    run_pos_sale,
    write_spec,
)

from pos.sandbox.server import SandboxServer

FIELDS = {"outcome", "order_id", "status_id", "status", "grand_total", "currency",
          "transaction_id", "message"}


def assert_clean(root: Path) -> None:
    assert files_contain_secrets(root, (*ALL_CARD_NUMBERS, "verification_value")) == []


def test_paid_guest_pickup(tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "sale.json", coupon="SAVE10")
    code, out, err = run_pos_sale(tmp_path / "data", "--demo", "--spec", str(spec),
                                  stdin=card_json())
    assert code == 0, err
    (result,) = out
    assert set(result) >= FIELDS
    assert result["outcome"] == "paid"
    assert result["status_id"] == 11 and result["status"] == "Awaiting Fulfillment"
    assert result["currency"] == "USD" and result["grand_total"]
    assert result["transaction_id"] and isinstance(result["order_id"], int)
    assert VISA_OK not in err
    assert_clean(tmp_path)
    # Nothing left to resume.
    code, out, _ = run_pos_sale(tmp_path / "data", "--demo", "--resume")
    assert code == 0 and out[0]["outcome"] == "none"


LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} pos\.sale\.command INFO "
    r"sale (?P<sale>[0-9a-f-]{36}): outcome (?P<outcome>\w+), order (?P<order>\d+|-), "
    r"code (?P<code>\d+|-), card (?P<card>[A-Za-z ]+ •••• \d{4}|-), "
    r"total (?P<total>\d+\.\d\d) USD, terminal (?P<terminal>.+)$"
)


def test_each_outcome_is_one_line_of_the_log(tmp_path: Path) -> None:
    """The data folder's pos-sale.log gets one INFO line per sale, with what a clerk or IT
    needs to find it again, and only the masked card."""
    spec = write_spec(tmp_path / "sale.json")
    data = tmp_path / "data"
    paid_code, paid, err = run_pos_sale(data, "--demo", "--spec", str(spec),
                                        stdin=card_json(AMEX_OK, "7373"))
    assert paid_code == 0, err
    declined_code, declined, err = run_pos_sale(data, "--demo", "--spec", str(spec),
                                                stdin=card_json(DECLINED, "737"))
    assert declined_code == 2, err
    log = data / "profiles" / "demo" / "pos-sale.log"
    lines = [line for line in log.read_text(encoding="utf-8").splitlines()
             if " pos.sale.command " in line]
    assert len(lines) == 2, lines
    found = [LOG_LINE.match(line) for line in lines]
    assert all(found), lines
    for match, out in zip(found, (paid[0], declined[0]), strict=True):
        assert match is not None
        assert match["sale"] == out["sale_id"]
        assert match["outcome"] == out["outcome"]
        assert match["order"] == str(out["order_id"])
        assert match["card"] == out["masked_card"]
        assert match["total"] == out["grand_total"]
        assert match["terminal"] == "Demo register"
    assert found[0] is not None and found[0]["code"] == "-"
    assert found[1] is not None and found[1]["code"] == "30104"
    text = log.read_text(encoding="utf-8")
    for secret in (*ALL_CARD_NUMBERS, "verification_value", "cvv", "CVV"):
        assert secret not in text
    assert cvv_on_disk(tmp_path, "7373") == []
    assert_clean(tmp_path)


def test_declined_exit_code(tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "sale.json")
    code, out, err = run_pos_sale(tmp_path / "data", "--demo", "--spec", str(spec),
                                  stdin=card_json(DECLINED))
    assert code == 2, err
    assert out[0]["outcome"] == "declined" and out[0]["code"] == 30104
    assert "another card" in out[0]["message"]
    assert_clean(tmp_path)


@pytest.mark.parametrize(
    "payment",
    [
        {"card": "stdin", "number": VISA_OK},
        {"card_number": VISA_OK},
        {"card": VISA_OK},
        {"card": {"number": VISA_OK, "cvv": "737"}},
        {"card": "stdin", "cvv": "737"},
        {"number": VISA_OK, "expiry_month": 12, "expiry_year": 2031, "cvv": "737"},
    ],
)
def test_card_number_in_the_spec_is_refused(tmp_path: Path, payment: dict[str, Any]) -> None:
    spec = write_spec(tmp_path / "sale.json", payment=payment)
    code, out, err = run_pos_sale(tmp_path / "data", "--demo", "--spec", str(spec))
    assert code == 1
    message = out[0]["message"]
    assert out[0]["outcome"] == "error"
    # Why, and how instead.
    assert "card numbers are never taken from files or the command line" in message
    assert '"payment": {"card": "stdin"}' in message
    assert "pipe the card as JSON on standard input" in message
    assert VISA_OK not in message and VISA_OK not in err and "737" not in message
    assert not (tmp_path / "data").exists()  # refused before anything started


def test_a_payment_of_neither_kind_says_what_it_may_be(tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "sale.json", payment={"kind": "cash"})
    code, out, _ = run_pos_sale(tmp_path / "data", "--demo", "--spec", str(spec))
    assert code == 1
    assert "standard input" in out[0]["message"] and "stored_card_last4" in out[0]["message"]


def test_the_spec_of_the_docs_runs_as_written(tmp_path: Path) -> None:
    """docs/sale-engine.md's example spec and card, run on the demo store."""
    import json

    docs = (Path(__file__).parents[2] / "docs" / "sale-engine.md").read_text("utf-8")
    after = docs.split("The spec (`SALE.json`", 1)[1]
    spec_text = after.split("```json\n", 1)[1].split("```", 1)[0]
    card_text = after.split("CARD_JSON='", 1)[1].split("'", 1)[0]
    spec = json.loads(spec_text)
    assert spec["customer"] == {"email": "jane.okafor@example.com"}
    (tmp_path / "SALE.json").write_text(spec_text, encoding="utf-8")
    code, out, err = run_pos_sale(tmp_path / "data", "--demo", "--spec",
                                  str(tmp_path / "SALE.json"), stdin=card_text)
    assert code == 0, (out, err)
    assert out[0]["outcome"] == "paid"
    assert out[0]["grand_total"] in docs  # the total the docs show


def test_invalid_card_on_stdin_is_refused_before_any_call(tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "sale.json")
    code, out, _ = run_pos_sale(tmp_path / "data", "--demo", "--spec", str(spec),
                                stdin=card_json("4242424242424241", "12"))
    assert code == 1
    assert "number" in out[0]["message"] and "cvv" in out[0]["message"]
    assert not (tmp_path / "data").exists()  # nothing was started


async def _customer_with_card(tmp_path: Path) -> tuple[str, str]:
    with SandboxServer(rate_limit_quota=1_000_000, seed=1, catalog_size=500) as store:
        async with make_client(store) as client:
            for customer_id in range(1, 30):
                cards = await client.customers.stored_instruments(customer_id)
                if cards:
                    page = await client.customers.search(ids=[customer_id])
                    return page.items[0].email or "", cards[0].last_4 or ""
    raise AssertionError("no customer with a stored card")


def test_customer_stored_card_shipping_and_pickup(tmp_path: Path) -> None:
    email, last4 = asyncio.run(_customer_with_card(tmp_path))
    spec = write_spec(
        tmp_path / "sale.json",
        items=[{"sku": DEMO_SKU, "quantity": 1}, {"sku": DEMO_SKU_2, "quantity": 2}],
        customer={"email": email},
        billing_address="customer-default",
        consignments=[
            {"items": [{"sku": DEMO_SKU}], "pickup": True},
            {"items": "all", "shipping": "cheapest", "address": {
                "first_name": "Bo", "last_name": "Chen", "address1": "20 Pine Road",
                "city": "Portland", "country_code": "US", "state_or_province": "OR",
                "postal_code": "97201"}},
        ],
        payment={"stored_card_last4": last4},
    )
    code, out, err = run_pos_sale(tmp_path / "data", "--demo", "--spec", str(spec))
    assert code == 0, (out, err)
    assert out[0]["outcome"] == "paid"
    assert out[0]["masked_card"].endswith(last4)


def test_store_profile_with_token_from_the_environment(tmp_path: Path) -> None:
    import os

    from test_sale_support import cli_env, pos_sale_command

    with SandboxServer(rate_limit_quota=1_000_000, seed=1, catalog_size=500) as store:
        profiles = tmp_path / "profiles"
        profiles.mkdir()
        (profiles / "shop.toml").write_text(
            'name = "shop"\n'
            f'store_hash = "{store.store_hash}"\n'
            f'api_base_url = "{store.api_base_url}"\n'
            f'payments_base_url = "{store.payments_base_url}"\n'
            'terminal_name = "Till 7"\n'
            "[pickup_location]\n"
            'first_name = "Shop"\nlast_name = "Front"\naddress1 = "1 Main St"\n'
            'city = "Austin"\nstate_or_province = "TX"\ncountry_code = "US"\n'
            'postal_code = "78701"\nemail = "shop@example.com"\n',
            encoding="utf-8",
        )
        spec = write_spec(tmp_path / "sale.json")
        env = cli_env(tmp_path / "data")
        env["POS_PROFILES_DIR"] = str(profiles)
        env["POS_SYSTEM_PROFILES_DIR"] = str(tmp_path / "none")
        env["POS_TOKEN"] = store.token
        import subprocess

        done = subprocess.run(
            pos_sale_command("--profile", "shop", "--spec", str(spec)), input=card_json(),
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )
        assert done.returncode == 0, (done.stdout, done.stderr)
        assert '"outcome": "paid"' in done.stdout
        # The token was used, never written.
        assert files_contain_secrets(tmp_path / "data", (store.token, VISA_OK)) == []
        log = (tmp_path / "data" / "profiles" / "shop" / "pos-sale.log").read_text("utf-8")
        assert "outcome paid" in log and "terminal Till 7" in log
        assert store.token not in log
        assert os.environ.get("POS_TOKEN") != store.token


def test_spec_splits_one_line_by_quantity(tmp_path: Path) -> None:
    """One of three taken now, the rest shipped: the spec names the part with `quantity`."""
    ship_to = {"first_name": "Bo", "last_name": "Chen", "address1": "20 Pine Road",
               "city": "Portland", "country_code": "US", "state_or_province": "OR",
               "postal_code": "97201"}
    spec = write_spec(
        tmp_path / "sale.json",
        items=[{"sku": DEMO_SKU, "quantity": 3}],
        consignments=[
            {"items": [{"sku": DEMO_SKU, "quantity": 1}], "pickup": True},
            {"items": "all", "address": ship_to, "shipping": "cheapest"},
        ],
    )
    code, out, err = run_pos_sale(tmp_path / "data", "--demo", "--spec", str(spec),
                                  stdin=card_json())
    (result,) = out
    assert code == 0, (result, err)
    assert result["outcome"] == "paid"
    assert_clean(tmp_path)


def test_spec_quantity_of_a_consignment_must_be_whole(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path / "sale.json",
        consignments=[{"items": [{"sku": DEMO_SKU, "quantity": 0}], "pickup": True}],
    )
    code, out, _ = run_pos_sale(tmp_path / "data", "--demo", "--spec", str(spec),
                                stdin=card_json())
    assert code == 1 and out[0]["outcome"] == "error"
    assert "quantity" in out[0]["message"]


def test_pending_payment_is_unknown_then_resumed_paid(tmp_path: Path) -> None:
    """A payment still pending when the bound runs out: exit 3, and --resume (on the same
    store) settles it as paid without charging again."""
    from test_sale_support import PENDING

    spec = write_spec(tmp_path / "sale.json")
    store = ("--demo", "--demo-db", str(tmp_path / "store.sqlite3"))
    code, out, _ = run_pos_sale(tmp_path / "data", *store, "--spec", str(spec),
                                "--timeout", "0", stdin=card_json(PENDING))
    assert code == 3 and out[0]["outcome"] == "unknown"
    code, again, _ = run_pos_sale(tmp_path / "data", *store, "--resume")
    assert code == 0 and again[0]["outcome"] == "paid"
    assert again[0]["order_id"] == out[0]["order_id"]
    assert_clean(tmp_path)


async def test_the_engine_knows_a_sale_that_may_be_charged(tmp_path: Path) -> None:
    """What ``pos sale`` asks before it abandons a failed sale (``Engine.may_be_charged``)."""
    import io

    from test_sale_support import PENDING

    from pos.commands.sale import load_spec, read_card, run_steps
    from pos.composition import build_engine, demo_profile

    spec = load_spec(str(write_spec(tmp_path / "sale.json")))
    with SandboxServer(rate_limit_quota=1_000_000, seed=1, catalog_size=500) as server:
        engine = build_engine(demo_profile(server), server.token, tmp_path,
                              reconcile_timeout=0.0)
        try:
            sale = engine.new_sale()
            result = await run_steps(sale, spec, read_card(io.StringIO(card_json(PENDING))))
            assert result.outcome == "unknown"
            assert engine.may_be_charged(sale.sale_id)
            await sale.aclose()
            other = engine.new_sale()
            await other.add_item(DEMO_SKU, 1)
            assert other.sale_id is None or not engine.may_be_charged(other.sale_id)
            await other.aclose()
        finally:
            await engine.close()

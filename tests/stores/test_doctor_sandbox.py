"""``pos doctor`` against the sandbox store over real loopback HTTP: passing and failing runs,
and no file under the config and data folders ever holds the token."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.keyrings import MemoryKeyring

from pos.sandbox.server import SandboxServer

from .conftest import SHOP_ARGS, Folders, Result

Cli = Callable[..., Result]


def add_shop(pos_cli: Cli, store: SandboxServer, *extra: str) -> None:
    args = list(SHOP_ARGS)
    args[args.index("--store-hash") + 1] = store.store_hash
    result = pos_cli(
        "profile", "add", "shop", *args,
        "--api-base-url", store.api_base_url,
        "--payments-base-url", store.payments_base_url,
        *extra,
    )
    assert result.code == 0, result.err


def checks(result: Result) -> dict[str, dict[str, str]]:
    return {c["check"]: c for c in json.loads(result.out)["checks"]}


def test_doctor_passes_and_no_file_holds_the_token(
    pos_cli: Cli, store: SandboxServer, folders: Folders, memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:
    add_shop(pos_cli, store)
    assert pos_cli("profile", "set-token", "shop", stdin=store.token + "\n").code == 0
    result = pos_cli("doctor", "shop")
    assert result.code == 0, result.out
    assert "Ready to sell." in result.out
    for line in ("PASS  Profile", "PASS  API token", "PASS  API host", "PASS  Payments host",
                 "PASS  Token accepted", "PASS  Token scopes", "PASS  Store set-up",
                 "PASS  Clock", "PASS  Data folder", "PASS  Pickup address"):
        assert line in result.out
    as_json = pos_cli("doctor", "shop", "--json")
    assert as_json.code == 0
    data = json.loads(as_json.out)
    assert data["ok"] is True
    assert {c["status"] for c in data["checks"]} == {"pass"}
    exported = pos_cli("profile", "export", "shop", str(folders.root / "config" / "shop.toml"))
    assert exported.code == 0

    secret = store.token.encode()
    scanned = 0
    for path in folders.root.rglob("*"):
        if path.is_file():
            scanned += 1
            assert secret not in path.read_bytes(), path
    assert scanned >= 2
    assert (folders.data / "profiles" / "shop").is_dir()
    assert store.token not in result.out + as_json.out


def test_doctor_fails_on_a_wrong_token(pos_cli: Cli, store: SandboxServer) -> None:
    add_shop(pos_cli, store)
    assert pos_cli("profile", "set-token", "shop", stdin="not-the-token").code == 0
    result = pos_cli("doctor", "shop", "--json")
    assert result.code == 1
    got = checks(result)
    assert got["api_host"]["status"] == "pass"
    assert got["token_accepted"]["status"] == "fail"
    assert "refused the token (HTTP 401)" in got["token_accepted"]["detail"]
    assert "pos profile set-token shop" in got["token_accepted"]["fix"]
    assert got["scopes"]["status"] == "skip"


def test_doctor_fails_on_a_wrong_store_hash(pos_cli: Cli, store: SandboxServer) -> None:
    add_shop(pos_cli, store)
    assert pos_cli("profile", "edit", "shop", "--set", "store_hash=nosuchstore").code == 0
    assert pos_cli("profile", "set-token", "shop", stdin=store.token).code == 0
    result = pos_cli("doctor", "shop", "--json")
    assert result.code == 1
    assert checks(result)["token_accepted"]["status"] == "fail"


def test_doctor_fails_without_a_pickup_option(pos_cli: Cli, store: SandboxServer) -> None:
    add_shop(pos_cli, store)
    assert pos_cli("profile", "edit", "shop", "--set", "pickup_location.country_code=FR",
                   "--set", "pickup_location.state_or_province_code=").code == 0
    assert pos_cli("profile", "set-token", "shop", stdin=store.token).code == 0
    result = pos_cli("doctor", "shop", "--json")
    got = checks(result)
    assert result.code == 1
    assert got["store_setup"]["status"] == "fail"
    assert "pickup-in-store" in got["store_setup"]["detail"]
    assert "Pickup in store" in got["store_setup"]["fix"]


def check_line(table: str, label: str) -> str:
    """What the doctor's table says for the check called ``label``: its line and the lines
    that continue it (its fix)."""
    head = re.compile(r"^\s*(PASS|FAIL|SKIP|WARN)\s+(.*)$")
    blocks: list[list[str]] = []
    for line in table.splitlines():
        match = head.match(line)
        if match:
            blocks.append([line] if match.group(2).startswith(label) else [])
        elif blocks and blocks[-1] and line.startswith("      "):
            blocks[-1].append(line)
    found = ["\n".join(b) for b in blocks if b]
    assert len(found) == 1, f"no single {label!r} line in:\n{table}"
    return found[0]


def assert_no_raw_store_answer(table: str) -> None:
    """The Store set-up and Pickup address lines speak for the register: no raw HTTP status
    or error text from the store. Only those lines are read: the rest of the table carries
    random store hashes, ports and folders, which may hold any digits."""
    for label in ("Store set-up", "Pickup address"):
        line = check_line(table, label)
        assert not re.search(r"\b(HTTP\s*)?4\d\d\b", line), line
        assert "email is required" not in line and "Unprocessable" not in line, line


def test_the_raw_answer_check_catches_a_raw_422() -> None:
    """The assertion above is not vacuous: a set-up line with the store's raw answer fails it."""
    good = ("  PASS  Profile         store-12 (store 6422db1248, channel 1) from /tmp/422\n"
            "  SKIP  Store set-up    not checked: the pickup address is incomplete\n"
            "  FAIL  Pickup address  missing first_name, last_name, email\n"
            "                        fix: pos profile edit store-12 --set ...\n")
    assert_no_raw_store_answer(good)
    for raw in ("  FAIL  Store set-up    the store answered HTTP 422",
                "  FAIL  Store set-up    422 Unprocessable Entity: email is required",
                "  FAIL  Store set-up    the store refused the cart\n"
                "                        fix: the store said (422) email is required"):
        bad = good.replace(good.splitlines()[1], raw)
        with pytest.raises(AssertionError):
            assert_no_raw_store_answer(bad)


@pytest.fixture
def store_422(tmp_path: Path) -> Iterator[SandboxServer]:
    """A sandbox store whose hash holds "422", the digits of the raw answer looked for."""
    db = tmp_path / "store-422.sqlite3"
    with SandboxServer(seed=1, catalog_size=20, db_path=db):
        pass
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = '6422db1248' WHERE key = 'store_hash'")
    conn.close()
    with SandboxServer(seed=1, catalog_size=20, db_path=db) as server:
        assert "422" in server.store_hash
        yield server


@pytest.mark.parametrize("which", ["random hash", "hash with 422"])
def test_an_incomplete_pickup_address_skips_the_store_set_up(
    pos_cli: Cli, request: pytest.FixtureRequest, which: str
) -> None:
    """The store would refuse the address with a raw 422 and a fix that misleads: the pickup
    check names what is missing, and the set-up check waits for it. Whatever the store's
    hash is."""
    store: SandboxServer = request.getfixturevalue("store" if which == "random hash"
                                                   else "store_422")
    result = pos_cli(
        "profile", "add", "store-12", "--store-hash", store.store_hash,
        "--api-base-url", store.api_base_url, "--payments-base-url", store.payments_base_url,
        "--pickup-company", "Store 12", "--pickup-address1", "1 Main St",
        "--pickup-city", "Austin", "--pickup-country-code", "US",
        "--pickup-state-or-province", "Texas", "--pickup-postal-code", "78701",
    )
    assert result.code == 0, result.err
    assert pos_cli("profile", "set-token", "store-12", stdin=store.token).code == 0
    as_json = pos_cli("doctor", "store-12", "--json")
    got = checks(as_json)
    assert as_json.code == 1
    assert got["pickup_location"]["status"] == "fail"
    assert got["pickup_location"]["detail"] == "missing first_name, last_name, email"
    assert got["scopes"]["status"] == "pass"
    assert got["store_setup"]["status"] == "skip"
    assert got["store_setup"]["detail"] == "not checked: the pickup address is incomplete"
    table = pos_cli("doctor", "store-12").out
    assert check_line(table, "Store set-up").split()[:3] == ["SKIP", "Store", "set-up"]
    assert_no_raw_store_answer(table)

    fixed = pos_cli("profile", "edit", "store-12",
                    "--set", "pickup_location.first_name=Store",
                    "--set", "pickup_location.last_name=Twelve",
                    "--set", "pickup_location.email=store12@example.com")
    assert fixed.code == 0, fixed.err
    again = pos_cli("doctor", "store-12")
    assert again.code == 0, again.out
    assert "PASS  Store set-up" in again.out


def test_a_pickup_address_without_state_or_zip_is_named_not_refused_raw(
    pos_cli: Cli, store: SandboxServer
) -> None:
    """In a country with states and postal codes, the pickup check names them as missing
    (the store would refuse the address with a raw 422 under Store set-up)."""
    result = pos_cli(
        "profile", "add", "store-13", "--store-hash", store.store_hash,
        "--api-base-url", store.api_base_url, "--payments-base-url", store.payments_base_url,
        "--pickup-first-name", "Store", "--pickup-last-name", "Thirteen",
        "--pickup-email", "store13@example.com", "--pickup-address1", "1 Main St",
        "--pickup-city", "Austin", "--pickup-country-code", "US",
    )
    assert result.code == 0, result.err
    assert pos_cli("profile", "set-token", "store-13", stdin=store.token).code == 0
    got = checks(pos_cli("doctor", "store-13", "--json"))
    assert got["pickup_location"]["status"] == "fail"
    assert got["pickup_location"]["detail"] == "missing state_or_province_code, postal_code"
    assert got["store_setup"]["status"] == "skip"
    assert_no_raw_store_answer(pos_cli("doctor", "store-13").out)


# What the register needs, as BigCommerce names the scopes of an API account.
REGISTER_SCOPES = (
    "store_v2_products_read_only",
    "store_v2_customers",
    "store_cart",
    "store_checkouts",
    "store_v2_orders",
    "store_payments_methods_read",
    "store_payments_access_token_create",
)


def test_doctor_passes_with_exactly_the_register_scopes(
    pos_cli: Cli, store: SandboxServer
) -> None:
    add_shop(pos_cli, store)
    token = store.create_token(REGISTER_SCOPES)
    assert pos_cli("profile", "set-token", "shop", stdin=token).code == 0
    result = pos_cli("doctor", "shop", "--json")
    assert result.code == 0, result.out
    assert checks(result)["scopes"]["status"] == "pass"


def test_missing_scopes_are_named_in_bigcommerce_words(
    pos_cli: Cli, store: SandboxServer
) -> None:
    add_shop(pos_cli, store)
    scopes = [s for s in REGISTER_SCOPES
              if s not in ("store_cart", "store_payments_access_token_create")]
    token = store.create_token(scopes)
    assert pos_cli("profile", "set-token", "shop", stdin=token).code == 0
    result = pos_cli("doctor", "shop", "--json")
    assert result.code == 1
    got = checks(result)
    assert got["token_accepted"]["status"] == "pass"
    assert got["scopes"]["status"] == "fail"
    detail = got["scopes"]["detail"]
    assert "store_payments_access_token_create" in detail
    assert "store_cart (to create carts)" in detail
    assert "store_checkouts" not in detail
    assert "Settings > API accounts" in got["scopes"]["fix"]
    assert "pos profile set-token shop" in got["scopes"]["fix"]
    assert got["store_setup"]["status"] == "skip"
    table = pos_cli("doctor", "shop")
    assert table.code == 1
    assert "FAIL  Token scopes" in table.out and "store_cart" in table.out
    assert token not in result.out + table.out


def test_a_token_with_no_catalogue_scope_is_still_accepted(
    pos_cli: Cli, store: SandboxServer
) -> None:
    add_shop(pos_cli, store)
    token = store.create_token([s for s in REGISTER_SCOPES if "products" not in s])
    assert pos_cli("profile", "set-token", "shop", stdin=token).code == 0
    got = checks(pos_cli("doctor", "shop", "--json"))
    assert got["token_accepted"]["status"] == "pass"
    assert got["scopes"]["status"] == "fail"
    assert "store_v2_products_read_only (to read the catalogue)" in got["scopes"]["detail"]


def test_doctor_demo_starts_its_own_sandbox(pos_cli: Cli, fail_keyring: None) -> None:
    result = pos_cli("doctor", "demo", "--json")
    got = checks(result)
    assert result.code == 0, got
    assert got["token"]["detail"] == "given by the app"


# Each modify scope the register needs, and the read-only twin an API account may hold instead.
READ_ONLY_TWINS = {
    "store_cart": "store_cart_read_only",
    "store_checkouts": "store_checkouts_read_only",
    "store_v2_orders": "store_v2_orders_read_only",
    "store_v2_customers": "store_v2_customers_read_only",
}
PURPOSES = {
    "store_cart": "to create carts",
    "store_checkouts": "to run checkouts",
    "store_v2_orders": "to create and read orders",
}


def test_a_read_only_token_fails_naming_each_modify_scope(
    pos_cli: Cli, store: SandboxServer
) -> None:
    add_shop(pos_cli, store)
    token = store.create_token([READ_ONLY_TWINS.get(s, s) for s in REGISTER_SCOPES])
    assert pos_cli("profile", "set-token", "shop", stdin=token).code == 0
    result = pos_cli("doctor", "shop", "--json")
    assert result.code == 1
    got = checks(result)
    assert got["token_accepted"]["status"] == "pass"
    assert got["scopes"]["status"] == "fail"
    detail = got["scopes"]["detail"]
    for scope, purpose in PURPOSES.items():
        assert f"{scope} ({purpose}; the token has only {READ_ONLY_TWINS[scope]})" in detail
    for other in ("store_v2_products", "store_payments"):
        assert other not in detail
    fix = got["scopes"]["fix"]
    assert "Settings > API accounts" in fix and "'modify'" in fix
    assert "store_cart, store_checkouts, store_v2_orders" in fix
    assert "pos profile set-token shop" in fix
    assert got["store_setup"]["status"] == "skip"


@pytest.mark.parametrize("scope", sorted(PURPOSES))
def test_one_read_only_scope_is_named_alone(
    pos_cli: Cli, store: SandboxServer, scope: str
) -> None:
    add_shop(pos_cli, store)
    token = store.create_token(
        [READ_ONLY_TWINS[s] if s == scope else s for s in REGISTER_SCOPES]
    )
    assert pos_cli("profile", "set-token", "shop", stdin=token).code == 0
    result = pos_cli("doctor", "shop", "--json")
    assert result.code == 1
    detail = checks(result)["scopes"]["detail"]
    assert detail == (
        f"missing: {scope} ({PURPOSES[scope]}; the token has only {READ_ONLY_TWINS[scope]})"
    )


def test_a_token_with_neither_twin_is_not_called_read_only(
    pos_cli: Cli, store: SandboxServer
) -> None:
    add_shop(pos_cli, store)
    token = store.create_token([s for s in REGISTER_SCOPES if s != "store_v2_orders"])
    assert pos_cli("profile", "set-token", "shop", stdin=token).code == 0
    got = checks(pos_cli("doctor", "shop", "--json"))
    assert got["scopes"]["detail"] == "missing: store_v2_orders (to create and read orders)"
    assert "'modify'" not in got["scopes"]["fix"]


def test_store_setup_names_store_cart_when_the_cart_is_refused(store: SandboxServer) -> None:
    """Store set-up on its own, with a token that may read carts but not create them: the
    403 names the scope and the API-accounts fix, not the channel."""
    from pos.api.client import BigCommerceClient
    from pos.stores.doctor import Doctor, Status
    from pos.stores.profiles import DEMO_PROFILE
    from pos.stores.secrets import ApiToken

    profile = DEMO_PROFILE.resolved_for_sandbox(
        api_base_url=store.api_base_url,
        payments_base_url=store.payments_base_url,
        store_hash=store.store_hash,
    )
    token = store.create_token(
        [READ_ONLY_TWINS["store_cart"] if s == "store_cart" else s for s in REGISTER_SCOPES]
    )
    doctor = Doctor(profile, token=ApiToken(token))

    async def go() -> bool:
        async with BigCommerceClient(
            store.store_hash, lambda: token, api_base_url=store.api_base_url,
            payments_base_url=store.payments_base_url, max_retries=0,
        ) as client:
            return await doctor.check_store_setup(client, profile)

    assert asyncio.run(go()) is False
    result = doctor.report.get("store_setup")
    assert result is not None and result.status is Status.FAIL
    assert result.detail == (
        "the store refused the token (HTTP 403): missing store_cart (to create carts)"
    )
    assert "Settings > API accounts" in result.fix
    assert "channel" not in result.detail + result.fix
    assert token not in repr(doctor.report.as_dict())


# -- the channel: named when the token may read channels, else the cart tells ---------------

def store_setup_on_channel(
    pos_cli: Cli, store: SandboxServer, channel_id: int, token: str
) -> tuple[int, dict[str, str]]:
    add_shop(pos_cli, store, "--channel-id", str(channel_id))
    assert pos_cli("profile", "set-token", "shop", stdin=token).code == 0
    result = pos_cli("doctor", "shop", "--json")
    return result.code, checks(result)["store_setup"]


def test_a_channel_the_store_lacks_is_named_with_the_store_channels(
    pos_cli: Cli, store: SandboxServer
) -> None:
    code, got = store_setup_on_channel(pos_cli, store, 99, store.token)
    assert code == 1
    assert got["status"] == "fail"
    assert got["detail"] == "channel 99 does not exist in this store"
    assert "pos profile edit shop --set channel_id=" in got["fix"]
    assert "1 'Sandbox store' (storefront, active)" in got["fix"]
    assert "2 'Register' (pos, active)" in got["fix"]
    table = pos_cli("doctor", "shop")
    assert "FAIL  Store set-up" in table.out and "channel 99 does not exist" in table.out


def test_the_read_only_channels_scope_is_enough_to_name_it(
    pos_cli: Cli, store: SandboxServer
) -> None:
    token = store.create_token([*REGISTER_SCOPES, "store_channel_settings_read_only"])
    code, got = store_setup_on_channel(pos_cli, store, 99, token)
    assert code == 1
    assert got["detail"] == "channel 99 does not exist in this store"
    assert "2 'Register'" in got["fix"]


def test_without_the_channels_scope_the_cart_tells(pos_cli: Cli, store: SandboxServer) -> None:
    code, got = store_setup_on_channel(pos_cli, store, 99, store.create_token(REGISTER_SCOPES))
    assert code == 1
    assert got["status"] == "fail"
    assert got["detail"].startswith("cannot create a cart on channel 99")
    assert "check channel_id in the profile" in got["fix"]


@pytest.mark.parametrize("channels_scope", [True, False])
def test_an_existing_channel_passes(
    pos_cli: Cli, store: SandboxServer, channels_scope: bool
) -> None:
    scopes = [*REGISTER_SCOPES, *(["store_channel_settings_read_only"] * channels_scope)]
    code, got = store_setup_on_channel(pos_cli, store, 2, store.create_token(scopes))
    assert code == 0, got
    assert got["status"] == "pass" and got["detail"].startswith("channel 2,")

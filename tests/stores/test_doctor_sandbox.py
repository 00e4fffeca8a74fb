"""``pos doctor`` against the sandbox store over real loopback HTTP: passing and failing runs,
and no file under the config and data folders ever holds the token."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from pos.api.client import BigCommerceClient
from pos.sandbox.server import SandboxServer
from pos.stores.doctor import Doctor, Status
from pos.stores.profiles import Profile
from pos.stores.secrets import ApiToken

from .conftest import SHOP_ARGS, Folders, MemoryKeyring, Result

Cli = Callable[..., Result]


@pytest.fixture(scope="module")
def store() -> Iterator[SandboxServer]:
    with SandboxServer(seed=1, catalog_size=20) as server:
        yield server


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


class _ForbidPaths(httpx.AsyncBaseTransport):
    """Forwards to the real sandbox, except that some paths answer 403 as BigCommerce does
    for a token without the scope (the sandbox issues only full-scope tokens)."""

    def __init__(self, forbidden: tuple[str, ...]) -> None:
        self._real = httpx.AsyncHTTPTransport()
        self._forbidden = forbidden

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if any(part in request.url.path for part in self._forbidden):
            return httpx.Response(
                403,
                json={"status": 403, "title": "You don't have a required scope to access "
                      "the endpoint", "type": "https://developer.bigcommerce.com/api-docs/"
                      "getting-started/api-status-codes", "errors": {}},
            )
        return await self._real.handle_async_request(request)

    async def aclose(self) -> None:
        await self._real.aclose()


async def test_missing_scopes_are_named_in_bigcommerce_words(store: SandboxServer) -> None:
    profile = Profile(
        name="shop",
        store_hash=store.store_hash,
        api_base_url=store.api_base_url,
        payments_base_url=store.payments_base_url,
    )

    def client(profile: Profile, token: ApiToken) -> BigCommerceClient:
        return BigCommerceClient(
            profile.store_hash, token.reveal, api_base_url=profile.api_base_url,
            payments_base_url=profile.payments_base_url, max_retries=0,
            transport=_ForbidPaths(("/payments/access_tokens", "/v3/carts")),
        )

    doctor = Doctor(profile, token=ApiToken(store.token), client_factory=client)
    report = await doctor.run()
    assert not report.ok
    scopes = report.get("scopes")
    assert scopes is not None and scopes.status is Status.FAIL
    assert "store_payments_access_token_create" in scopes.detail
    assert "store_cart (to create carts)" in scopes.detail
    assert "store_checkouts" not in scopes.detail
    assert "Settings > API accounts" in scopes.fix
    setup = report.get("store_setup")
    assert setup is not None and setup.status is Status.SKIP


def test_doctor_demo_starts_its_own_sandbox(pos_cli: Cli, fail_keyring: None) -> None:
    result = pos_cli("doctor", "demo", "--json")
    got = checks(result)
    assert result.code == 0, got
    assert got["token"]["detail"] == "given by the app"

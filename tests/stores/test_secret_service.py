"""Tokens in a real Secret Service (gnome-keyring over D-Bus).

These run inside a D-Bus session with an unlocked gnome-keyring (the CI bootstrap
provides one). Without it they skip, unless ``POS_REQUIRE_SECRET_SERVICE=1`` says they
must run: then they fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import keyring
import keyring.backend
import pytest

from pos.stores.secrets import ApiToken, TokenSource, TokenStore, backend_status

from .conftest import SHOP_ARGS, Folders, Result

pytestmark = pytest.mark.secret_service


def _why_not_available() -> str | None:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)"
    try:
        from keyring.backends import SecretService

        backend = SecretService.Keyring()  # type: ignore[no-untyped-call,unused-ignore]
        SecretService.Keyring.priority  # noqa: B018 (raises when the backend is not viable)
        backend.get_password("bc-pos:availability-probe", "api-token")  # type: ignore[no-untyped-call,unused-ignore]
    except Exception as exc:
        return f"the Secret Service cannot be used: {type(exc).__name__}: {exc}"
    return None


@pytest.fixture
def secret_service(
    restore_keyring: Callable[[keyring.backend.KeyringBackend], None],
) -> keyring.backend.KeyringBackend:
    reason = _why_not_available()
    if reason is not None:
        if os.environ.get("POS_REQUIRE_SECRET_SERVICE") == "1":
            pytest.fail(f"POS_REQUIRE_SECRET_SERVICE=1 but {reason}")
        pytest.skip(reason)
    from keyring.backends import SecretService

    backend = SecretService.Keyring()  # type: ignore[no-untyped-call,unused-ignore]
    restore_keyring(backend)
    return backend


@pytest.fixture
def store_hash() -> str:
    return "ss" + uuid.uuid4().hex[:10]


def test_round_trip_through_gnome_keyring(
    secret_service: keyring.backend.KeyringBackend, store_hash: str
) -> None:
    token = "real-ss-" + uuid.uuid4().hex
    assert backend_status().usable
    store = TokenStore(store_hash)
    assert store.set_sync(token) is TokenSource.KEYRING
    assert secret_service.get_password(f"bc-pos:{store_hash}", "api-token") == token
    found = store.find_sync()
    assert found is not None
    assert (found.token, found.source) == (ApiToken(token), TokenSource.KEYRING)
    assert store.delete_sync() is True
    assert store.get_sync() is None
    assert store.delete_sync() is False


async def test_async_calls_through_gnome_keyring(
    secret_service: keyring.backend.KeyringBackend, store_hash: str
) -> None:
    token = "real-ss-" + uuid.uuid4().hex
    store = TokenStore(store_hash)
    assert await store.set(token) is TokenSource.KEYRING
    assert await store.get() == ApiToken(token)
    assert await store.delete() is True


def test_the_command_line_uses_the_real_keyring(
    secret_service: keyring.backend.KeyringBackend,
    pos_cli: Callable[..., Result],
    folders: Folders,
    store_hash: str,
) -> None:
    token = "real-ss-" + uuid.uuid4().hex
    args = list(SHOP_ARGS)
    args[args.index("--store-hash") + 1] = store_hash
    assert pos_cli("profile", "add", "shop", *args).code == 0
    env = dict(os.environ)
    env.update(
        POS_PROFILES_DIR=str(folders.user),
        POS_SYSTEM_PROFILES_DIR=str(folders.system),
        POS_DATA_DIR=str(folders.data),
    )
    env.pop("POS_TOKEN", None)
    env.pop("PYTHON_KEYRING_BACKEND", None)
    # A separate process finds the Secret Service by itself, like the installed app.
    done = subprocess.run(
        [sys.executable, "-m", "pos", "profile", "set-token", "shop"],
        input=token + "\n", capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert token not in done.stdout + done.stderr
    assert secret_service.get_password(f"bc-pos:{store_hash}", "api-token") == token
    shown = pos_cli("profile", "show", "shop")
    assert "# token: present (OS keyring)" in shown.out
    exported = pos_cli("profile", "export", "shop", str(folders.user.parent / "out.toml"))
    assert exported.code == 0
    for path in Path(folders.root).rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path
    assert pos_cli("profile", "delete-token", "shop").code == 0
    assert secret_service.get_password(f"bc-pos:{store_hash}", "api-token") is None

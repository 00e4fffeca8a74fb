"""Tokens in the keyring: the working path, POS_TOKEN, and every kind of unusable keyring."""

from __future__ import annotations

import asyncio
import pickle
import threading

import keyring
import keyring.backend
import pytest
from support.keyrings import MemoryKeyring, PlaintextKeyring

from pos.stores.secrets import (
    ApiToken,
    KeyringUnavailable,
    TokenSource,
    TokenStore,
    backend_status,
    service_name,
)

TOKEN = "tok-0123456789abcdefghijklmnop"


def test_service_and_username(memory_keyring: MemoryKeyring) -> None:
    store = TokenStore("abc123")
    assert store.set_sync(TOKEN) is TokenSource.KEYRING
    assert memory_keyring.entries == {("bc-pos:abc123", "api-token"): TOKEN}
    assert service_name("abc123") == "bc-pos:abc123"
    found = store.find_sync()
    assert found is not None
    assert found.source is TokenSource.KEYRING
    assert found.token.reveal() == TOKEN
    assert store.delete_sync() is True
    assert store.delete_sync() is False
    assert store.get_sync() is None


def test_token_never_shows_itself() -> None:
    token = ApiToken(f"  {TOKEN}\n")
    assert token.reveal() == TOKEN
    for text in (repr(token), str(token), f"{token}", repr([token])):
        assert TOKEN not in text
    assert TOKEN not in repr(TokenStore("abc123"))
    with pytest.raises(TypeError):
        pickle.dumps(token)
    with pytest.raises(ValueError):
        ApiToken("   ")


def test_pos_token_overrides_the_keyring_and_is_never_written(
    memory_keyring: MemoryKeyring,
) -> None:
    TokenStore("abc123").set_sync("from-keyring")
    store = TokenStore("abc123", environ={"POS_TOKEN": "from-env"})
    found = store.find_sync()
    assert found is not None
    assert (found.token.reveal(), found.source) == ("from-env", TokenSource.ENV)
    assert "from-env" not in memory_keyring.entries.values()


def test_pos_token_needs_no_keyring(fail_keyring: None) -> None:
    store = TokenStore("abc123", environ={"POS_TOKEN": TOKEN})
    assert store.get_sync() == ApiToken(TOKEN)


async def test_async_calls_run_off_the_event_loop_thread(
    restore_keyring: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []

    class Recording(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            seen.append(threading.get_ident())
            return super().get_password(service, username)

    keyring.set_keyring(Recording())
    store = TokenStore("abc123")
    assert await store.set(TOKEN) is TokenSource.KEYRING
    assert await store.get() == ApiToken(TOKEN)
    assert (await store.status()).usable
    assert await store.delete() is True
    assert seen and threading.get_ident() not in seen
    assert asyncio.get_running_loop() is not None


USER_SEES = {
    "fail_keyring": (
        "No keyring backend was found.",
        "gnome-keyring or KWallet",
    ),
    "null_keyring": ("The keyring is disabled", "PYTHON_KEYRING_BACKEND"),
    "plaintext_keyring": ("stores secrets in a plain file", "Uninstall keyrings.alt"),
    "locked_keyring": ("The keyring is locked.", "Unlock the keyring"),
    "init_failing_keyring": ("The keyring is locked (Failed to unlock", "Unlock the keyring"),
    "erroring_keyring": ("The keyring failed (", "gnome-keyring or KWallet"),
}


@pytest.mark.parametrize("backend", sorted(USER_SEES))
def test_unusable_keyrings_say_what_to_do(
    backend: str, request: pytest.FixtureRequest
) -> None:
    request.getfixturevalue(backend)
    problem, fix = USER_SEES[backend]
    store = TokenStore("abc123")
    for call in (store.get_sync, lambda: store.set_sync(ApiToken(TOKEN)), store.delete_sync):
        with pytest.raises(KeyringUnavailable) as info:
            call()
        message = str(info.value)
        assert problem in message
        assert fix in message
        assert "POS_TOKEN" in message
        assert TOKEN not in message
        exc = info.value
        _assert_nothing_reaches_the_token(exc)


def _assert_nothing_reaches_the_token(exc: BaseException) -> None:
    """Neither the exception, nor what it chains to, nor any frame of its traceback holds
    the token (a traceback keeps every frame's locals alive)."""
    assert exc.__cause__ is None
    assert exc.__context__ is None
    assert TOKEN not in str(exc)
    assert TOKEN not in repr(exc)
    assert TOKEN not in repr(exc.args)
    assert TOKEN not in repr(vars(exc))
    tb = exc.__traceback__
    frames = 0
    while tb is not None:
        frames += 1
        for name, value in tb.tb_frame.f_locals.items():
            assert TOKEN not in repr(value), (tb.tb_frame.f_code.co_name, name)
        tb = tb.tb_next
    assert frames >= 2  # the test's frame and the store's


@pytest.mark.parametrize("as_text", [True, False])
def test_an_erroring_backend_never_echoes_the_token(
    erroring_keyring: None, as_text: bool
) -> None:
    store = TokenStore("abc123")
    with pytest.raises(KeyringUnavailable) as info:
        store.set_sync(TOKEN if as_text else ApiToken(TOKEN))
    assert "RuntimeError: D-Bus said no to ********" in str(info.value)
    _assert_nothing_reaches_the_token(info.value)


def test_a_plaintext_backend_is_never_written(plaintext_keyring: PlaintextKeyring) -> None:
    with pytest.raises(KeyringUnavailable):
        TokenStore("abc123").set_sync(TOKEN)
    assert plaintext_keyring.entries == {}


def test_status_names_the_backend(null_keyring: None) -> None:
    status = backend_status()
    assert not status.usable
    assert status.backend == "keyring.backends.null.Keyring"
    assert "disabled" in status.message


def test_a_chain_with_a_plaintext_member_is_refused(memory_keyring: MemoryKeyring) -> None:
    import keyring.backends.chainer as chainer

    class Chain(chainer.ChainerBackend):
        backends = (MemoryKeyring(), PlaintextKeyring())

    assert not backend_status(Chain()).usable  # type: ignore[no-untyped-call,unused-ignore]

    class GoodChain(chainer.ChainerBackend):
        backends = (MemoryKeyring(),)

    assert backend_status(GoodChain()).usable  # type: ignore[no-untyped-call,unused-ignore]


@pytest.mark.parametrize("backend", ["fail_keyring", "locked_keyring", "plaintext_keyring"])
def test_session_only_is_a_choice_not_a_fallback(
    backend: str, request: pytest.FixtureRequest
) -> None:
    request.getfixturevalue(backend)
    with pytest.raises(KeyringUnavailable):
        TokenStore("abc123").set_sync(TOKEN)
    chosen = TokenStore("abc123", allow_session_only=True)
    assert chosen.set_sync(TOKEN) is TokenSource.SESSION
    found = chosen.find_sync()
    assert found is not None and found.source is TokenSource.SESSION
    assert chosen.delete_sync() is True
    with pytest.raises(KeyringUnavailable):
        chosen.get_sync()

    other = TokenStore("abc123")
    other.keep_for_session(TOKEN)
    assert other.get_sync() == ApiToken(TOKEN)

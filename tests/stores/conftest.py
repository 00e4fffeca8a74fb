"""Fixtures of the store-profile and keyring tests.

Every test gets its own profile folders and data folder (through the environment
variables the app reads) and, unless it installs another one, an in-memory keyring.
Keyring backends are installed with ``keyring.set_keyring`` and the previous one is
restored after each test.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest

import pos.cli
from pos.sandbox.server import SandboxServer


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A working keyring that lives in a dict."""

    priority = 1  # type: ignore[assignment,unused-ignore]

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call,unused-ignore]
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("not found") from None


class LockedKeyring(keyring.backend.KeyringBackend):
    """A keyring the user has not unlocked."""

    priority = 1  # type: ignore[assignment,unused-ignore]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("collection is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("collection is locked")


class ErroringKeyring(keyring.backend.KeyringBackend):
    """A keyring whose every call fails, echoing what it was given (as some do)."""

    priority = 1  # type: ignore[assignment,unused-ignore]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringError(f"backend exploded reading {service}")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError(f"D-Bus said no to {password}")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringError("backend exploded deleting")


class InitFailingKeyring(ErroringKeyring):
    """Like the Secret Service when nobody unlocks the collection."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.InitError("Failed to unlock the collection! Prompt dismissed.")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.InitError("Failed to unlock the collection! Prompt dismissed.")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.InitError("Failed to unlock the collection! Prompt dismissed.")


class PlaintextKeyring(MemoryKeyring):
    """Stands for keyrings.alt's plaintext file backend."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


@pytest.fixture(scope="module")
def store() -> Iterator[SandboxServer]:
    """A sandbox store of its own for each test module (seed 1, 20 products)."""
    with SandboxServer(rate_limit_quota=1_000_000, seed=1, catalog_size=20) as server:
        yield server


@dataclass
class Folders:
    user: Path
    system: Path
    data: Path
    root: Path


@pytest.fixture(autouse=True)
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Folders:
    root = tmp_path / "pos"
    found = Folders(
        user=root / "config" / "profiles",
        system=root / "system" / "profiles.d",
        data=root / "data",
        root=root,
    )
    monkeypatch.setenv("POS_PROFILES_DIR", str(found.user))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(found.system))
    monkeypatch.setenv("POS_DATA_DIR", str(found.data))
    monkeypatch.delenv("POS_TOKEN", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    return found


@pytest.fixture
def restore_keyring() -> Iterator[Callable[[keyring.backend.KeyringBackend], None]]:
    previous = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def memory_keyring(
    restore_keyring: Callable[[keyring.backend.KeyringBackend], None],
) -> MemoryKeyring:
    backend = MemoryKeyring()
    restore_keyring(backend)
    return backend


@pytest.fixture
def fail_keyring(restore_keyring: Callable[[keyring.backend.KeyringBackend], None]) -> None:
    restore_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call,unused-ignore]


@pytest.fixture
def null_keyring(restore_keyring: Callable[[keyring.backend.KeyringBackend], None]) -> None:
    restore_keyring(keyring.backends.null.Keyring())  # type: ignore[no-untyped-call,unused-ignore]


@pytest.fixture
def locked_keyring(restore_keyring: Callable[[keyring.backend.KeyringBackend], None]) -> None:
    restore_keyring(LockedKeyring())  # type: ignore[no-untyped-call,unused-ignore]


@pytest.fixture
def erroring_keyring(restore_keyring: Callable[[keyring.backend.KeyringBackend], None]) -> None:
    restore_keyring(ErroringKeyring())  # type: ignore[no-untyped-call,unused-ignore]


@pytest.fixture
def init_failing_keyring(
    restore_keyring: Callable[[keyring.backend.KeyringBackend], None],
) -> None:
    restore_keyring(InitFailingKeyring())  # type: ignore[no-untyped-call,unused-ignore]


@pytest.fixture
def plaintext_keyring(
    restore_keyring: Callable[[keyring.backend.KeyringBackend], None],
) -> PlaintextKeyring:
    backend = PlaintextKeyring()
    restore_keyring(backend)
    return backend


@dataclass
class Result:
    code: int
    out: str
    err: str


class _FakeStdin(io.StringIO):
    def __init__(self, text: str, tty: bool) -> None:
        super().__init__(text)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.fixture
def pos_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run ``pos ...`` in this process: ``pos_cli("profile", "list", stdin="...")``."""

    def run(*argv: str, stdin: str | None = None, tty: bool = False) -> Result:
        capsys.readouterr()
        if stdin is not None or tty:
            monkeypatch.setattr(sys, "stdin", _FakeStdin(stdin or "", tty))
        try:
            code = pos.cli.main(list(argv))
        except SystemExit as exc:  # argparse errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


SHOP_ARGS = (
    "--store-hash", "abc123",
    "--display-name", "Main Street Shop",
    "--currency", "USD",
    "--terminal-name", "Till 1",
    "--pickup-first-name", "Main",
    "--pickup-last-name", "Street",
    "--pickup-address1", "1 Main Street",
    "--pickup-city", "Austin",
    "--pickup-state-or-province", "Texas",
    "--pickup-state-or-province-code", "TX",
    "--pickup-country-code", "US",
    "--pickup-postal-code", "78701",
    "--pickup-email", "shop@example.com",
)

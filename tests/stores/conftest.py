"""Fixtures of the store-profile and keyring tests.

Every test gets its own profile folders and data folder (through the environment
variables the app reads) and, unless it installs another one, an in-memory keyring.
Keyring backends are installed with ``keyring.set_keyring`` and the previous one is
restored after each test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import keyring.backend
import keyring.backends.fail
import keyring.backends.null
import pytest
from support.cli import Folders, Result, private_folders, run_pos
from support.keyrings import (
    ErroringKeyring,
    InitFailingKeyring,
    LockedKeyring,
    MemoryKeyring,
    PlaintextKeyring,
)

if TYPE_CHECKING:
    from conftest import SandboxFactory

    from pos.sandbox.server import SandboxServer


@pytest.fixture(scope="module")
def store(sandbox_factory: SandboxFactory) -> SandboxServer:
    """A sandbox store (seed 1, 20 products)."""
    return sandbox_factory(seed=1, catalog_size=20)


@pytest.fixture(autouse=True)
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Folders:
    found = private_folders(tmp_path, monkeypatch)
    monkeypatch.delenv("POS_TOKEN", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    return found


@pytest.fixture
def restore_keyring(
    use_keyring: Callable[[keyring.backend.KeyringBackend], None],
) -> Callable[[keyring.backend.KeyringBackend], None]:
    return use_keyring


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


@pytest.fixture
def pos_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run ``pos ...`` in this process: ``pos_cli("profile", "list", stdin="...")``."""

    def run(*argv: str, stdin: str | None = None, tty: bool = False) -> Result:
        return run_pos(capsys, monkeypatch, argv, stdin=stdin, tty=tty)

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

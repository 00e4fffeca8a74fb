"""Keyring backends for the tests, installed with ``keyring.set_keyring`` (the
``use_keyring`` fixture of ``tests/conftest.py`` puts the previous one back), or, in a
subprocess, named by ``PYTHON_KEYRING_BACKEND=support.keyrings.LockedKeyring`` with
``tests/`` on ``PYTHONPATH``.

Each records the threads that call it: the register must never read the keyring on its UI
thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors

#: The folder to put on a subprocess's PYTHONPATH so that it can name these backends.
TESTS_DIR = Path(__file__).resolve().parent.parent


@contextmanager
def keyring_swapped() -> Iterator[Callable[[keyring.backend.KeyringBackend], None]]:
    """Yields ``keyring.set_keyring``; the keyring in use before comes back afterwards."""
    previous = keyring.get_keyring()
    try:
        yield keyring.set_keyring
    finally:
        keyring.set_keyring(previous)


class _Recording(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment,unused-ignore]

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call,unused-ignore]
        self.threads: list[int] = []

    def _called(self) -> None:
        self.threads.append(threading.get_ident())


class MemoryKeyring(_Recording):
    """A working keyring that lives in a dict."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        self._called()
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._called()
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._called()
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("not found") from None


class LockedKeyring(_Recording):
    """A keyring nobody has unlocked."""

    def _locked(self) -> None:
        self._called()
        raise keyring.errors.KeyringLocked("collection is locked")

    def get_password(self, service: str, username: str) -> str | None:
        self._locked()
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._locked()

    def delete_password(self, service: str, username: str) -> None:
        self._locked()


class ErroringKeyring(_Recording):
    """A keyring whose every call fails, echoing what it was given (as some do)."""

    def get_password(self, service: str, username: str) -> str | None:
        self._called()
        raise keyring.errors.KeyringError(f"backend exploded reading {service}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self._called()
        raise RuntimeError(f"D-Bus said no to {password}")

    def delete_password(self, service: str, username: str) -> None:
        self._called()
        raise keyring.errors.KeyringError("backend exploded deleting")


class InitFailingKeyring(_Recording):
    """Like the Secret Service when nobody unlocks the collection."""

    def _fail(self) -> None:
        self._called()
        raise keyring.errors.InitError("Failed to unlock the collection! Prompt dismissed.")

    def get_password(self, service: str, username: str) -> str | None:
        self._fail()
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._fail()

    def delete_password(self, service: str, username: str) -> None:
        self._fail()


class PlaintextKeyring(MemoryKeyring):
    """Stands for keyrings.alt's plaintext file backend."""


PlaintextKeyring.__module__ = "keyrings.alt.file"

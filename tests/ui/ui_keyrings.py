"""Keyring backends for the register's tests, installed with ``keyring.set_keyring`` (or,
in a subprocess, named by ``PYTHON_KEYRING_BACKEND=ui_keyrings.LockedKeyring``)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import keyring
import keyring.backend
import keyring.errors


@contextmanager
def keyring_swapped() -> Iterator[Callable[[keyring.backend.KeyringBackend], None]]:
    """Yields ``keyring.set_keyring``; the keyring in use before comes back afterwards."""
    previous = keyring.get_keyring()
    try:
        yield keyring.set_keyring
    finally:
        keyring.set_keyring(previous)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A working keyring that lives in a dict; records the threads that call it."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.threads: list[int] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.threads.append(threading.get_ident())
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.threads.append(threading.get_ident())
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.threads.append(threading.get_ident())
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("not found") from None


class LockedKeyring(keyring.backend.KeyringBackend):
    """A keyring nobody has unlocked; records the threads that call it."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[int] = []

    def _locked(self) -> None:
        self.threads.append(threading.get_ident())
        raise keyring.errors.KeyringLocked("collection is locked")

    def get_password(self, service: str, username: str) -> str | None:
        self._locked()
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._locked()

    def delete_password(self, service: str, username: str) -> None:
        self._locked()

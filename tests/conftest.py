"""Test set-up shared by every room of the house.

Qt runs offscreen, and Python's cyclic garbage collector runs only on the main
(GUI) thread: automatic collection is disabled during each test and done by hand
after it, so that no Qt object is ever destroyed from a server or executor thread.

The sandbox store: ``sandbox_factory`` is the one way tests get a running store
(``sandbox_factory(seed=7, catalog_size=60)``: one server per set of arguments for the
whole session), and ``reset_sandbox`` the one way a test puts a store's faults and settings
back. Keyrings: ``use_keyring`` installs a backend of :mod:`support.keyrings` for one test.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Protocol

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import keyring.backend
import pytest
from support.keyrings import keyring_swapped

if TYPE_CHECKING:
    from pos.sandbox.server import SandboxServer


@pytest.fixture(autouse=True)
def _collect_garbage_on_main_thread() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        if was_enabled:
            gc.enable()


class SandboxFactory(Protocol):
    def __call__(self, *, seed: int = 1, catalog_size: int = 60,
                 **options: int) -> SandboxServer: ...


#: The request quota of the tests' sandbox stores (see ``sandbox_factory``).
TEST_QUOTA = 1_000_000


@pytest.fixture(scope="session")
def sandbox_factory() -> Iterator[SandboxFactory]:
    """A running sandbox store on a random loopback port, for ``seed`` and
    ``catalog_size`` (and settings such as ``pending_settle_ms``); the same arguments give
    the same server for the whole session. Every server stops when the session ends.

    Its request quota is far above a real store's (150 per 30 s), since most tests are not
    about the limit; those that are pass ``rate_limit_quota`` themselves."""
    from pos.sandbox.server import SandboxServer

    servers: dict[tuple[object, ...], SandboxServer] = {}
    with contextlib.ExitStack() as stack:

        def make(*, seed: int = 1, catalog_size: int = 60, **options: int) -> SandboxServer:
            options.setdefault("rate_limit_quota", TEST_QUOTA)
            key = (seed, catalog_size, *sorted(options.items()))
            if key not in servers:
                server = SandboxServer(seed=seed, catalog_size=catalog_size, **options)
                servers[key] = stack.enter_context(server)
            return servers[key]

        yield make


@pytest.fixture
def reset_sandbox() -> Iterator[Callable[[SandboxServer], SandboxServer]]:
    """``reset_sandbox(store)``: the store's queued faults cleared and its settings back to
    those it started with, now and again after the test; returns ``store``."""
    used: list[SandboxServer] = []

    def reset(store: SandboxServer) -> SandboxServer:
        store.clear_faults()
        store.reset_config()
        used.append(store)
        return store

    yield reset
    for store in used:
        store.clear_faults()
        store.reset_config()


@pytest.fixture
def use_keyring() -> Iterator[Callable[[keyring.backend.KeyringBackend], None]]:
    """``use_keyring(backend)`` installs a keyring backend; the previous one comes back
    after the test."""
    with keyring_swapped() as use:
        yield use

"""Fixtures for the sandbox store's tests: one real server per test session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import SandboxFactory

    from pos.sandbox.server import SandboxServer


@pytest.fixture(scope="session")
def sandbox(sandbox_factory: SandboxFactory) -> SandboxServer:
    """A running sandbox store on a random loopback port (seed 1, 500 products)."""
    return sandbox_factory(seed=1, catalog_size=500)


@pytest.fixture
def clean_faults(
    sandbox: SandboxServer, reset_sandbox: Callable[[SandboxServer], SandboxServer]
) -> SandboxServer:
    """The sandbox; every queued fault cleared (and the default settings restored) after
    the test."""
    return reset_sandbox(sandbox)

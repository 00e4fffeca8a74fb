"""Fixtures for the sandbox store's tests: one real server per test session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pos.sandbox.server import SandboxServer


@pytest.fixture(scope="session")
def sandbox() -> Iterator[SandboxServer]:
    """A running sandbox store on a random loopback port (seed 1, 500 products)."""
    from pos.sandbox.server import SandboxServer

    with SandboxServer(rate_limit_quota=1_000_000, seed=1, catalog_size=500) as server:
        yield server


@pytest.fixture
def clean_faults(sandbox: SandboxServer) -> Iterator[SandboxServer]:
    """Clears every queued fault (and restores the default settings) after the test."""
    yield sandbox
    sandbox.clear_faults()
    sandbox.reset_config()

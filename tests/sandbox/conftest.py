"""Fixtures for the sandbox store's tests: one real server per test session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from openapi_support import HttpRecorder, OpenApiValidator, StoreHttp, require_openapi
from support.openapi_http import Recorded

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


@pytest.fixture(scope="module")
def validator() -> OpenApiValidator:
    """BigCommerce's documents, or the test skipped with the reason when they are absent."""
    return require_openapi()


@pytest.fixture
def recorded(sandbox: SandboxServer, validator: OpenApiValidator) -> Iterator[Recorded]:
    """A client of the sandbox whose exchanges ``recorded.conforms()`` validates."""
    recorder = HttpRecorder()
    with StoreHttp(sandbox.info, recorder=recorder) as store:
        yield Recorded(store, recorder, validator)

"""Fixtures of the client's tests: one sandbox store for the module, a client per test.

Every request a sandbox-backed client sends is recorded; when BigCommerce's OpenAPI
documents are present (``../shared/reference/bigcommerce-openapi``), each test ends by
validating all of its requests against them (headers included).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest
from api_helpers import (
    SleepRecorder,
    assert_no_open_sockets,
    assert_requests_valid,
    established_sockets,
    make_client,
)
from openapi_support import HttpRecorder

from pos.api import BigCommerceClient

if TYPE_CHECKING:
    from pos.sandbox.server import SandboxServer


@pytest.fixture(scope="session")
def sandbox() -> Iterator[SandboxServer]:
    """A sandbox store on a random loopback port (seed 7, a small catalogue)."""
    from pos.sandbox.server import SandboxServer

    with SandboxServer(
        seed=7, catalog_size=60, pending_settle_ms=200, rate_limit_quota=1_000_000
    ) as server:
        yield server


@pytest.fixture
def store(sandbox: SandboxServer) -> Iterator[SandboxServer]:
    """The sandbox, with faults cleared and settings restored after the test."""
    sandbox.clear_faults()
    sandbox.reset_config()
    yield sandbox
    sandbox.clear_faults()
    sandbox.reset_config()


@pytest.fixture
def recorder() -> HttpRecorder:
    return HttpRecorder()


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
async def client(store: SandboxServer, recorder: HttpRecorder) -> AsyncIterator[BigCommerceClient]:
    """A client of the sandbox with shortened backoff; its requests are validated after."""
    baseline = established_sockets()
    async with make_client(store, recorder) as api:
        yield api
    assert_requests_valid(recorder)
    assert_no_open_sockets(baseline)


@pytest.fixture
async def fclient(
    store: SandboxServer, recorder: HttpRecorder, sleeps: SleepRecorder
) -> AsyncIterator[BigCommerceClient]:
    """Like ``client`` but its waits are recorded (``sleeps``) instead of slept, and a
    short timeout (1 s) so that latency faults turn into timeouts quickly."""
    baseline = established_sockets()
    async with make_client(store, recorder, sleep=sleeps, timeout=1.0) as api:
        yield api
    assert_requests_valid(recorder)
    assert_no_open_sockets(baseline)

"""Fixtures of the client's tests: one sandbox store for the module, a client per test.

Every request a sandbox-backed client sends is recorded; when BigCommerce's OpenAPI
documents are present (``../shared/reference/bigcommerce-openapi``), each test ends by
validating all of its requests against them (headers included).
"""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

import pytest
from api_helpers import SleepRecorder
from openapi_support import DOCUMENT_FILES, HttpRecorder, OpenApiValidator, openapi_dir

from pos.api import BigCommerceClient

if TYPE_CHECKING:
    from pos.sandbox.server import SandboxServer


@pytest.fixture(scope="session")
def sandbox() -> Iterator[SandboxServer]:
    """A sandbox store on a random loopback port (seed 7, a small catalogue)."""
    from pos.sandbox.server import SandboxServer

    with SandboxServer(seed=7, catalog_size=60, pending_settle_ms=200) as server:
        yield server


@pytest.fixture
def store(sandbox: SandboxServer) -> Iterator[SandboxServer]:
    """The sandbox, with faults cleared and settings restored after the test."""
    sandbox.clear_faults()
    sandbox.reset_config()
    yield sandbox
    sandbox.clear_faults()
    sandbox.reset_config()


def _validator() -> OpenApiValidator | None:
    directory = openapi_dir()
    if not all((directory / name).is_file() for name in DOCUMENT_FILES):
        return None
    import openapi_support

    return openapi_support.require_openapi()


@pytest.fixture
def recorder() -> HttpRecorder:
    return HttpRecorder()


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


def make_client(store: SandboxServer, recorder: HttpRecorder, **kw: Any) -> BigCommerceClient:
    kw.setdefault("timeout", 5.0)
    kw.setdefault("max_retries", 3)
    kw.setdefault("backoff_initial", 0.01)
    kw.setdefault("backoff_max", 0.05)
    kw.setdefault("trust_env", False)
    return BigCommerceClient(
        store.store_hash,
        lambda: store.token,
        api_base_url=store.api_base_url,
        payments_base_url=store.payments_base_url,
        event_hooks=recorder.async_event_hooks(),
        **kw,
    )


@pytest.fixture
async def client(store: SandboxServer, recorder: HttpRecorder) -> AsyncIterator[BigCommerceClient]:
    """A client of the sandbox with shortened backoff; its requests are validated after."""
    baseline = established_sockets()
    async with make_client(store, recorder) as api:
        yield api
    assert_requests_valid(recorder)
    assert_no_open_sockets(baseline)


def assert_requests_valid(recorder: HttpRecorder) -> None:
    validator = _validator()
    if validator is None:
        return
    problems: list[str] = []
    for i, exchange in enumerate(recorder.exchanges):
        problems += [
            f"#{i} {p}"
            for p in validator.request_problems(
                exchange.method, exchange.path, exchange.query,
                exchange.request_headers, exchange.request_json,
            )
        ]
    assert problems == [], "requests that disagree with the OpenAPI documents"


def established_sockets() -> int:
    """Established TCP sockets of this process (Linux: /proc; -1 elsewhere)."""
    fd_dir = f"/proc/{os.getpid()}/fd"
    if not os.path.isdir(fd_dir):
        return -1
    inodes = set()
    for fd in os.listdir(fd_dir):
        try:
            target = os.readlink(f"{fd_dir}/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    count = 0
    for table in ("tcp", "tcp6"):
        try:
            with open(f"/proc/net/{table}") as fh:
                next(fh)
                for line in fh:
                    parts = line.split()
                    state, inode = parts[3], parts[9]
                    if inode in inodes and state == "01":  # ESTABLISHED
                        count += 1
        except OSError:
            continue
    return count



def assert_no_open_sockets(baseline: int = 0) -> None:
    """After a client closes, the process holds no more established connections than
    before it opened (both ends of a loopback connection are in this process; the server
    thread closes its end shortly after ours)."""
    import time

    gc.collect()
    deadline = time.monotonic() + 2.0
    while True:
        count = established_sockets()
        if count <= baseline or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert count <= baseline, f"{count - baseline} TCP connections outlived the client"


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

"""Fixtures of the returns tests: a real sandbox store over loopback HTTP, a real client,
a real refunds journal file."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from returns_support import Orders, make_client

from pos.api.client import BigCommerceClient
from pos.returns import RefundJournal
from pos.sandbox.server import SandboxServer

if TYPE_CHECKING:
    from conftest import SandboxFactory


@pytest.fixture(scope="session")
def store(sandbox_factory: SandboxFactory) -> SandboxServer:
    return sandbox_factory(seed=5, catalog_size=200)


@pytest.fixture(scope="session")
def orders(store: SandboxServer) -> Orders:
    return Orders(store)


@pytest.fixture
def faults(
    store: SandboxServer, reset_sandbox: Callable[[SandboxServer], SandboxServer]
) -> SandboxServer:
    return reset_sandbox(store)


@pytest.fixture
async def client(store: SandboxServer) -> AsyncIterator[BigCommerceClient]:
    async with make_client(store) as c:
        yield c


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[RefundJournal]:
    with RefundJournal(tmp_path / "refunds.sqlite3") as j:
        yield j

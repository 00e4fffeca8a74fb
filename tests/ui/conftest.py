"""Qt tests with the app's asyncio loop (qasync) on the Qt thread.

One ``qasync.QEventLoop`` for the whole session; each test that needs it gets it as the
current *and running* loop (as qasync does inside ``run_forever``), so asyncio callbacks run
from Qt timers while the test waits with ``qtbot.waitUntil`` / ``qtbot.waitSignal``.
Tests here are plain functions: no ``async def`` tests (an awaited task inside
``qtbot.waitUntil`` would never run).

The wizard's tests run the real sale engine against one sandbox store (``store``, ``shop``:
what it sells); ``register()`` opens a register window on them (``window``: one).
``spanish`` puts the app in Spanish for one test (``qm_dir``: the translations, compiled
from this checkout's sources once).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QTranslator
from PySide6.QtWidgets import QApplication
from ui_helpers import Folders, Shop, close_register, make_folders, open_register, read_shop

from pos.ui import translations
from pos.ui.async_qt import cancel_pending, new_event_loop
from pos.ui.wizard import RegisterWindow

if TYPE_CHECKING:
    from conftest import SandboxFactory

    from pos.sandbox.server import SandboxServer


@pytest.fixture(scope="session")
def _session_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    loop = new_event_loop(qapp)
    yield loop
    loop.close()


def _pump(timeout_ms: int = 20) -> None:
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, timeout_ms)


@pytest.fixture
def qloop(_session_loop: asyncio.AbstractEventLoop) -> Iterator[asyncio.AbstractEventLoop]:
    """The app's loop, current and running for this test; leftover tasks cancelled after,
    as quitting the register does (:func:`pos.ui.async_qt.cancel_pending`)."""
    loop = _session_loop
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    try:
        yield loop
    finally:
        if any(not t.done() for t in asyncio.all_tasks(loop)):
            finishing = loop.create_task(cancel_pending(2.0))
            deadline = QDeadlineTimer(3000)
            while not finishing.done() and not deadline.hasExpired():
                _pump()
        _pump()
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)


# -- the sandbox store and registers on the real sale engine ----------------------------


@pytest.fixture(scope="session")
def store(sandbox_factory: SandboxFactory) -> SandboxServer:
    """The UI tests' sandbox store (seed 1, 60 products), shared by every module."""
    return sandbox_factory(seed=1, catalog_size=60)


@pytest.fixture
def fresh_store(
    store: SandboxServer, reset_sandbox: Callable[[SandboxServer], SandboxServer]
) -> SandboxServer:
    """The store, for a test that slows it down or queues faults: put back after."""
    return reset_sandbox(store)


@pytest.fixture(scope="session")
def shop(store: SandboxServer) -> Shop:
    return read_shop(store)


@pytest.fixture(scope="session")
def skus(shop: Shop) -> tuple[str, ...]:
    return shop.skus


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Folders:
    return make_folders(tmp_path, monkeypatch)


@pytest.fixture
def register(qtbot, qloop, store: SandboxServer, shop: Shop,
             tmp_path: Path) -> Iterator[Callable[..., RegisterWindow]]:
    """``register(**options)``: a register window on the real engine and the store, its
    local catalogue synced unless ``catalog=False`` (options: see
    :func:`ui_helpers.open_register`); closed, with its engine, after."""
    opened: list[RegisterWindow] = []

    def open_one(*, data_dir: Path | None = None, catalog: bool = True,
                 **options) -> RegisterWindow:
        win = open_register(qtbot, store, data_dir or tmp_path / f"data{len(opened)}",
                            **options)
        win.shop = shop
        opened.append(win)
        if catalog:  # search reads the local catalogue, as in the register
            synced = qloop.create_task(win.engine.sync_catalog())
            qtbot.waitUntil(synced.done, timeout=30_000)
            synced.result()
        return win

    yield open_one
    for win in opened:
        close_register(qtbot, qloop, win)


@pytest.fixture
def window(register: Callable[..., RegisterWindow]) -> RegisterWindow:
    """A register window on the real engine and the UI tests' store."""
    return register()


# -- the register in Spanish ------------------------------------------------------------


@pytest.fixture(scope="session")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The app's translations (``.qm``), compiled once from this checkout's ``.ts``."""
    out = tmp_path_factory.mktemp("qm")
    translations.build_qm(out_dir=out)
    return out


@pytest.fixture
def spanish(qapp: QApplication, qm_dir: Path) -> Iterator[list[QTranslator]]:
    """The app's and Qt's Spanish translations (``es_ES``) installed for one test; the
    installed translators are the value."""
    installed = translations.install(qapp, "es_ES", qm_dir=qm_dir)
    yield installed
    translations.uninstall(qapp, installed)

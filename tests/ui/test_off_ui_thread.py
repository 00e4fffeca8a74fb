"""Reading the journal and opening a new store's files happen off the UI (Qt) thread."""

from __future__ import annotations

import threading
from types import SimpleNamespace

from ui_helpers import FAST, PROFILE, show_active, wiz

from pos.composition import Engine, build_engine, demo_profile
from pos.ui.app import StoreSwitcher
from pos.ui.pages import PAGE_START
from pos.ui.pages.start import Resumable
from pos.ui.wizard import RegisterWindow


class ThreadRecordingEngine:
    """The real engine, whose journal reading records the thread that runs it and lists
    ``unfinished`` (as the start page lists the journal's unfinished sales)."""

    def __init__(self, engine: Engine, unfinished: list[Resumable] | None = None) -> None:
        self.engine = engine
        self.threads: list[int] = []
        self._unfinished = unfinished or []
        self.new_sale = engine.new_sale
        self.resume = engine.resume
        self.sync_catalog = engine.sync_catalog
        self.close = engine.close
        self.new_returns = engine.new_returns
        self.journal_notice = engine.journal_notice
        self.undelivered = engine.undelivered

    def unfinished(self) -> list[Resumable]:
        self.engine.unfinished()  # the journal is read here
        self.threads.append(threading.get_ident())
        return list(self._unfinished)


def _engine(store, data_dir) -> Engine:
    return build_engine(demo_profile(store), store.token, data_dir, **FAST)


def _close(qtbot, qloop, engine) -> None:
    done = qloop.create_task(engine.close())
    qtbot.waitUntil(done.done, timeout=5000)


UNFINISHED = [Resumable("a", "Sale a, $10.00"), Resumable("b", "Sale b, $25.00", True)]


def test_unfinished_sales_are_read_off_the_ui_thread(qtbot, qloop, store, tmp_path):
    engine = ThreadRecordingEngine(_engine(store, tmp_path), UNFINISHED)
    win = RegisterWindow(PROFILE, engine.new_sale, resumable=engine.unfinished,
                         resume=engine.resume)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    start = wiz(win).start_page
    qtbot.waitUntil(lambda: start.resume_list.count() == 2, timeout=10_000)
    assert "payment not confirmed" in start.resume_list.item(0).text()
    assert engine.threads and threading.get_ident() not in engine.threads

    # Every new sale reads the journal again, off the UI thread too.
    engine._unfinished = UNFINISHED[:1]
    win.start_sale()
    start = wiz(win).start_page
    qtbot.waitUntil(lambda: len(engine.threads) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: start.resume_list.count() == 1, timeout=10_000)
    assert threading.get_ident() not in engine.threads
    win.view.close()
    _close(qtbot, qloop, engine)
    _close(qtbot, qloop, engine)


def test_a_journal_that_cannot_be_read_offers_nothing(qtbot, qloop, store, tmp_path):
    def broken() -> list[Resumable]:
        raise OSError("disk I/O error")

    engine = _engine(store, tmp_path)
    win = RegisterWindow(PROFILE, engine.new_sale, resumable=broken)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    assert wiz(win).currentId() == PAGE_START
    assert wiz(win).start_page.resume_list.count() == 0
    assert not wiz(win).start_page.resume_list.isVisible()
    win.view.close()
    _close(qtbot, qloop, engine)


def test_a_new_stores_engine_is_built_off_the_ui_thread(qtbot, qloop, tmp_path, monkeypatch,
                                                        store):
    from pos.stores.profiles import Profile

    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    built: list[tuple[int, object]] = []
    engine = ThreadRecordingEngine(_engine(store, tmp_path))

    def build(added, data_dir):
        built.append((threading.get_ident(), data_dir))
        return engine

    win = RegisterWindow(PROFILE, None)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    win.switcher = StoreSwitcher(win, None, build=build)  # held: it listens
    profile = Profile(name="main-street", store_hash="abc123", display_name="Main Street",
                      terminal_name="Till 2")
    win.store_added.emit(SimpleNamespace(profile=profile))
    qtbot.waitUntil(lambda: win.wizard is not None, timeout=10_000)
    assert len(built) == 1
    thread, data_dir = built[0]
    assert thread != threading.get_ident()
    assert data_dir.is_dir()
    assert win.profile.store == "Main Street"
    assert "Till 2" in win.header.terminal.text()
    qtbot.waitUntil(lambda: bool(engine.threads), timeout=10_000)  # the journal, off-thread
    assert threading.get_ident() not in engine.threads
    # The new store's catalogue sync, started once its register opened, ends first.
    qtbot.waitUntil(lambda: all(t.done() for t in win.runner.tasks), timeout=30_000)
    win.view.close()
    close = qloop.create_task(win.switcher.close())  # the new store's engine, as on quitting
    qtbot.waitUntil(close.done, timeout=5000)

"""The composition root of the GUI: Qt application, loop, translations, window.

``pos.commands.demo.run_register`` builds a sale factory (profile → secrets → client →
sale, with :func:`pos.composition.build_engine`) and calls :func:`run_register_window` for
the demo store, or :func:`run_store_register` for a configured store: that window opens at
once, *waiting*, reads the store's token from the keyring off the UI thread, and asks for it
(:mod:`pos.ui.token_prompt`) when the keyring cannot give it. Tests build
:class:`RegisterWindow` directly, or :func:`open_store_window`.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress as contextlib_suppress
from pathlib import Path
from typing import TYPE_CHECKING

from pos import APP_DISPLAY_NAME, APP_NAME, __version__
from pos.resources import resource_path

if TYPE_CHECKING:
    import contextlib
    import signal
    import socket
    import types

    from PySide6.QtCore import QCoreApplication, QObject, QSettings, QSocketNotifier, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from pos.composition import Engine
    from pos.sale import Sale
    from pos.stores.profiles import Profile
    from pos.stores.secrets import TokenStore
    from pos.ui.app_log import RegisterLog
    from pos.ui.pages.start import Resumable
    from pos.ui.profile import ScreenProfile
    from pos.ui.store_setup import StoreAdded
    from pos.ui.token_prompt import TokenFound, TokenGate
    from pos.ui.widgets.scanner import ScannerDetector
    from pos.ui.wizard import RegisterWindow

_HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}


def display_problem(environ: dict[str, str] | None = None,
                    platform: str | None = None) -> str | None:
    """Why no window can be opened here, in words, or None when it can.

    Qt aborts (it does not raise) when the xcb platform finds no X server, so this is
    checked before Qt is loaded.
    """
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    if not platform.startswith("linux"):
        return None
    qpa = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if qpa in _HEADLESS_PLATFORMS:
        return None
    if qpa == "wayland" and env.get("WAYLAND_DISPLAY"):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return (
        "No display was found, so the register cannot open its window.\n"
        "Run it on a desktop session, or with a virtual display:\n"
        "    xvfb-run -a pos --demo\n"
        "or without any display at all (nothing is shown, useful for checks):\n"
        "    QT_QPA_PLATFORM=offscreen pos --demo"
    )


def create_application(argv: Sequence[str] | None = None,
                       language: str | None = None) -> QApplication:
    """The QApplication, with names, style sheet and translations installed.

    ``language``: the store profile's choice of language (``"es"``); when it is empty,
    the system's language (``LANG``, ``LC_ALL``, ``LC_MESSAGES``) is used."""
    os.environ.setdefault("QT_API", "pyside6")
    from PySide6.QtWidgets import QApplication

    from pos.ui import translations

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        list(argv or [sys.argv[0]])
    )
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    apply_look(app)
    app._pos_translators = translations.install(  # type: ignore[attr-defined]
        app, language or None)
    return app


def apply_look(app: QApplication) -> None:
    """The window icon, the small style sheet and a readable system palette that follows
    the system's while the register runs (the palette does the rest)."""
    from PySide6.QtGui import QIcon

    icon = resource_path("icons", "pos.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    from pos.ui.live_look import follow_system

    style = resource_path("style.qss")
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    # Every text reads (WCAG AA), and keeps reading when the system goes dark, light or
    # high contrast while the register runs.
    follow_system(app)


STARTUP_PROBE_ENV = "POS_STARTUP_PROBE"


def first_window_ready(window: RegisterWindow) -> bool:
    """The register is usable: shown, exposed, and the wizard's first page has the focus."""
    from PySide6.QtWidgets import QApplication

    wizard = window.wizard
    handle = window.windowHandle()
    if wizard is None or handle is None or not window.isVisible() or not handle.isExposed():
        return False
    if wizard.currentPage() is None:
        return False
    focus = QApplication.focusWidget()
    return focus is not None and (focus is wizard or wizard.isAncestorOf(focus))


def _install_startup_probe(app: QCoreApplication, window: RegisterWindow, *,
                           stay: bool = False) -> QTimer:
    """``POS_STARTUP_PROBE=1``: print ``POS_STARTUP_READY <time.monotonic()>`` once the first
    window is usable, then quit (``benchmarks/bench_startup.py`` reads it).
    ``POS_STARTUP_PROBE=stay``: print the same line and keep running (scripts that wait for
    the window, then stop the register with SIGTERM)."""
    import time

    from PySide6.QtCore import QTimer

    timer = QTimer(app)
    timer.setInterval(2)

    def check() -> None:
        if first_window_ready(window):
            timer.stop()
            print(f"POS_STARTUP_READY {time.monotonic():.6f}", flush=True)
            if not stay:
                app.quit()

    timer.timeout.connect(check)
    timer.start()
    return timer


class QuitOnSignals:
    """SIGTERM and SIGINT (Ctrl+C) end the register cleanly: the Qt loop is left, the store's
    engine closes (the journal's SQLite files are closed and checkpointed) and the demo store
    stops, as when the window closes.

    Python runs a signal's handler only when it next runs bytecode, which never happens while
    Qt's loop sleeps: the signal's wakeup file descriptor (a socket pair watched by a
    ``QSocketNotifier``) wakes the loop at once, and a slow no-op timer covers platforms
    where that cannot be set up. The handler itself only schedules the quit on the loop.
    A sale left mid-way is in the journal and is offered at the next start.
    """

    SIGNALS: tuple[str, ...] = ("SIGTERM", "SIGINT")

    def __init__(self, app: QCoreApplication,
                 quit_app: Callable[[int], None] | None = None) -> None:
        self.app = app
        self.received: int | None = None
        self._quit = quit_app or (lambda _signum: app.exit(0))
        self._old_handlers: dict[
            int, Callable[[int, types.FrameType | None], object] | int | signal.Handlers | None
        ] = {}
        self._old_wakeup: int | None = None
        self._sockets: tuple[socket.socket, socket.socket] | None = None
        self._notifier: QSocketNotifier | None = None
        self._timer: QTimer | None = None

    def install(self) -> None:
        import signal
        import socket
        import threading

        from PySide6.QtCore import QSocketNotifier, QTimer

        if threading.current_thread() is not threading.main_thread():
            return  # signals are delivered to the main thread only
        try:
            reader, writer = socket.socketpair()
            reader.setblocking(False)
            writer.setblocking(False)
            self._old_wakeup = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        except (OSError, ValueError):
            pass
        else:
            self._sockets = (reader, writer)
            self._notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read,
                                             self.app)
            self._notifier.activated.connect(self._drain)
        self._timer = QTimer(self.app)
        self._timer.setInterval(500)
        self._timer.timeout.connect(lambda: None)  # lets Python run a pending handler
        self._timer.start()
        for name in self.SIGNALS:
            number = getattr(signal, name, None)
            if number is not None:
                self._old_handlers[number] = signal.signal(number, self._handler)

    def _drain(self) -> None:
        if self._sockets is None:
            return
        try:
            while self._sockets[0].recv(64):
                pass
        except OSError:
            pass

    def _handler(self, signum: int, _frame: types.FrameType | None) -> None:
        from PySide6.QtCore import QTimer

        if self.received is not None:
            return
        self.received = signum
        QTimer.singleShot(0, lambda: self._quit(signum))

    def uninstall(self) -> None:
        import signal

        for number, handler in self._old_handlers.items():
            with _suppress():
                signal.signal(number, handler)
        self._old_handlers.clear()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._sockets is not None:
            with _suppress():
                signal.set_wakeup_fd(-1 if self._old_wakeup is None else self._old_wakeup)
            for sock in self._sockets:
                sock.close()
            self._sockets = None


def _suppress() -> contextlib.suppress:
    return contextlib_suppress(OSError, ValueError)


class StoreSwitcher:
    """Opens the register on a store added from its start page.

    The new store's data folder is created and ``build`` makes its engine (profile → token
    → client → journal and catalogue files → sale) in a worker thread, never on the UI
    thread; the old engine is closed once the window has moved on.
    """

    def __init__(self, window: RegisterWindow, engine: Engine | None,
                 build: Callable[[StoreAdded | TokenFound, Path], Engine] | None = None,
                 log: RegisterLog | None = None) -> None:
        self.window = window
        self.engine = engine
        self._build = build or _build_engine_for
        self.log = log
        self.closed = False  # close() was called: nothing more starts on its engine
        window.store_added.connect(self.open)

    def open(self, added: StoreAdded | TokenFound) -> None:
        from pos.stores.profiles import ensure_data_dir
        from pos.ui.async_qt import run_blocking

        async def prepare() -> tuple[Engine, Path]:
            data_dir = await run_blocking(ensure_data_dir, added.profile)
            engine = await run_blocking(self._build, added, data_dir)  # opens SQLite files
            if self.log is not None:
                await run_blocking(self.log.open, data_dir)
            return engine, data_dir

        def ready(built: tuple[Engine, Path]) -> None:
            from pos.ui.profile import screen_profile_for

            engine, _data_dir = built
            old, self.engine = self.engine, engine
            self.window.switch_store(
                screen_profile_for(added.profile), engine.new_sale,
                resumable=resumable_sales(engine), resume=engine.resume,
            )
            self.window.returns_factory = engine.new_returns
            attribute_sales(self.window, engine)
            self.window.journal_damaged = engine.journal_notice is not None
            start_store_work(self.window, self, engine, exclusive=False)
            if old is not None:
                self.window.runner.start(old.close, exclusive=False, on_error=lambda exc: None)

        def failed(exc: BaseException) -> None:
            from PySide6.QtCore import QCoreApplication

            message = QCoreApplication.translate(
                "RegisterWindow", "The new store could not be opened: %1"
            ).replace("%1", str(exc) or type(exc).__name__)
            if self.window.wizard is None:  # still waiting: say it there
                self.window.set_waiting(message)
                self.window.waiting_busy.set_busy(False)
            else:
                self.window._on_page(lambda page: page.show_error(message))

        self.window.runner.start(prepare, exclusive=False, on_result=ready, on_error=failed)

    async def close(self) -> None:
        self.closed = True
        if self.engine is not None:
            await self.engine.close()


def start_store_work(window: RegisterWindow, switcher: StoreSwitcher, engine: Engine, *,
                     exclusive: bool = True, serve: Callable[[], object] | None = None) -> None:
    """The store's first catalogue sync and its channel's name, once the window showing the
    store has been painted: the clerk sees the register first, the store's answers after.
    ``serve``: the demo store, opened but not served yet, is served first (in a worker
    thread; the engine's calls wait for it in the store's queue meanwhile).
    Nothing starts when the window has moved on to another store or is closing by then."""
    from pos.ui.async_qt import run_blocking
    from pos.ui.first_frame import after_paint

    def begin(_served: object = None) -> None:
        if switcher.closed or switcher.engine is not engine:
            return
        window.runner.start(engine.sync_catalog, exclusive=exclusive,
                            on_error=lambda exc: None)
        show_channel_name(window, engine)
        one_per_turn(window, engine.prepare())

    def not_served(exc: BaseException) -> None:
        from PySide6.QtCore import QCoreApplication

        message = QCoreApplication.translate(
            "DemoStoreStart", "The demo store could not be started: %1"
        ).replace("%1", str(exc) or type(exc).__name__)
        window._on_page(lambda page: page.show_error(message))

    def start() -> None:
        if serve is None:
            begin()
            return
        window.runner.start(lambda: run_blocking(serve), exclusive=False, on_result=begin,
                            on_error=not_served)

    after_paint(window, start)


def one_per_turn(owner: QObject, steps: list[Callable[[], object]]) -> None:
    """Run ``steps`` on the UI thread, one each time the loop comes round (input and
    painting go on between two), while ``owner`` lives. A step that fails is skipped: what
    it prepares is then done when first needed."""
    from PySide6.QtCore import QTimer

    def next_step() -> None:
        if not steps:
            return
        step = steps.pop(0)
        with contextlib_suppress(Exception):
            step()
        QTimer.singleShot(0, owner, next_step)

    QTimer.singleShot(0, owner, next_step)


def show_channel_name(window: RegisterWindow, engine: Engine) -> None:
    """The header names the channel as the store holds it (read once, then remembered in the
    store's data folder); until then, and when the store cannot say, its number."""
    read = engine.channel_name
    if read is None:
        return

    def shown(name: str | None) -> None:
        if name:
            window.header.set_channel(name)

    window.runner.start(read, exclusive=False, on_result=shown, on_error=lambda exc: None)


def _build_engine_for(added: StoreAdded | TokenFound, data_dir: Path) -> Engine:
    from pos.composition import build_engine

    return build_engine(added.profile, added.token.reveal(), data_dir)


def _run_window(
    make_window: Callable[[ScannerDetector, RegisterLog], tuple[RegisterWindow, StoreSwitcher]],
    *,
    start: Callable[[RegisterWindow, StoreSwitcher], None] | None = None,
    on_started: Callable[[RegisterWindow], None] | None = None,
    argv: Sequence[str] | None = None,
    data_dir: Path | None = None,
    language: str | None = None,
) -> int:
    """The Qt application and loop around one register window, until it closes (or the
    process gets SIGTERM / SIGINT: see :class:`QuitOnSignals`). ``language``: the store
    profile's language (the system's when empty).

    ``make_window(scanner, log)`` returns ``(window, switcher)``; ``start(window, switcher)``
    runs once the window is shown (work that goes to the loop, e.g. reading the token).
    ``data_dir``: the store's data folder, where the log file goes (a store opened later
    logs to its own).
    """
    app = create_application(argv, language)
    from pos.ui.app_log import RegisterLog
    from pos.ui.async_qt import GarbageCollector, new_event_loop, run_app, shutdown_executor
    from pos.ui.widgets.scanner import ScannerDetector

    collector = GarbageCollector(app)
    collector.start()
    loop = new_event_loop(app)
    asyncio.set_event_loop(loop)
    log = RegisterLog()
    if data_dir is not None:
        log.open(data_dir)
    signals = QuitOnSignals(app)
    signals.install()
    scanner = ScannerDetector(app)
    window, switcher = make_window(scanner, log)
    place_window(window, window_settings())
    # Application-wide: installed once the window is made, not to see each event of that.
    scanner.install(app)
    probe = None
    probe_mode = os.environ.get(STARTUP_PROBE_ENV)
    if probe_mode in ("1", "stay"):
        probe = _install_startup_probe(app, window, stay=probe_mode == "stay")
    if start is not None:
        start(window, switcher)
    if on_started is not None:
        on_started(window)
    try:
        return run_app(app, loop)
    finally:
        remember_window(window, window_settings())
        close_fittings(window)
        if probe is not None:
            probe.stop()
        if window.view is not None:
            window.view.close()
        loop.run_until_complete(_finish(switcher))
        scanner.uninstall()
        collector.stop()
        shutdown_executor()
        # Joins the loop's worker threads (asyncio.to_thread): a QThread still running
        # when the process exits aborts it.
        loop.close()
        log.close()
        signals.uninstall()


def resumable_sales(engine: Engine, locale: str = "en_US") -> Callable[[], list[Resumable]]:
    """What the Start page offers to open, read from the journal (off the UI thread): paid
    sales whose outcome never reached anyone first, then the unfinished ones."""
    from PySide6.QtCore import QCoreApplication

    from pos.sale.money import format_money
    from pos.ui.pages.start import Resumable

    def listed() -> list[Resumable]:
        items: list[Resumable] = []
        for paid in engine.undelivered():
            total = (format_money(paid.grand_total, paid.currency, locale)
                     if paid.grand_total is not None and paid.currency else "")
            label = QCoreApplication.translate(
                "StartPage", "Paid: order %1, %2 — open it to print the receipt"
            ).replace("%1", str(paid.order_id or "?")).replace("%2", total)
            items.append(Resumable(paid.sale_id, label, paid_unshown=True))
        shown = {item.sale_id for item in items}
        items += [Resumable(u.sale_id, u.label, u.payment_unknown, customer=u.customer,
                            items=u.items, more_items=u.more_items)
                  for u in engine.unfinished() if u.sale_id not in shown]
        return items

    return listed


def attribute_sales(window: RegisterWindow, engine: Engine) -> None:
    """Every sale rung up while a clerk is signed in names the clerk on the order's staff
    notes at the store (``pos.staff.staff_note``); nothing when the profile has no staff."""
    from pos.staff import staff_note
    from pos.ui.sign_in import StaffScreens

    staff = window.staff
    if not isinstance(staff, StaffScreens):
        engine.set_attribution(None)
        return
    desk = staff.desk
    engine.set_attribution(lambda: staff_note(desk.clerk) if desk.clerk is not None else "")


def fit_out_window(window: RegisterWindow, profile: Profile) -> None:
    """What the store profile adds to a register window: staff sign-in (when the profile
    has staff), the customer display (``customer_display = true``), and the receipt
    printer's state in the header (when the profile names a printer)."""
    from pos.staff import StaffDesk
    from pos.ui.sign_in import attach_staff

    window.staff = attach_staff(window, StaffDesk.for_profile(profile.name))
    attach_shift(window, profile)
    if profile.customer_display:
        from pos.ui.customer_display import CustomerDisplay

        display = CustomerDisplay(store=profile.title, currency=profile.currency,
                                  locale=profile.locale)
        display.follow_screens(window)
        window.set_customer_display(display)
    if profile.printer:
        from pos.hardware.counter import Counter, sale_receipt
        from pos.hardware.settings import HardwareSettings
        from pos.hardware.uri import PrinterUriError
        from pos.ui.printer_status import PrinterStatusIndicator
        from pos.ui.receipt_printer import print_with_qt

        try:
            counter = Counter(HardwareSettings.from_profile(profile), qt_print=print_with_qt)
        except PrinterUriError:  # pos doctor names what is wrong with it
            return
        window.counter = counter
        _follow_sales(window, counter)
        attach_shift(window, profile)

        async def print_order(sale: Sale, order_id: int) -> object:
            # The receipt of the order the sale read to confirm it: no call to the store.
            return await counter.sale_paid(
                sale.client, order_id, "card",
                receipt=sale_receipt(sale, counter.settings.receipt))

        window.silent_print = print_order
        if window.wizard is not None:  # the sale already open
            open_sale = window.wizard
            open_sale.done_page.silent_print = (
                lambda order_id: print_order(open_sale.view.sale, order_id))
        if counter.printer is not None:
            indicator = PrinterStatusIndicator(counter.printer, window.header)
            layout = window.header.layout()
            if layout is not None:
                layout.addWidget(indicator)
            indicator.reprint_requested.connect(
                lambda: window.runner.start(counter.reprint, on_error=lambda exc: None))
            window.printer_status = indicator


def _follow_sales(window: RegisterWindow, counter: object) -> None:
    """The counter follows each sale of the window: the drawer opens when a cash tender
    completes, the pole display (where the profile has one) shows the sale."""
    from pos.hardware.counter import Counter
    from pos.hardware.follow import SaleFollower

    assert isinstance(counter, Counter)

    def problem(what: str, exc: BaseException) -> None:
        from PySide6.QtCore import QCoreApplication

        if what == "drawer":
            text = QCoreApplication.translate(
                "RegisterFittings", "The cash drawer did not open: %1")
        else:
            text = QCoreApplication.translate(
                "RegisterFittings", "The pole display was not updated: %1")
        if window.view is not None:
            window.view.warning.emit(text.replace("%1", str(exc)))

    follower = SaleFollower(counter, on_problem=problem)
    window.sale_follower = follower
    window.sale_started.connect(
        lambda _wizard: follower.follow(window.view.sale) if window.view is not None else None)
    if window.view is not None:  # the sale already open
        follower.follow(window.view.sale)


def attach_shift(window: RegisterWindow, profile: Profile,
                 data_dir: Path | None = None) -> object:
    """The shift's menu, keys and gate in ``window`` (:mod:`pos.ui.shift_desk`), on the
    shift file ``pos shift`` uses for this register; the window's counter opens the
    drawer for a paid-out or a no-sale. Call again once the counter is fitted."""
    from pos.shift import ShiftLedger
    from pos.stores.profiles import data_dir as profile_data_dir
    from pos.ui.shift_desk import ShiftDesk

    if window.shift is not None:
        desk = window.shift
        if isinstance(desk, ShiftDesk):
            desk.counter = window.counter
        return desk
    folder = data_dir if data_dir is not None else profile_data_dir(profile)
    ledger = ShiftLedger(folder / "shifts.jsonl", profile.terminal_name or "register")
    window.shift = ShiftDesk(window, ledger, currency=profile.currency,
                             required=profile.require_shift, channel_id=profile.channel_id,
                             counter=window.counter)
    return window.shift


def close_fittings(window: RegisterWindow) -> None:
    """Let the window's hardware go (the printer's connection, the customer display)."""
    from pos.hardware.counter import Counter
    from pos.hardware.follow import SaleFollower

    follower = window.sale_follower
    if isinstance(follower, SaleFollower):
        follower.close()
    counter = window.counter
    if isinstance(counter, Counter):
        counter.close()
    if window.customer_display is not None:
        window.customer_display.close()


#: Screens up to this size open the register maximized (a counter screen: every pixel
#: for the sale); larger ones open it at a comfortable size, centred.
MAXIMIZE_UP_TO = (1920, 1080)
ROOMY_SIZE = (1366, 900)
_GEOMETRY_KEY = "window/geometry"


def window_settings() -> QSettings:
    """Where the register remembers its window (beside the user's profiles)."""
    from PySide6.QtCore import QSettings

    from pos.stores.profile_folders import user_profiles_dir

    path = user_profiles_dir().parent / "window.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


def place_window(window: QWidget, settings: QSettings) -> None:
    """Show the window as the clerk last left it; the first time, maximized on screens up
    to 1920×1080 (the Next/Cancel row and the total always in view), else a roomy size."""
    from PySide6.QtCore import QByteArray

    saved = settings.value(_GEOMETRY_KEY)
    if isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved):
        window.show()
        return
    screen = window.screen()
    available = screen.availableGeometry() if screen is not None else None
    if available is None or (available.width() <= MAXIMIZE_UP_TO[0]
                             and available.height() <= MAXIMIZE_UP_TO[1]):
        window.showMaximized()
        return
    window.resize(*ROOMY_SIZE)
    window.move(available.center() - window.rect().center())
    window.show()


def remember_window(window: QWidget, settings: QSettings) -> None:
    """Keep the size and place the clerk chose (maximized or not) for the next start."""
    try:
        settings.setValue(_GEOMETRY_KEY, window.saveGeometry())
        settings.sync()
    except RuntimeError:  # the window is already gone
        pass


#: How long quitting waits for cancelled tasks to unwind before the engine is closed.
FINISH_SECONDS = 5.0


async def _finish(switcher: StoreSwitcher) -> None:
    """Cancel the tasks left when the loop stopped and let them unwind while the loop runs
    (an HTTP request being set up closes its connection attempt), then close the store's
    engine (its background work, then its client, journal and catalogue)."""
    from pos.ui.async_qt import cancel_pending

    await cancel_pending(FINISH_SECONDS)
    await switcher.close()


def run_register_window(
    profile: ScreenProfile,
    engine: Engine,
    *,
    on_started: Callable[[RegisterWindow], None] | None = None,
    argv: Sequence[str] | None = None,
    offer_add_store: bool = True,
    first_run: bool = False,
    data_dir: Path | None = None,
    store_profile: Profile | None = None,
    serve_store: Callable[[], object] | None = None,
) -> int:
    """Open the register for ``profile`` and run until the window closes.

    ``serve_store``: the demo store is open but not served yet; this serves it (in a worker
    thread, once the window is on screen, before the catalogue's first sync).

    ``store_profile``: the store profile behind ``profile``, whose staff, customer display
    and printer the window is fitted with (:func:`fit_out_window`).

    ``data_dir``: the store's data folder (its log file goes to ``logs/register.log``).

    ``first_run``: no store is set up yet (``profile`` is the demo store); the start page
    says so and offers the choice: "Try the demo store" (the sale goes on, on the demo
    store) or "Add your store". With ``POS_STARTUP_PROBE=1`` the app reports when
    its first window is usable and quits.
    """

    def make_window(scanner: ScannerDetector,
                    log: RegisterLog) -> tuple[RegisterWindow, StoreSwitcher]:
        from pos.ui.wizard import RegisterWindow

        window = RegisterWindow(profile, engine.new_sale, scanner=scanner,
                                resumable=resumable_sales(engine), resume=engine.resume,
                                offer_demo=first_run, offer_add_store=offer_add_store,
                                first_run=first_run)
        if store_profile is not None:
            fit_out_window(window, store_profile)
            attribute_sales(window, engine)
        window.returns_factory = engine.new_returns
        window.journal_damaged = engine.journal_notice is not None
        if window.journal_damaged and window.wizard is not None:
            window.wizard.start_page.show_journal_damaged()
        return window, StoreSwitcher(window, engine, log=log)

    def start(window: RegisterWindow, switcher: StoreSwitcher) -> None:
        # Search-as-you-type reads the local catalogue; until it is filled, the engine
        # looks codes up through the API. Both wait for the window to be on screen.
        start_store_work(window, switcher, engine, serve=serve_store)

    return _run_window(make_window, start=start, on_started=on_started, argv=argv,
                       data_dir=data_dir,
                       language=store_profile.language if store_profile is not None else None)


def open_store_window(
    profile: Profile,
    *,
    scanner: ScannerDetector | None = None,
    offer_add_store: bool = True,
    build: Callable[[StoreAdded | TokenFound, Path], Engine] | None = None,
    token_store: TokenStore | None = None,
    log: RegisterLog | None = None,
) -> tuple[RegisterWindow, StoreSwitcher, TokenGate]:
    """The register window for a configured store, *waiting* for the store's API token.

    Returns ``(window, switcher, gate)``; call ``gate.start()`` once the loop runs: the
    keyring is read in a worker thread, and when it cannot give the token a
    :class:`pos.ui.token_prompt.TokenPrompt` asks for it. Once there is a token the
    switcher builds the store's engine and the register opens on it.
    """
    from pos.ui.profile import screen_profile_for
    from pos.ui.token_prompt import TokenGate
    from pos.ui.wizard import RegisterWindow

    window = RegisterWindow(screen_profile_for(profile), None, scanner=scanner,
                            offer_add_store=offer_add_store)
    switcher = StoreSwitcher(window, None, build=build, log=log)
    gate = TokenGate(window, profile, switcher.open, store=token_store)
    window.token_gate = gate
    fit_out_window(window, profile)
    return window, switcher, gate


def run_store_register(
    profile: Profile,
    *,
    on_started: Callable[[RegisterWindow], None] | None = None,
    argv: Sequence[str] | None = None,
) -> int:
    """``pos [--profile NAME]`` on a configured store: the window opens at once with the
    store in its header; the token is read from the keyring after it shows, off the UI
    thread, and asked for when the keyring is locked, missing or empty."""
    gates: list[TokenGate] = []

    def make_window(scanner: ScannerDetector,
                    log: RegisterLog) -> tuple[RegisterWindow, StoreSwitcher]:
        window, switcher, gate = open_store_window(profile, scanner=scanner, log=log)
        gates.append(gate)
        return window, switcher

    def start(window: RegisterWindow, switcher: StoreSwitcher) -> None:
        gates[0].start()

    return _run_window(make_window, start=start, on_started=on_started, argv=argv,
                       language=profile.language)


def run_first_run(
    argv: Sequence[str] | None = None,
    *,
    on_started: Callable[[RegisterWindow], None] | None = None,
) -> int:
    """No store is set up on this register: open it on the demo store (the sandbox, in
    this process, kept in the demo profile's data folder as ``pos --demo`` keeps it): the
    start page offers "Try the demo store" or "Add your store"."""
    from pos.composition import DemoStoreError, build_engine, demo_profile, demo_store
    from pos.ui.profile import screen_profile_for

    try:
        with demo_store(serve=False) as (store, data_dir):
            profile = demo_profile(store)
            engine = build_engine(profile, store.token, data_dir)
            return run_register_window(screen_profile_for(profile, demo=True), engine,
                                       on_started=on_started, argv=argv, first_run=True,
                                       data_dir=data_dir, store_profile=profile,
                                       serve_store=store.serve)
    except DemoStoreError as exc:
        print(exc, file=sys.stderr)
        return 2

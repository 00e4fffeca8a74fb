"""The composition root of the GUI: Qt application, loop, translations, window.

``pos.commands.demo.run_register`` builds a sale factory (profile → secrets → client →
sale) and calls :func:`run_register_window`; tests build :class:`RegisterWindow` directly.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pos import APP_DISPLAY_NAME, APP_NAME, __version__

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"

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


def create_application(argv: Sequence[str] | None = None) -> Any:
    """The QApplication, with names, style sheet and translations installed."""
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
    app._pos_translators = translations.install(app)  # type: ignore[attr-defined]
    return app


def apply_look(app: Any) -> None:
    """The window icon and the small style sheet (the system palette does the rest)."""
    from PySide6.QtGui import QIcon

    icon = RESOURCES / "icons" / "pos.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    style = RESOURCES / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))


def run_register_window(
    profile: Any,
    engine: Any,
    *,
    on_started: Callable[[Any], None] | None = None,
    argv: Sequence[str] | None = None,
) -> int:
    """Open the register for ``profile`` and run until the window closes."""
    app = create_application(argv)
    from pos.ui.async_qt import GarbageCollector, new_event_loop, run_app, shutdown_executor
    from pos.ui.widgets.scanner import ScannerDetector
    from pos.ui.wizard import RegisterWindow

    collector = GarbageCollector(app)
    collector.start()
    loop = new_event_loop(app)
    asyncio.set_event_loop(loop)
    scanner = ScannerDetector(app)
    scanner.install(app)
    window = RegisterWindow(profile, engine.new_sale, kinds=engine.kinds, scanner=scanner,
                            resumable=engine.unfinished, resume=engine.resume)
    window.resize(1100, 780)
    window.show()
    sync = getattr(engine, "sync_catalog", None)
    if sync is not None:
        # Search-as-you-type reads the local catalogue; until it is filled, the engine
        # looks codes up through the API.
        window.runner.start(sync, on_error=lambda exc: None)
    if on_started is not None:
        on_started(window)
    try:
        return run_app(app, loop)
    finally:
        close = getattr(engine, "close", None)
        if close is not None:
            loop.run_until_complete(close())
        scanner.uninstall()
        collector.stop()
        shutdown_executor()

"""Run under an X server with two screens (``QT_QPA_PLATFORM=xcb``): a register window and
its customer display, placed by the display itself; prints one JSON line of what Qt and the
X server show (not a test module; tests/hardware/test_customer_display_screens.py runs it).

Each screen is read back from the X server (``QScreen.grabWindow(0)`` grabs the screen's
root window): the display's background colour fills the customer's screen, and not the
register's. Then a screen is disconnected and connected again (QGuiApplication's
``screenRemoved`` and ``screenAdded``, as Qt's platform plugin sends them): the display
goes back to a window beside the register and then out to the customer's screen again.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from PySide6.QtGui import QColor, QGuiApplication, QScreen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from pos.ui.customer_display import CustomerDisplay

BACKGROUND = QColor("#10213a")


def wait(condition: Callable[[], object], what: str, timeout: float = 20.0) -> None:
    """Run Qt's loop until ``condition`` holds (checked every 20 ms), at most ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        QTest.qWait(20)  # Qt's loop runs meanwhile: a poll interval


def covered(screen: QScreen, display: CustomerDisplay) -> bool:
    """Is ``screen`` painted the display's background where the display would be (its
    middle, or the screen's middle), read back from the X server?"""
    image = screen.grabWindow(0).toImage()
    spot = display.geometry().center() - screen.geometry().topLeft()
    if not image.rect().contains(spot):
        spot = image.rect().center()
    return bool(image.width()) and image.pixelColor(spot).name() == BACKGROUND.name()


def state(display: CustomerDisplay, screens: list[QScreen]) -> dict[str, object]:
    g = display.geometry()
    return {"screen": screens.index(display.screen()), "full": display.isFullScreen(),
            "size": [g.width(), g.height()],
            "covers": [covered(s, display) for s in screens]}


def main() -> int:
    app = QApplication(sys.argv[:1])
    screens = QGuiApplication.screens()
    register = QMainWindow()
    register.setStyleSheet("QMainWindow { background: #f4f4f4; }")
    register.resize(640, 480)
    register.show()
    wait(lambda: register.windowHandle() is not None and register.windowHandle().isExposed(),
         "the register window")
    display = CustomerDisplay(store="Main Street Shoes")
    placed = display.follow_screens(register)
    wait(lambda: display.windowHandle() is not None and display.windowHandle().isExposed(),
         "the customer display")
    wait(lambda: covered(screens[-1], display), "the display drawn on the customer's screen")
    out: dict[str, object] = {
        "screens": [[s.geometry().width(), s.geometry().height()] for s in screens],
        "register": screens.index(register.screen()),
        "placed": screens.index(placed) if placed is not None else None,
        "start": state(display, screens),
    }
    customer = screens[-1]
    app.screenRemoved.emit(customer)
    wait(lambda: not display.isFullScreen() and not covered(customer, display)
         and covered(screens[0], display),
         "the display to leave the disconnected screen")
    out["removed"] = state(display, screens)
    app.screenAdded.emit(customer)
    wait(lambda: display.isFullScreen() and covered(customer, display),
         "the display back on the connected screen")
    out["added"] = state(display, screens)
    display.close()
    out["closed_follows"] = display.following_screens
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

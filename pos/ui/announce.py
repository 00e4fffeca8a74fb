"""What a screen reader says without the focus moving: scans, errors, charging, new pages.

Announcements go out as Qt's ``QAccessibleAnnouncementEvent`` (Qt 6.8+), which reaches the
platform's accessibility bus (AT-SPI on Linux, UIA on Windows, NSAccessibility on macOS).
Progress is *polite* (spoken after what is being said); errors and declines are *assertive*
(they interrupt).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

POLITE = QAccessible.AnnouncementPoliteness.Polite
ASSERTIVE = QAccessible.AnnouncementPoliteness.Assertive

#: Called with (object, message, assertive) for every announcement sent; Qt offers no
#: Python hook on the events it posts, so tools (and tests) that want to hear them listen
#: here.
Listener = Callable[[QObject, str, bool], None]
_listeners: list[Listener] = []


def add_listener(listener: Listener) -> None:
    _listeners.append(listener)


def remove_listener(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def announce(source: QObject, message: str, *, assertive: bool = False) -> None:
    """Have the screen reader say ``message`` on behalf of ``source`` (a widget)."""
    message = " ".join(message.split())
    if not message:
        return
    event = QAccessibleAnnouncementEvent(source, message)
    event.setPoliteness(ASSERTIVE if assertive else POLITE)
    QAccessible.updateAccessibility(event)
    for listener in list(_listeners):
        listener(source, message, assertive)


def announce_error(source: QObject, message: str) -> None:
    announce(source, message, assertive=True)

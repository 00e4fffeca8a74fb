"""The register's look follows the system's while it runs.

When the clerk (or the store's IT) switches the system to dark, light or high contrast
with the register open, the new palette is made readable again (``pos.ui.contrast``), the
style sheet is read again (its ``palette(...)`` colours: focus rings, frames), and error
texts take the red that reads on the new background.

A change comes as the colour scheme changing (``QStyleHints.colorSchemeChanged``) or as
the application's palette changing (``QEvent.PaletteChange``): the system's theme changed
under the register's palette, or something set a new palette.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

from pos.ui.contrast import accessible_palette
from pos.ui.widgets.fields import ERROR_TEXT_PROPERTY, mark_as_error

SystemPalette = Callable[[], QPalette]


_GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive,
           QPalette.ColorGroup.Disabled)
_ROLES = [QPalette.ColorRole(role) for role in range(QPalette.ColorRole.NColorRoles.value)]


def _same_colors(a: QPalette, b: QPalette, *, only_set_in: QPalette | None = None) -> bool:
    """Whether ``a`` and ``b`` have the same colours (only those ``only_set_in`` sets)."""
    for group in _GROUPS:
        for role in _ROLES:
            if only_set_in is not None and not only_set_in.isBrushSet(group, role):
                continue
            if a.color(group, role) != b.color(group, role):
                return False
    return True


class LiveLook(QObject):
    """Keeps ``app``'s palette readable and its style sheet's colours current."""

    def __init__(self, app: QApplication, system_palette: SystemPalette | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._system_palette = system_palette or self._theme_palette
        self._applied: QPalette | None = None
        self._applying = False
        self._from_system = False
        self.refreshed = 0  # how many times the look was made again (for tools and tests)
        # A window never shown, told of every change of the application's palette.
        self._sentinel = QWidget()
        self._sentinel.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # once, after a burst of changes
        self._timer.timeout.connect(self.refresh)
        app.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        self.destroyed.connect(self._sentinel.deleteLater)

    def _theme_palette(self) -> QPalette:
        """The system's own palette: the register's fixes dropped, the theme's colours."""
        self._app.setPalette(QPalette())
        return QPalette(self._app.palette())

    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self._from_system = True
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange,
                            QEvent.Type.ThemeChange) and not self._applying:
            self._timer.start()
        return False

    def _still_ours(self, palette: QPalette) -> bool:
        """The palette keeps every colour the register set: only the system's theme
        changed under it (so the fixes are made again from the new theme)."""
        applied = self._applied
        return (applied is not None and palette.resolveMask() == applied.resolveMask()
                and _same_colors(palette, applied, only_set_in=applied))

    def apply(self) -> None:
        """Make the current palette readable (at start)."""
        self._set(accessible_palette(self._app.palette()))

    def refresh(self) -> None:
        current = self._app.palette()
        from_system, self._from_system = self._from_system, False
        if not from_system and self._applied is not None and _same_colors(current,
                                                                         self._applied):
            return  # the register's own change coming back
        self._applying = True
        try:
            if from_system or self._still_ours(current):
                base = self._system_palette()
            else:
                base = QPalette(current)  # a palette set while running: keep it, readable
            self._set(accessible_palette(base))
            self._app.setStyleSheet(self._app.styleSheet())  # palette(...) read again
            for widget in self._app.allWidgets():
                if widget.property(ERROR_TEXT_PROPERTY):
                    mark_as_error(widget)
            self.refreshed += 1
        finally:
            self._applying = False

    def stop(self) -> None:
        """Stop following the system (the palette stays as it is)."""
        self._timer.stop()
        self._sentinel.removeEventFilter(self)
        self._app.styleHints().colorSchemeChanged.disconnect(self._scheme_changed)
        self._sentinel.deleteLater()
        self.deleteLater()

    def _set(self, palette: QPalette) -> None:
        self._applying = True
        try:
            self._app.setPalette(palette)
            self._applied = QPalette(self._app.palette())
        finally:
            self._applying = False


_ATTRIBUTE = "_pos_live_look"


def follow_system(app: QApplication) -> LiveLook:
    """Make ``app``'s palette readable now and whenever the system's changes (once per
    application: calling it again makes the palette readable again)."""
    look = getattr(app, _ATTRIBUTE, None)
    if not isinstance(look, LiveLook):
        look = LiveLook(app)
        setattr(app, _ATTRIBUTE, look)
    look.apply()
    return look


def stop_following(app: QApplication) -> None:
    look = getattr(app, _ATTRIBUTE, None)
    if isinstance(look, LiveLook):
        look.stop()
    setattr(app, _ATTRIBUTE, None)

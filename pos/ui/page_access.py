"""What a screen reader and a keyboard user meet on each page of the sale.

Each page is named by its title; on every page change focus goes to the page's first
field (never to a hidden widget) and the new page is announced; Enter means Next wherever
the page is complete, also after Tab has passed the wizard's own buttons.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QScrollArea,
    QTableWidget,
    QWidget,
    QWizard,
    QWizardPage,
)

from pos.ui.announce import announce


def is_reachable(widget: QWidget) -> bool:
    """Visible, enabled and taking focus by Tab."""
    return (widget.isVisible() and widget.isEnabled()
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and not isinstance(widget, QLabel))


_chosen: dict[int, QWidget] = {}


def remember_focus(page: QWizardPage) -> None:
    """After the page's initializePage: the field it chose to start on (the wizard may move
    focus to its first focusable child before the page shows)."""
    widget = page.focusWidget()
    if widget is not None and widget is not page:
        _chosen[id(page)] = widget
        page.destroyed.connect(lambda *_: _chosen.pop(id(page), None))
    else:
        _chosen.pop(id(page), None)


def first_field(page: QWizardPage) -> QWidget | None:
    """The widget focus should start on: the page's own choice if it is reachable, else the
    first reachable widget of the page in Tab order."""
    chosen = _chosen.get(id(page))
    if chosen is None or not chosen.isVisible():
        chosen = page.focusWidget()
    if chosen is not None and chosen is not page and page.isAncestorOf(chosen) \
            and is_reachable(chosen):
        return chosen
    widget: QWidget | None = page.nextInFocusChain()
    seen: set[int] = set()
    while widget is not None and widget is not page and id(widget) not in seen:
        seen.add(id(widget))
        if page.isAncestorOf(widget) and is_reachable(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None


def page_title(page: QWizardPage) -> str:
    return page.title() or page.accessibleName()


def page_shown(wizard: QWizard) -> None:
    """The wizard moved to another page: name it, focus its first field, announce it."""
    page = wizard.currentPage()
    if page is None:
        return
    title = page_title(page)
    if title:
        page.setAccessibleName(title)
    field = first_field(page)
    if field is not None:
        field.setFocus(Qt.FocusReason.TabFocusReason)
    if title:
        announce(page, title)


def go_on(wizard: QWizard) -> bool:
    """Next (or Continue on a commit page) if the page is complete; True if it went on."""
    page = wizard.currentPage()
    if page is None or not page.isComplete():
        return False
    for which in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.NextButton,
                  QWizard.WizardButton.FinishButton):
        button = wizard.button(which)
        if isinstance(button, QAbstractButton) and button.isVisible() and button.isEnabled():
            button.click()
            return True
    return False


def focus_is_visible() -> bool:
    widget = QApplication.focusWidget()
    return widget is None or widget.isVisible()


def enter_goes_on(wizard: QWizard, event: QKeyEvent) -> bool:
    """Enter typed in a field that did not use it goes on like Next when the page is
    complete, wherever Tab has been (the wizard's default button is not relied on: inside
    the main window it loses its default status once Tab has passed the buttons). Enter on
    a focused button presses that button, as everywhere."""
    if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.modifiers() \
            not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
        return False
    if isinstance(QApplication.focusWidget(), QAbstractButton):
        return False
    return go_on(wizard)


def tidy_page(page: QWizardPage) -> None:
    """Once per page: scroll areas are not Tab stops (their fields are); Tab leaves every
    table (arrows move inside it) and every table takes focus, so its rows can be read."""
    for area in page.findChildren(QScrollArea):
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for table in page.findChildren(QTableWidget):
        table.setTabKeyNavigation(False)
        if table.focusPolicy() == Qt.FocusPolicy.NoFocus:
            table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


"""What every page of the sale shares: the sale, a busy indicator, errors in words, Retry."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from pos.sale import ValidationError
from pos.ui.adapter import SaleView, field_errors, is_offline_error
from pos.ui.announce import announce_error
from pos.ui.profile import ScreenProfile
from pos.ui.widgets.busy import BusyIndicator
from pos.ui.widgets.fields import mark_as_error, mnemonic_free
from pos.ui.wording import say

T = TypeVar("T")


class SalePage(QWizardPage):
    """A step of the sale. Subclasses put their widgets in ``self.body``.

    Leaving a page that must talk to the store first: ``validatePage`` returns False and
    starts the call (``advance_after``); when the call succeeds the page lets the wizard
    move on by itself. Next stays disabled while the sale is busy.
    """

    accepts_scans = False

    def __init__(self, view: SaleView, profile: ScreenProfile, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = view
        self.profile = profile
        self._may_leave = False
        self._retry: Callable[[], None] | None = None
        self._described: QWidget | None = None  # a field the page's error describes
        self._held: list[QAbstractButton] = []  # wizard buttons held off while busy
        self._ready_shown: bool | None = None  # ready() when completeChanged last went out
        outer = QVBoxLayout(self)
        self.body = QVBoxLayout()
        outer.addLayout(self.body, 1)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("pageError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mark_as_error(self.error_label)
        self.error_label.hide()
        # F5, not an Alt letter: Retry shows on every page beside the page's own
        # accelerators, and no letter may mean two things on a page (in any language).
        self.retry_button = QPushButton(self.tr("Retry (F5)"), self)
        self.retry_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.retry_button.setAccessibleName(self.tr("Retry"))
        self.retry_button.hide()
        # Hidden, it takes no focus (the wizard would otherwise focus it on a new page).
        self.retry_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.retry_button.clicked.connect(self._do_retry)
        self.notice = QLabel(self)
        self.notice.setObjectName("pageNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        outer.addWidget(self.notice)
        error_row = QHBoxLayout()
        error_row.addWidget(self.error_label, 1)
        error_row.addWidget(self.retry_button)
        outer.addLayout(error_row)
        self.busy_indicator = BusyIndicator(self)
        outer.addWidget(self.busy_indicator)
        view.busy.changed.connect(self._busy_changed)

    # -- state ----------------------------------------------------------------------------

    def _busy_changed(self, busy: bool) -> None:
        # Only the page on show reacts: every completeChanged makes the wizard hide and
        # re-show all its widgets (a flood of events for a screen reader), so a busy spell
        # holds the wizard's buttons directly instead.
        if not self._is_current():
            self._held = []
            if not busy:
                self.busy_indicator.set_busy(False)
            return
        if self.isVisible() or not busy:
            self.busy_indicator.set_busy(busy)
        self._hold_buttons(busy)
        self.refresh_buttons()

    def _is_current(self) -> bool:
        wizard = self.wizard()
        return wizard is None or wizard.currentPage() is self

    def _hold_buttons(self, busy: bool) -> None:
        """Next (Continue, Finish) off while the sale is busy, back on after."""
        wizard = self.wizard()
        if wizard is None:
            return
        if busy:
            self._held = [
                button for which in (QWizard.WizardButton.NextButton,
                                     QWizard.WizardButton.CommitButton,
                                     QWizard.WizardButton.FinishButton)
                if (button := wizard.button(which)) is not None and button.isEnabled()
                and button.isVisible()
            ]
            for button in self._held:
                button.setEnabled(False)
            return
        held, self._held = self._held, []
        if not self.isComplete():
            return
        if held:
            for button in held:
                button.setEnabled(True)
        else:
            self._ready_shown = None
            self.completeChanged.emit()

    def refresh_buttons(self) -> None:
        if not self._is_current():
            self._ready_shown = None  # the wizard asks isComplete() when the page shows
            return
        ready = self.ready()
        if ready != self._ready_shown:
            self._ready_shown = ready
            self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.view.busy.is_busy and self.ready()

    def ready(self) -> bool:
        """Whether the page has what it needs to move on (before any call)."""
        return True

    def can_go_back(self) -> bool:
        return not self.view.busy.is_busy

    # -- errors ---------------------------------------------------------------------------

    def show_error(self, message: str | None, retry: Callable[[], None] | None = None, *,
                   field: QWidget | None = None) -> None:
        """The page's error, in words. It is about ``field`` (by default the field the clerk
        is in, such as the first field in error, focused before): the error is that field's
        label for a screen reader, and its description when the field has none of its own."""
        self._retry = retry
        self._unlink_error()
        if message:
            self.error_label.setText(mnemonic_free(message))
            self.error_label.show()
            self.error_label.setAccessibleName(message)
            self._link_error(message, field)
            announce_error(self.error_label, message)
        else:
            self.error_label.clear()
            self.error_label.hide()
        offered = bool(message) and retry is not None
        self.retry_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if offered
                                         else Qt.FocusPolicy.NoFocus)
        self.retry_button.setVisible(offered)

    def _link_error(self, message: str, field: QWidget | None) -> None:
        if field is None:
            focus = QApplication.focusWidget()
            if focus is not None and self.isAncestorOf(focus) and isinstance(
                    focus, (QLineEdit, QAbstractSpinBox, QComboBox)):
                field = focus
        if field is None:
            return
        self.error_label.setBuddy(field)
        if not field.accessibleDescription():
            field.setAccessibleDescription(message)
            self._described = field

    def _unlink_error(self) -> None:
        self.error_label.setBuddy(None)  # type: ignore[arg-type]
        described, self._described = self._described, None
        if described is not None:
            described.setAccessibleDescription("")

    def error_field(self) -> QWidget | None:
        """The field the page's error is about, if any."""
        return self.error_label.buddy() if self.error_label.isVisible() else None

    def show_notice(self, message: str | None) -> None:
        """Something the clerk should know (nothing failed)."""
        self.notice.setText(message or "")
        self.notice.setAccessibleName(message or "")
        self.notice.setVisible(bool(message))

    def _do_retry(self) -> None:
        retry, self._retry = self._retry, None
        self.show_error(None)
        if retry is not None:
            retry()

    def handle_error(self, exc: BaseException, retry: Callable[[], None] | None = None) -> None:
        """Show a failure in words; offer Retry when the store could not be reached."""
        errors = field_errors(exc)
        if errors:
            unmatched = self.show_field_errors(errors)
            if len(unmatched) < len(errors) and not unmatched:
                self.show_error(self.tr("Check the fields marked in red."))
            else:
                self.show_error("\n".join(say(e.message) for e in unmatched))
            return
        self.show_error(self.view.message_for(exc), retry if is_offline_error(exc) else None)

    def show_field_errors(self, errors: list[ValidationError]) -> list[ValidationError]:
        """Put field errors next to their fields; return those the page has no field for."""
        return list(errors)

    # -- running calls --------------------------------------------------------------------

    def run(
        self,
        call: Callable[[], Awaitable[T]],
        on_result: Callable[[T], None] | None = None,
        *,
        message: str | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> bool:
        self.show_error(None)
        if message:
            self.busy_indicator.set_message(message)
        else:
            self.busy_indicator.set_message(self.tr("Working…"))

        def failed(exc: BaseException) -> None:
            if on_error is not None:
                on_error(exc)
            else:
                def retry() -> None:
                    self.run(call, on_result, message=message)

                self.handle_error(exc, retry=retry)

        started = self.view.run(call, on_result=on_result, on_error=failed)
        self.refresh_buttons()
        return started

    def advance_after(
        self, call: Callable[[], Awaitable[object]], message: str | None = None
    ) -> bool:
        """For ``validatePage``: True if already done, else start ``call`` and move on after."""
        if self._may_leave:
            self._may_leave = False
            return True

        def done(_: object) -> None:
            self._may_leave = True
            wizard = self.wizard()
            if wizard is not None and wizard.currentPage() is self:
                wizard.next()
            else:
                self._may_leave = False

        def failed(exc: BaseException) -> None:
            self.handle_error(exc, retry=lambda: self._retry_advance())

        self.run(call, done, message=message, on_error=failed)
        return False

    def _retry_advance(self) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def wizard_button(self, which: QWizard.WizardButton) -> QPushButton | None:
        wizard = self.wizard()
        if wizard is None:
            return None
        button = wizard.button(which)
        return button if isinstance(button, QPushButton) else None

    # -- scanner --------------------------------------------------------------------------

    def scanned(self, code: str) -> None:
        """A barcode was scanned while this page was showing."""

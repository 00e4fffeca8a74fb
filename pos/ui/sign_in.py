"""Staff sign-in on the register: the PIN screen, the idle lock, the header's clerk label,
and a manager's approval on the spot.

Each screen is an overlay over the window's central widget, never a modal dialog: the sale
underneath stays as it is while a clerk signs out and another signs in, and no
``exec()`` runs inside a coroutine. PIN checks (scrypt) and audit writes run in a worker
thread through :func:`pos.ui.async_qt.run_blocking`.

Wiring into the register's window (see docs/staff.md)::

    staff = attach_staff(window, StaffDesk.for_profile(profile.name))  # None: no staff
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.staff import (
    Approval,
    ApproverNotAllowed,
    Permission,
    SignInRefused,
    StaffDesk,
    StaffMember,
)
from pos.ui.async_qt import Busy, TaskRunner, run_blocking
from pos.ui.widgets.cover import cover_parent, give_focus_back
from pos.ui.widgets.pin_pad import PinPad

#: Switch clerk / lock the register now.
SIGN_OUT_KEY = "Ctrl+L"

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def action_text(action: Permission) -> str:
    """The gated action in the clerk's language."""
    texts = {
        Permission.REFUND: QCoreApplication.translate("StaffActions", "refund"),
        Permission.VOID: QCoreApplication.translate("StaffActions", "void a sale"),
        Permission.DISCOUNT_OVERRIDE: QCoreApplication.translate(
            "StaffActions", "give a discount above the limit"),
        Permission.NO_SALE: QCoreApplication.translate(
            "StaffActions", "open the cash drawer (no sale)"),
        Permission.CASH_PAID_IN_OUT: QCoreApplication.translate(
            "StaffActions", "pay cash in or out"),
        Permission.ABANDON_UNKNOWN_PAYMENT: QCoreApplication.translate(
            "StaffActions", "abandon a sale whose payment is unknown"),
        Permission.CLOSE_SHIFT: QCoreApplication.translate("StaffActions", "close the shift"),
        Permission.EDIT_PROFILE: QCoreApplication.translate(
            "StaffActions", "edit the store profile"),
    }
    return texts[action]


def _refusal_text(exc: BaseException) -> str:
    if isinstance(exc, ApproverNotAllowed):
        return QCoreApplication.translate(
            "StaffMessages", "This person may not approve this action.")
    if isinstance(exc, SignInRefused):
        until = exc.locked_until
        if until is not None:
            when = until.astimezone().strftime("%H:%M:%S")
            return QCoreApplication.translate(
                "StaffMessages", "Too many wrong PINs: locked until %1.").replace("%1", when)
        return QCoreApplication.translate("StaffMessages", "Wrong name or PIN.")
    return QCoreApplication.translate(
        "StaffMessages", "Could not check the PIN: %1").replace("%1", str(exc))


class _Overlay(QFrame):
    """A panel that covers its parent (and follows its size) while shown.

    While it covers the page, the page's keyboard shortcuts (F9 Charge...) do not fire:
    keys go to the overlay. ``covering(bool)`` says when it opens and closes (the window
    pauses its barcode scanner meanwhile). Escape emits ``escaped``.
    """

    covering = Signal(bool)
    escaped = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._return_to: QWidget | None = None
        self._app: QCoreApplication | None = None
        parent.installEventFilter(self)
        self.hide()

    def cover(self) -> None:
        if self._app is None:
            self._app = QApplication.instance()
            if self._app is not None:
                self._app.installEventFilter(self)
        self._return_to = cover_parent(self) or self._return_to
        self.covering.emit(True)

    def uncover(self) -> None:
        back, self._return_to = self._return_to, None
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None
        self.hide()
        give_focus_back(self, back)
        self.covering.emit(False)

    def focus_widget(self) -> QWidget:
        """Where the keyboard goes while the overlay covers the page."""
        return self

    def _stay_on_top(self) -> None:
        if self.isVisible():
            self.raise_()

    def _take_focus(self) -> None:
        if self.isVisible():
            self.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        parent = self.parentWidget()
        if parent is not None and watched is parent:
            if kind == QEvent.Type.Resize:
                self.setGeometry(parent.rect())
            elif kind == QEvent.Type.ChildAdded and self.isVisible():
                # A page added under the overlay (a new sale) must not cover it.
                QTimer.singleShot(0, self._stay_on_top)
        elif kind == QEvent.Type.ShortcutOverride and self.isVisible() and (
            watched is self or (isinstance(watched, QWidget) and self.isAncestorOf(watched))
        ):
            # Keys typed here are for this overlay: the page's shortcuts stay quiet.
            event.accept()
        elif kind == QEvent.Type.FocusIn and self.isVisible() and isinstance(
            watched, QWidget
        ) and watched.window() is self.window() and not _in_overlay(watched):
            # A page underneath took the focus (a new sale's search box): keys stay here.
            QTimer.singleShot(0, self._take_focus)
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def _in_overlay(widget: QWidget) -> bool:
    found: QWidget | None = widget
    while found is not None:
        if isinstance(found, _Overlay):
            return True
        found = found.parentWidget()
    return False


def _centred(panel: QWidget, outer: QWidget) -> QVBoxLayout:
    """A layout that keeps ``panel`` in the middle of ``outer``."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(panel)
    row.addStretch(1)
    layout = QVBoxLayout(outer)
    layout.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(2)
    return layout


def _bold_title(text: str, parent: QWidget) -> QLabel:
    title = QLabel(text, parent)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    title.setFont(font)
    title.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return title


class StaffLabel(QLabel):
    """The header's "who is signed in"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffLabel")
        self.set_clerk(None)

    def set_clerk(self, member: StaffMember | None) -> None:
        if member is None:
            self.setText(self.tr("Signed out"))
        else:
            self.setText(self.tr("Clerk: %1 (%2)").replace("%1", member.name)
                         .replace("%2", member.role))
        self.setAccessibleName(self.text())


class SignInScreen(_Overlay):
    """The PIN screen: pick your name, type your PIN, Enter. Covers the sale while locked.

    ``signed_in(StaffMember)`` after a right PIN; ``signed_out()`` when the clerk signs out
    (by key, :data:`SIGN_OUT_KEY`) or the register locks after the idle time. A wrong PIN
    gets one neutral message; the PIN field is emptied after every try.
    """

    signed_in = Signal(object)
    signed_out = Signal()

    def __init__(self, parent: QWidget, desk: StaffDesk) -> None:
        super().__init__(parent)
        self.setObjectName("signInScreen")
        self.desk = desk
        self.busy = Busy(self)
        self.runner = TaskRunner(self)
        panel = QWidget(self)
        box = QVBoxLayout(panel)
        box.addWidget(_bold_title(self.tr("Sign in"), panel))
        self.hint = QLabel(self.tr("Choose your name, type your PIN and press Enter."), panel)
        self.hint.setWordWrap(True)
        box.addWidget(self.hint)
        self.names = QComboBox(panel)
        self.names.setAccessibleName(self.tr("Your name"))
        box.addWidget(self.names)
        self.pad = PinPad(panel)
        box.addWidget(self.pad)
        self.message = QLabel(panel)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        _centred(panel, self)
        self.pad.submitted.connect(self.submit)
        self.busy.changed.connect(lambda busy: self.pad.setEnabled(not busy))
        self.names.activated.connect(lambda _i: self.pad.setFocus())
        window = parent.window()
        self.sign_out_key = QShortcut(QKeySequence(SIGN_OUT_KEY), window)
        self.sign_out_key.setContext(Qt.ShortcutContext.WindowShortcut)
        self.sign_out_key.activated.connect(self.sign_out)

    def is_locked(self) -> bool:
        return self.isVisible()

    def focus_widget(self) -> QWidget:
        return self.pad.field

    def refresh_names(self) -> None:
        current = self.desk.clerk.name if self.desk.clerk else self.names.currentText()
        self.names.clear()
        self.names.addItems([m.name for m in self.desk.roster.active_members()])
        index = self.names.findText(current)
        if index >= 0:
            self.names.setCurrentIndex(index)

    def lock(self, message: str = "") -> None:
        """Show the PIN screen over the sale (which stays as it is)."""
        self.refresh_names()
        self.pad.clear()
        self.message.setText(message)
        self.cover()
        self.pad.setFocus()

    def sign_out(self) -> None:
        """Sign the clerk out (the sale stays) and show the PIN screen."""
        if self.is_locked():
            return
        self.lock()
        self._sign_out_in_background("key")

    def lock_for_idle(self) -> None:
        if self.is_locked():
            return
        self.lock(self.tr("Locked after a time without use. Sign in to carry on."))
        self._sign_out_in_background("idle")

    def _sign_out_in_background(self, reason: str) -> None:
        desk = self.desk

        async def out() -> None:
            await run_blocking(lambda: desk.sign_out(reason=reason))

        self.runner.start(out, on_result=lambda _r: self.signed_out.emit(),
                          on_error=lambda exc: self.message.setText(_refusal_text(exc)))

    def submit(self) -> None:
        name = self.names.currentText()
        pin = self.pad.take()
        if not name or not pin:
            return
        desk = self.desk
        self.message.setText(self.tr("Checking…"))

        async def check() -> StaffMember:
            return await run_blocking(desk.sign_in, name, pin)

        self.runner.start(check, busy=self.busy, on_result=self._signed_in,
                          on_error=self._refused)

    def _signed_in(self, member: StaffMember) -> None:
        self.message.clear()
        self.uncover()
        self.signed_in.emit(member)

    def _refused(self, exc: BaseException) -> None:
        self.message.setText(_refusal_text(exc))
        self.pad.setFocus()


class IdleWatcher(QObject):
    """Any key, click or touch counts as activity; after the profile's idle time without
    any, the register locks. ``check()`` is what the timer calls (tests call it too, after
    moving the desk's clock)."""

    def __init__(self, desk: StaffDesk, screen: SignInScreen, *,
                 parent: QObject | None = None, interval_ms: int = 5000) -> None:
        super().__init__(parent)
        self.desk = desk
        self.screen = screen
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self._app: QCoreApplication | None = None

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            self._app = app
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and not self.screen.is_locked():
            self.desk.touch()
        return False

    def check(self) -> None:
        if not self.screen.is_locked() and self.desk.idle_due():
            self.screen.lock_for_idle()


class ApprovalOverlay(_Overlay):
    """A manager's approval on the spot, over the current page (no modal dialog).

    ``await overlay.request(action)`` returns a granted :class:`~pos.staff.Approval`
    (the clerk's own, when their role allows the action, or one a manager approved with
    their PIN here), or ``None`` when the clerk cancelled. ``finished(object)`` carries
    the same answer for code that listens instead of awaiting.
    """

    finished = Signal(object)

    def __init__(self, parent: QWidget, desk: StaffDesk) -> None:
        super().__init__(parent)
        self.setObjectName("approvalOverlay")
        self.desk = desk
        self.busy = Busy(self)
        self.runner = TaskRunner(self)
        self.approval: Approval | None = None
        self._future: asyncio.Future[Approval | None] | None = None
        panel = QWidget(self)
        box = QVBoxLayout(panel)
        box.addWidget(_bold_title(self.tr("Approval needed"), panel))
        self.question = QLabel(panel)
        self.question.setWordWrap(True)
        box.addWidget(self.question)
        self.approvers = QComboBox(panel)
        self.approvers.setAccessibleName(self.tr("Who approves"))
        box.addWidget(self.approvers)
        self.pad = PinPad(panel)
        box.addWidget(self.pad)
        self.message = QLabel(panel)
        self.message.setObjectName("approvalMessage")
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        self.cancel_button = QPushButton(self.tr("Cancel"), panel)
        self.cancel_button.clicked.connect(self.cancel)
        box.addWidget(self.cancel_button)
        _centred(panel, self)
        self.pad.submitted.connect(self.submit)
        self.busy.changed.connect(lambda busy: self.pad.setEnabled(not busy))
        self.escaped.connect(self.cancel)

    def focus_widget(self) -> QWidget:
        return self.pad.field

    async def request(self, action: Permission, **gate: Any) -> Approval | None:
        """Ask the desk's gate; when the clerk lacks the permission, ask for a PIN here."""
        desk = self.desk
        approval = await run_blocking(lambda: desk.gate(action, **gate))
        if approval.granted:
            return approval
        return await self.ask(approval)

    def ask(self, approval: Approval) -> asyncio.Future[Approval | None]:
        """Show the overlay for ``approval``; the future ends with the answer."""
        if self._future is not None and not self._future.done():
            self._future.cancel()
        loop = asyncio.get_event_loop()
        self._future = loop.create_future()
        self.approval = approval
        names = [m.name for m in self.desk.approvers(approval.action, approval.clerk)]
        self.approvers.clear()
        self.approvers.addItems(names)
        self.question.setText(self.tr("%1 needs a manager's approval to %2.")
                              .replace("%1", approval.clerk or self.tr("The clerk"))
                              .replace("%2", action_text(approval.action)))
        self.pad.setEnabled(bool(names))
        self.message.setText("" if names else self.tr(
            "Nobody on the staff list may approve this."))
        self.pad.clear()
        self.cover()
        self.pad.setFocus()
        return self._future

    def submit(self) -> None:
        approval, name, pin = self.approval, self.approvers.currentText(), self.pad.take()
        if approval is None or not name or not pin:
            return
        desk = self.desk
        self.message.setText(self.tr("Checking…"))

        async def check() -> Approval:
            return await run_blocking(desk.approve, approval, name, pin)

        self.runner.start(check, busy=self.busy, on_result=self._answer,
                          on_error=self._refused)

    def cancel(self) -> None:
        """Give up waiting (Escape, Cancel, or the clerk signed out meanwhile)."""
        if self.approval is None and not self.isVisible():
            return
        approval, desk = self.approval, self.desk
        if approval is not None and not approval.granted:
            self.runner.start(lambda: run_blocking(desk.cancel, approval),
                              on_error=lambda _exc: None)
        self._answer(None)

    def _refused(self, exc: BaseException) -> None:
        self.message.setText(_refusal_text(exc))
        self.pad.setFocus()

    def _answer(self, approval: Approval | None) -> None:
        self.approval = None
        self.pad.clear()
        self.uncover()
        future, self._future = self._future, None
        if future is not None and not future.done():
            future.set_result(approval)
        self.finished.emit(approval)



@dataclass
class StaffScreens:
    """What :func:`attach_staff` put on a register window."""

    desk: StaffDesk
    screen: SignInScreen
    label: StaffLabel
    idle: IdleWatcher
    approvals: ApprovalOverlay


def attach_staff(window: Any, desk: StaffDesk, *, idle_check_ms: int = 5000
                 ) -> StaffScreens | None:
    """Put sign-in on a register window: the PIN screen and the approval overlay over its
    central widget, the clerk in its header, the idle lock; the window opens locked.

    ``window`` is a :class:`pos.ui.wizard.RegisterWindow` (or anything with
    ``centralWidget()``, a ``header`` with a layout, and an optional ``scanner``). Returns
    ``None`` (and changes nothing) when the profile has no active staff. While an overlay
    covers the page the barcode scanner is paused, and set back as it was afterwards.
    """
    if not desk.required:
        return None
    central = window.centralWidget()
    screen = SignInScreen(central, desk)
    approvals = ApprovalOverlay(central, desk)
    label = StaffLabel(window.header)
    window.header.layout().addWidget(label)
    screen.signed_in.connect(label.set_clerk)
    screen.signed_out.connect(lambda: label.set_clerk(None))
    screen.signed_out.connect(approvals.cancel)
    paused: list[bool] = []

    def covering(on: bool) -> None:
        scanner = getattr(window, "scanner", None)
        if scanner is None:
            return
        if on and not paused:
            paused.append(scanner.isEnabled())
            scanner.setEnabled(False)
        elif not on and paused and not screen.isVisible() and not approvals.isVisible():
            scanner.setEnabled(paused.pop())

    screen.covering.connect(covering)
    approvals.covering.connect(covering)
    idle = IdleWatcher(desk, screen, parent=window, interval_ms=idle_check_ms)
    idle.start()
    screen.lock()
    return StaffScreens(desk, screen, label, idle, approvals)

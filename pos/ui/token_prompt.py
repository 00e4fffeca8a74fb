"""The store's API token at start-up: read from the keyring off the UI thread, asked for
when it cannot be.

``pos`` / ``pos --profile NAME`` opens the register window at once, with the store in its
header and a "waiting for the token" state. :class:`TokenGate` then reads the token through
:class:`pos.stores.secrets.TokenStore` in a worker thread. When the keyring has it (or
``POS_TOKEN`` is set) the register opens on the store. When the keyring is locked, missing or
broken, or holds no token for this store, :class:`TokenPrompt` opens beside the window
(never modal, never ``exec()``):

- the keyring's problem in words, with the same choices as the Add-your-store dialog
  (:class:`pos.ui.store_setup.KeyringProblemBox`): keep the token for this session only
  (:meth:`TokenStore.keep_for_session`: in memory, never saved) or try the keyring again;
- a field for the token; when the keyring works, "Save in the keyring" stores it there
  (:meth:`TokenStore.set`, in a worker thread).

The token never goes anywhere else: not a file, not a log, not the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.stores.secrets import (
    ApiToken,
    FoundToken,
    KeyringUnavailable,
    TokenSource,
    TokenStore,
)
from pos.ui.async_qt import Busy, TaskRunner
from pos.ui.widgets.busy import BusyIndicator
from pos.ui.widgets.fields import ErrorLabel
from pos.ui.wording import problem_and_fix

if TYPE_CHECKING:
    from pos.stores.profiles import Profile
    from pos.ui.store_setup import KeyringProblemBox
    from pos.ui.wizard import RegisterWindow


@dataclass(frozen=True)
class TokenFound:
    """A store profile and its token: what the register opens on (like
    :class:`pos.ui.store_setup.StoreAdded`, without a doctor's report)."""

    profile: Profile
    token: ApiToken
    token_source: TokenSource


class TokenPrompt(QDialog):
    """Asks for the store's API token when the keyring cannot give it. Open it with
    ``show()`` (it is not modal); :attr:`token_ready` carries the token and where it is
    kept."""

    token_ready = Signal(object, object)  # ApiToken, TokenSource

    def __init__(
        self,
        store: TokenStore,
        store_title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tokenPrompt")
        self.setModal(False)
        self.setWindowTitle(self.tr("API token for %1").replace("%1", store_title))
        self.store = store
        self.busy = Busy(self)
        self.runner = TaskRunner(self)
        self._token: ApiToken | None = None  # typed, kept in memory for the session choice
        self.keyring_works: bool | None = None  # None until the keyring was asked

        outer = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "The register needs the API token of %1 before it can sell."
        ).replace("%1", store_title), self)
        intro.setWordWrap(True)
        outer.addWidget(intro)

        # The add-your-store dialog's module: loaded when a prompt is needed, not for a
        # register whose keyring gives the token.
        from pos.ui.store_setup import KeyringProblemBox

        self.keyring_box: KeyringProblemBox = KeyringProblemBox(self)
        outer.addWidget(self.keyring_box)

        self.missing_label = QLabel(self.tr(
            "No API token is saved in this computer's keyring for this store. Enter it "
            "below: it is saved in the keyring, never in a file."
        ), self)
        self.missing_label.setWordWrap(True)
        self.missing_label.hide()
        outer.addWidget(self.missing_label)

        form = QFormLayout()
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText
                                       | Qt.InputMethodHint.ImhNoPredictiveText
                                       | Qt.InputMethodHint.ImhSensitiveData)
        self.token.setAccessibleName(self.tr("API token"))
        label = QLabel(self.tr("API to&ken"), self)
        label.setBuddy(self.token)
        self.token_error = ErrorLabel(self.token, self)
        field = QVBoxLayout()
        field.setSpacing(2)
        field.addWidget(self.token)
        field.addWidget(self.token_error)
        form.addRow(label, field)
        outer.addLayout(form)

        self.busy_indicator = BusyIndicator(self)
        outer.addWidget(self.busy_indicator)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(self.tr("Save in the keyring"), self)
        self.save_button.setAccessibleName(self.tr("Save in the keyring"))
        self.save_button.setDefault(True)
        self.save_button.hide()
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

        self.save_button.clicked.connect(lambda: self.save())
        self.keyring_box.session_button.clicked.connect(lambda: self.keep_for_session())
        self.keyring_box.retry_button.clicked.connect(lambda: self.try_keyring())
        self.token.returnPressed.connect(self._enter)
        self.busy.changed.connect(self._busy_changed)
        self.resize(560, 320)

    # -- what is shown ----------------------------------------------------------------

    def show_problem(self, message: str) -> None:
        """The keyring cannot be used: say why; offer the session and trying again."""
        self.keyring_works = False
        self.missing_label.hide()
        self.save_button.hide()
        self.keyring_box.session_button.setDefault(True)
        self.keyring_box.show_problem(message)
        self.token.setFocus()

    def show_missing(self) -> None:
        """The keyring works but holds no token for this store: ask for it, to save it."""
        self.keyring_works = True
        self.keyring_box.hide()
        self.missing_label.show()
        self.save_button.show()
        self.save_button.setDefault(True)
        self.token.setFocus()

    def problem_text(self) -> str:
        return self.keyring_box.message.text() if self.keyring_box.isVisible() else ""

    def _busy_changed(self, busy: bool) -> None:
        self.busy_indicator.set_busy(busy)
        self.save_button.setEnabled(not busy)
        self.keyring_box.set_enabled_buttons(not busy)
        self.token.setEnabled(not busy)

    def is_busy(self) -> bool:
        return self.busy.is_busy

    # -- the token typed ----------------------------------------------------------------

    def _typed(self) -> ApiToken | None:
        """The token typed (taken out of the field), or the one typed before."""
        text = self.token.text().strip()
        self._clear_field()
        if text:
            self._token = ApiToken(text)
        return self._token

    def _clear_field(self) -> None:
        self.token.setText("\0" * len(self.token.text()))
        self.token.clear()
        if self._token is not None:
            self.token.setPlaceholderText(self.tr("Typed — type again to replace it"))

    def _need_token(self) -> None:
        self.token_error.set_error(self.tr(
            "Enter the store's API token (the access token of its API account)."))
        self.token.setFocus()

    def _enter(self) -> None:
        if self.keyring_works:
            self.save()
        else:
            self.keep_for_session()

    # -- the choices --------------------------------------------------------------------

    def _token_to_keep(self) -> ApiToken | None:
        """The typed token, for a choice of the clerk's; None while the keyring or the
        store answers, or when nothing usable was typed (the field then says so)."""
        if self.busy.is_busy:
            return None
        self.token_error.set_error(None)
        token = self._typed()
        if token is None:
            self._need_token()
        return token

    def save(self) -> None:
        """Save the typed token in the keyring (in a worker thread), then sell."""
        token = self._token_to_keep()
        if token is None:
            return
        self.busy_indicator.set_message(self.tr("Saving the token in the keyring…"))

        def saved(source: TokenSource) -> None:
            self._done(token, source)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, KeyringUnavailable):
                self.show_problem(problem_and_fix(exc))
            else:
                self.show_problem(self.tr("The keyring failed (%1).").replace(
                    "%1", type(exc).__name__))

        self.runner.start(lambda: self.store.set(token), busy=self.busy, on_result=saved,
                          on_error=failed)

    def keep_for_session(self) -> None:
        """Keep the typed token in memory until the register closes; it is never saved."""
        token = self._token_to_keep()
        if token is None:
            return
        self.store.keep_for_session(token)
        self._done(token, TokenSource.SESSION)

    def try_keyring(self) -> None:
        """Ask the keyring again (after it was unlocked or installed), in a worker thread."""
        if self.busy.is_busy:
            return
        self.token_error.set_error(None)
        self.busy_indicator.set_message(self.tr("Reading the token from the keyring…"))

        def found(result: FoundToken | None) -> None:
            if result is not None:
                self._done(result.token, result.source)
            else:
                self.show_missing()

        def failed(exc: BaseException) -> None:
            self.show_problem(problem_and_fix(exc) if isinstance(exc, KeyringUnavailable)
                              else self.tr("The keyring failed (%1).").replace(
                                  "%1", type(exc).__name__))

        self.runner.start(self.store.find, busy=self.busy, on_result=found, on_error=failed)

    def _done(self, token: ApiToken, source: TokenSource) -> None:
        self._token = None
        self._clear_field()
        self.token_ready.emit(token, source)
        self.accept()

    # -- closing ------------------------------------------------------------------------

    def reject(self) -> None:
        if self.busy.is_busy:
            return
        self._token = None
        self._clear_field()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy.is_busy:
            event.ignore()
            return
        super().closeEvent(event)


class TokenGate(QObject):
    """Gets the store's token for a register window that is waiting for it.

    :meth:`start` reads the token in a worker thread; when it is found ``on_token`` is
    called with a :class:`TokenFound`; otherwise a :class:`TokenPrompt` opens (and can be
    opened again from the window after it was closed).
    """

    prompt_opened = Signal(object)  # TokenPrompt

    def __init__(
        self,
        window: RegisterWindow,
        profile: Profile,
        on_token: Callable[[TokenFound], None],
        *,
        store: TokenStore | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.profile = profile
        self.store = store or TokenStore(profile.store_hash)
        self._on_token = on_token
        self.prompt: TokenPrompt | None = None
        self._problem: str | None = None
        self.found: TokenFound | None = None
        window.token_requested.connect(self.ask)

    def start(self) -> None:
        self.window.set_waiting(self.tr("Reading the store's API token from the keyring…"))

        def failed(exc: BaseException) -> None:
            self._problem = (problem_and_fix(exc) if isinstance(exc, KeyringUnavailable)
                             else self.tr("The keyring failed (%1).").replace(
                                 "%1", type(exc).__name__))
            self.ask()

        self.window.runner.start(self.store.find, exclusive=False, on_result=self._found,
                                 on_error=failed)

    def _found(self, found: FoundToken | None) -> None:
        if found is None:
            self._problem = None
            self.ask()
        else:
            self._ready(found.token, found.source)

    def ask(self) -> TokenPrompt:
        """Open the prompt (or raise the open one)."""
        if self.prompt is not None:
            self.prompt.raise_()
            self.prompt.activateWindow()
            return self.prompt
        prompt = TokenPrompt(self.store, self.profile.title, self.window)
        if self._problem is not None:
            prompt.show_problem(self._problem)
        else:
            prompt.show_missing()
        prompt.token_ready.connect(self._ready)
        prompt.finished.connect(lambda _result: self._closed(prompt))
        self.prompt = prompt
        self.window.set_waiting(self.tr("Waiting for the store's API token."), can_ask=True)
        self.window.set_token_prompt(prompt)
        prompt.show()
        self.prompt_opened.emit(prompt)
        return prompt

    def _closed(self, prompt: TokenPrompt) -> None:
        if self.prompt is prompt:
            self.prompt = None
        self.window.set_token_prompt(None)
        prompt.deleteLater()

    def _ready(self, token: ApiToken, source: TokenSource) -> None:
        self.window.set_waiting(self.tr("Opening the register…"))
        self.found = TokenFound(self.profile, token, source)
        self._on_token(self.found)

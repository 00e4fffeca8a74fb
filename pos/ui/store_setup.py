"""Add your store: the profile's fields, the token into the OS keyring, the doctor's checks.

:class:`ProfileDialog` is opened with ``open()`` (never ``exec()``): it stays responsive
while it talks to the keyring, the disk and the store, and reports through signals. Its
steps:

1. The fields of a store profile, checked with :mod:`pos.stores.profiles`' own validation
   (and the pickup address with :mod:`pos.sale.addresses`); what is wrong shows in words
   under each field.
2. The API token (typed with no echo) goes into the OS keyring through
   :class:`pos.stores.secrets.TokenStore`, off the UI thread. When no usable keyring exists
   the dialog says what to install or unlock and offers to keep the token for this session
   only. It never writes the token anywhere else.
3. The profile is saved with :func:`pos.stores.profiles.save_profile` (an atomic write) in a
   worker thread.
4. :class:`pos.stores.doctor.Doctor` checks the register end to end; each check is a row
   that goes from waiting to running to passed or failed, with the fix for a failure.

When every check passes the dialog emits :attr:`ProfileDialog.store_added` with a
:class:`StoreAdded` and closes; the register then opens on the new store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.stores.doctor import CheckResult, Doctor, DoctorReport, Status
from pos.stores.profiles import (
    DEFAULT_API_BASE_URL,
    DEFAULT_PAYMENTS_BASE_URL,
    PICKUP_FIELDS,
    Profile,
    ProfileError,
    profile_from_data,
    profile_path,
    save_profile,
)
from pos.stores.secrets import ApiToken, KeyringUnavailable, TokenSource, TokenStore
from pos.ui.async_qt import Busy, TaskRunner, run_blocking
from pos.ui.widgets.address_form import AddressForm
from pos.ui.widgets.busy import BusyIndicator
from pos.ui.widgets.fields import ErrorLabel, mark_as_error
from pos.ui.wording import problem_and_fix, say

#: The doctor's checks in the order it runs them (``clock`` is compared with the store's
#: time after the hosts answer).
CHECK_KEYS: tuple[str, ...] = (
    "profile", "token", "pickup_location", "data_dir", "api_host", "payments_host", "clock",
    "token_accepted", "scopes", "store_setup",
)

_SLUG_RE = re.compile(r"[^A-Za-z0-9_.-]+")


def check_title(key: str) -> str:
    """A check's name as the progress list shows it."""
    titles = {
        "profile": QCoreApplication.translate("CheckList", "Profile"),
        "token": QCoreApplication.translate("CheckList", "API token"),
        "pickup_location": QCoreApplication.translate("CheckList", "Pickup address"),
        "data_dir": QCoreApplication.translate("CheckList", "Data folder"),
        "api_host": QCoreApplication.translate("CheckList", "API host"),
        "payments_host": QCoreApplication.translate("CheckList", "Payments host"),
        "clock": QCoreApplication.translate("CheckList", "Clock"),
        "token_accepted": QCoreApplication.translate("CheckList", "Token accepted"),
        "scopes": QCoreApplication.translate("CheckList", "Token scopes"),
        "store_setup": QCoreApplication.translate("CheckList", "Store set-up"),
    }
    return titles.get(key, key)


def profile_name_for(display_name: str, store_hash: str = "") -> str:
    """A profile (file) name made from the store's name: ``"Main Street Shop"`` →
    ``"main-street-shop"``."""
    slug = _SLUG_RE.sub("-", display_name.strip().lower()).strip("-._")[:64]
    return slug or store_hash.strip().lower()[:64]


def _sentence(message: str) -> str:
    message = message.strip()
    return message[:1].upper() + message[1:] if message else message


@dataclass(frozen=True)
class StoreAdded:
    """A store that was saved and passed every check: what the register opens on."""

    profile: Profile
    token: ApiToken
    token_source: TokenSource
    report: DoctorReport


class KeyringProblemBox(QGroupBox):
    """What is wrong with the OS keyring, in words, and the two ways on: keep the token for
    this session only (in memory, never saved), or try the keyring again (after unlocking
    or installing one). Hidden until :meth:`show_problem`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("The token cannot be kept in the keyring"), parent)
        layout = QVBoxLayout(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.session_button = QPushButton(self.tr("Keep the token for this session only"), self)
        self.session_button.setAccessibleName(self.tr("Keep the token for this session only"))
        self.session_button.setToolTip(self.tr(
            "The token stays in memory until the register closes; it is not saved anywhere."
        ))
        self.retry_button = QPushButton(self.tr("Try the keyring again"), self)
        self.retry_button.setAccessibleName(self.tr("Try the keyring again"))
        buttons.addWidget(self.session_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.hide()

    def show_problem(self, message: str) -> None:
        self.message.setText(message)
        self.message.setAccessibleName(message)
        self.show()

    def set_enabled_buttons(self, enabled: bool) -> None:
        self.session_button.setEnabled(enabled)
        self.retry_button.setEnabled(enabled)


class CheckList(QTreeWidget):
    """One row per check of the doctor: waiting, running, passed, failed (with its fix)."""

    state_changed = Signal(str, str)  # check key, state

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Check"), self.tr("State"), self.tr("Result")])
        self.setRootIsDecorated(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setUniformRowHeights(False)
        self.setAccessibleName(self.tr("Checks of the store"))
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rows: dict[str, QTreeWidgetItem] = {}
        self.states: dict[str, str] = {}
        self.start_over()

    def state_text(self, state: str) -> str:
        return {
            "pending": self.tr("Waiting"),
            "running": self.tr("Checking…"),
            "pass": self.tr("Passed"),
            "warn": self.tr("Passed, with a warning"),
            "fail": self.tr("Failed"),
            "skip": self.tr("Not checked"),
        }.get(state, state)

    def start_over(self) -> None:
        self.clear()
        self.rows = {}
        self.states = {}
        for key in CHECK_KEYS:
            item = QTreeWidgetItem([check_title(key), "", ""])
            self.addTopLevelItem(item)
            self.rows[key] = item
            self.set_state(key, "pending")

    def set_state(self, key: str, state: str, detail: str = "", fix: str = "") -> None:
        item = self.rows.get(key)
        if item is None:
            return
        self.states[key] = state
        self.state_changed.emit(key, state)
        item.setText(1, self.state_text(state))
        text = say(detail)
        if fix and state in {"fail", "warn"}:
            text = self.tr("%1\nFix: %2").replace("%1", text).replace("%2", say(fix))
        item.setText(2, text)
        item.setToolTip(2, text)

    def result(self, result: CheckResult) -> None:
        """A check finished: show it, and show the next waiting check as running."""
        self.set_state(result.key, result.status.value, result.detail, result.fix)
        self.mark_next_running()

    def mark_next_running(self) -> None:
        for key in CHECK_KEYS:
            if self.states.get(key) == "pending":
                self.set_state(key, "running")
                return

    def finish(self) -> None:
        """The doctor is done: checks it did not reach were not checked."""
        for key in CHECK_KEYS:
            if self.states.get(key) in {"pending", "running"}:
                self.set_state(key, "skip")

    def fix_texts(self) -> list[str]:
        return [self.rows[k].text(2) for k in CHECK_KEYS if self.states.get(k) == "fail"]


#: Makes the doctor for a profile, a token handed over (or None: read it from the keyring)
#: and the hook that hears of each finished check.
DoctorFactory = Callable[[Profile, ApiToken | None, Callable[[CheckResult], None]], Doctor]


class ProfileDialog(QDialog):
    """Add a store to this register. Open it with :meth:`open`, never ``exec()``."""

    store_added = Signal(object)  # StoreAdded
    keyring_problem = Signal(str)  # what to install or unlock
    checks_finished = Signal(object)  # DoctorReport

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        defaults: Mapping[str, Any] | None = None,
        doctor_factory: DoctorFactory | None = None,
        check_timeout: float = 10.0,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add your store"))
        self.setObjectName("profileDialog")
        self._doctor_factory = doctor_factory or (
            lambda profile, token, on_result: Doctor(
                profile, token=token, timeout=check_timeout, on_result=on_result
            )
        )
        self.busy = Busy(self)
        self.runner = TaskRunner(self)
        self._name_edited = False
        self._token: ApiToken | None = None
        self._token_hash = ""
        self.token_store: TokenStore | None = None  # holds a token kept for this session
        self._token_source: TokenSource | None = None
        self._pending_profile: Profile | None = None
        self._saved: Profile | None = None
        self.report: DoctorReport | None = None
        self.errors: dict[str, ErrorLabel] = {}
        self.widgets: dict[str, QWidget] = {}

        outer = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Enter the store's details from its BigCommerce control panel (Settings > API "
            "accounts). The API token is kept in this computer's keyring, never in a file."
        ), self)
        intro.setWordWrap(True)
        outer.addWidget(intro)

        form_widget = QWidget(self)
        self.form_widget = form_widget
        form = QFormLayout(form_widget)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form

        self.display_name = self._line("display_name", self.tr("Store &name"))
        self.name = self._line("name", self.tr("P&rofile name"))
        self.store_hash = self._line("store_hash", self.tr("Store &hash"))
        self.store_hash.setPlaceholderText(self.tr("from the API path …/stores/abc123/v3/"))
        self.channel_id = QSpinBox(self)
        self.channel_id.setRange(1, 2_147_483_647)
        self.channel_id.setValue(1)
        self._add_row("channel_id", self.tr("Chann&el id"), self.channel_id)
        self.api_base_url = self._line("api_base_url", self.tr("&API address"))
        self.api_base_url.setText(DEFAULT_API_BASE_URL)
        self.payments_base_url = self._line("payments_base_url", self.tr("Payments a&ddress"))
        self.payments_base_url.setText(DEFAULT_PAYMENTS_BASE_URL)
        self.currency = self._line("currency", self.tr("&Currency"))
        self.currency.setText("USD")
        self.locale_edit = self._line("locale", self.tr("Lan&guage and formats"))
        self.locale_edit.setText("en_US")
        self.terminal_name = self._line("terminal_name", self.tr("&Terminal name"))
        self.terminal_name.setPlaceholderText(self.tr("e.g. Till 1"))

        pickup_box = QGroupBox(self.tr("Pickup location (the store's own address)"), self)
        pickup_layout = QVBoxLayout(pickup_box)
        self.pickup = AddressForm(pickup_box, default_country="US", with_email=True)
        pickup_layout.addWidget(self.pickup)
        form.addRow(pickup_box)

        self.receipt_header = self._text("receipt_header", self.tr("Receipt t&op lines"))
        self.receipt_footer = self._text("receipt_footer", self.tr("Receipt &bottom lines"))
        self.printer = self._line("printer", self.tr("Printer (optional)"))
        self.token = self._line("token", self.tr("API to&ken"))
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText
                                       | Qt.InputMethodHint.ImhNoPredictiveText
                                       | Qt.InputMethodHint.ImhSensitiveData)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        self.form_scroll = scroll
        outer.addWidget(scroll, 3)

        # What is wrong with the keyring, and the session-only choice.
        self.keyring_box = KeyringProblemBox(self)
        self.keyring_message = self.keyring_box.message
        self.session_button = self.keyring_box.session_button
        self.keyring_retry = self.keyring_box.retry_button
        outer.addWidget(self.keyring_box)

        self.checks = CheckList(self)
        self.checks.hide()
        outer.addWidget(self.checks, 2)
        self.status = QLabel(self)
        self.status.setObjectName("setupStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        outer.addWidget(self.status)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        mark_as_error(self.error_label)
        self.error_label.hide()
        outer.addWidget(self.error_label)
        self.busy_indicator = BusyIndicator(self)
        outer.addWidget(self.busy_indicator)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.check_again = QPushButton(self.tr("Check again"), self)
        self.check_again.setAccessibleName(self.tr("Check again"))
        self.check_again.hide()
        self.save_button = QPushButton(self.tr("Save and check"), self)
        self.save_button.setAccessibleName(self.tr("Save and check"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        buttons.addWidget(self.check_again)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        outer.addLayout(buttons)

        self.display_name.textChanged.connect(self._display_name_edited)
        self.name.textEdited.connect(self._name_was_edited)
        self.save_button.clicked.connect(lambda: self.submit())
        self.cancel_button.clicked.connect(self.reject)
        self.check_again.clicked.connect(lambda: self.run_checks())
        self.session_button.clicked.connect(lambda: self.keep_for_session())
        self.keyring_retry.clicked.connect(lambda: self.submit())
        self.busy.changed.connect(self._busy_changed)
        self.resize(720, 760)
        if defaults:
            self.set_values(defaults)
        self.display_name.setFocus()

    # -- building ------------------------------------------------------------------------

    def _add_row(self, key: str, label_text: str, widget: QWidget) -> None:
        label = QLabel(label_text, self)
        label.setBuddy(widget)
        widget.setObjectName(key)
        widget.setAccessibleName(label_text.replace("&", ""))
        error = ErrorLabel(widget, self)
        self.errors[key] = error
        self.widgets[key] = widget
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        self.form.addRow(label, box)

    def _line(self, key: str, label_text: str) -> QLineEdit:
        edit = QLineEdit(self)
        self._add_row(key, label_text, edit)
        return edit

    def _text(self, key: str, label_text: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(self.tr("One line per line of the receipt"))
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
        self._add_row(key, label_text, edit)
        return edit

    def _display_name_edited(self, text: str) -> None:
        if not self._name_edited:
            self.name.setText(profile_name_for(text, self.store_hash.text()))

    def _name_was_edited(self, _text: str) -> None:
        self._name_edited = True

    # -- values --------------------------------------------------------------------------

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Fill the fields (profile field names; ``pickup_location`` is an address)."""
        lines: dict[str, QLineEdit] = {
            "display_name": self.display_name, "name": self.name,
            "store_hash": self.store_hash, "api_base_url": self.api_base_url,
            "payments_base_url": self.payments_base_url, "currency": self.currency,
            "locale": self.locale_edit, "terminal_name": self.terminal_name,
            "printer": self.printer,
        }
        for key, edit in lines.items():
            if key in values:
                edit.setText(str(values[key] or ""))
        if "name" in values:
            self._name_edited = True
        elif "display_name" in values:
            self.name.setText(profile_name_for(str(values["display_name"]),
                                               str(values.get("store_hash", ""))))
        if "channel_id" in values:
            self.channel_id.setValue(int(values["channel_id"]))
        for key, box in (("receipt_header", self.receipt_header),
                         ("receipt_footer", self.receipt_footer)):
            if key in values:
                box.setPlainText("\n".join(values[key]))
        pickup = values.get("pickup_location")
        if isinstance(pickup, Mapping):
            self.pickup.set_address(pickup)

    def profile_data(self) -> dict[str, Any]:
        """The fields as profile file data (what :func:`profile_from_data` validates)."""
        data: dict[str, Any] = {
            "name": self.name.text().strip(),
            "store_hash": self.store_hash.text().strip(),
            "channel_id": self.channel_id.value(),
            "api_base_url": self.api_base_url.text().strip(),
            "payments_base_url": self.payments_base_url.text().strip(),
            "currency": self.currency.text().strip(),
            "locale": self.locale_edit.text().strip(),
        }
        optional = {
            "display_name": self.display_name.text().strip(),
            "terminal_name": self.terminal_name.text().strip(),
            "printer": self.printer.text().strip(),
        }
        data.update({k: v for k, v in optional.items() if v})
        for key, box in (("receipt_header", self.receipt_header),
                         ("receipt_footer", self.receipt_footer)):
            lines = [line.rstrip() for line in box.toPlainText().splitlines()]
            while lines and not lines[-1]:
                lines.pop()
            if lines:
                data[key] = lines
        pickup = {k: str(v) for k, v in self.pickup.address().items()
                  if k in PICKUP_FIELDS and v}
        if pickup:
            data["pickup_location"] = pickup
        return data

    # -- validation ----------------------------------------------------------------------

    def validate(self) -> Profile | None:
        """Check every field; show what is wrong under each one; the profile when valid."""
        for label in self.errors.values():
            label.set_error(None)
        self.show_error(None)
        messages: dict[str, str] = {}
        data = self.profile_data()
        if not data["name"]:
            messages["name"] = self.tr("Enter a name for this profile (letters, digits, "
                                       "'.', '_' or '-').")
        if not data["store_hash"]:
            messages["store_hash"] = self.tr(
                "Enter the store hash: the part after /stores/ in the API path."
            )
        profile, problems = profile_from_data(data)
        pickup_problems = []
        for problem in problems:
            if problem.severity != "error" or not problem.field:
                continue
            if problem.field.startswith("pickup_location."):
                pickup_problems.append(problem)
                continue
            messages.setdefault(problem.field, _sentence(say(problem.message)))
        check = self.pickup.validate(complete=True)
        pickup_ok = check.ok and not pickup_problems
        if pickup_problems:
            from pos.sale.messages import ValidationError

            self.pickup.show_errors([
                *check.errors,
                *(ValidationError(str(p.field).split(".", 1)[1], _sentence(say(p.message)))
                  for p in pickup_problems),
            ])
        if self._token is None and not self.token.text().strip():
            messages["token"] = self.tr(
                "Enter the store's API token (the access token of its API account)."
            )
        for key, message in messages.items():
            if key in self.errors:
                self.errors[key].set_error(message)
        unplaced = [m for k, m in messages.items() if k not in self.errors]
        if unplaced:
            self.show_error("\n".join(unplaced))
        if messages or not pickup_ok or profile is None:
            self._focus_first_error()
            return None
        return profile

    def _focus_first_error(self) -> None:
        for key, label in self.errors.items():
            if not label.isHidden():
                self.widgets[key].setFocus()
                self.form_scroll.ensureWidgetVisible(self.widgets[key])
                return
        self.pickup.focus_first_error()
        focused = self.focusWidget()
        if focused is not None:
            self.form_scroll.ensureWidgetVisible(focused)

    def field_error(self, key: str) -> str:
        """The error shown under a field ("" when it is fine)."""
        label = self.errors.get(key)
        if label is not None and not label.isHidden():
            return label.text()
        pickup = self.pickup.errors.get(key)
        return pickup.text() if pickup is not None and not pickup.isHidden() else ""

    # -- state ---------------------------------------------------------------------------

    def show_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setAccessibleName(message or "")
        self.error_label.setVisible(bool(message))

    def _show_status(self, message: str) -> None:
        self.status.setText(message)
        self.status.setAccessibleName(message)
        self.status.show()

    def _busy_changed(self, busy: bool) -> None:
        self.busy_indicator.set_busy(busy)
        self.save_button.setEnabled(not busy)
        self.check_again.setEnabled(not busy)
        self.keyring_box.set_enabled_buttons(not busy)
        self.form_widget.setEnabled(not busy)

    def is_busy(self) -> bool:
        return self.busy.is_busy

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ProfileError):
            self.show_error(self.tr("The profile could not be saved: %1").replace(
                "%1", str(exc)))
        else:
            self.show_error(self.tr("Something went wrong: %1").replace(
                "%1", type(exc).__name__))

    # -- the steps -----------------------------------------------------------------------

    def submit(self) -> None:
        """Save and check: validate, token into the keyring, save the profile, the doctor."""
        if self.busy.is_busy:
            return
        profile = self.validate()
        if profile is None:
            return
        typed = self.token.text().strip()
        if typed:
            token, source = ApiToken(typed), None
        elif self._token is not None and self._token_hash == profile.store_hash:
            token, source = self._token, self._token_source  # None: not kept anywhere yet
        else:
            self.errors["token"].set_error(self.tr("Enter the API token of this store."))
            self.token.setFocus()
            return
        self.keyring_box.hide()
        self._pending_profile = profile
        self.busy_indicator.set_message(self.tr("Saving the token in the keyring…"))
        overwrite = self._saved is not None and self._saved.name == profile.name

        async def save_token() -> TokenSource | None:
            if not overwrite:
                taken = await run_blocking(profile_path(profile.name).exists)
                if taken:
                    self.errors["name"].set_error(self.tr(
                        "A profile with this name already exists on this register: "
                        "choose another name."))
                    return None
            if source is not None:
                return source  # already in the keyring, or kept for this session
            store = TokenStore(profile.store_hash)
            self.token_store = store
            try:
                return await store.set(token)
            except KeyringUnavailable as exc:
                self._remember_token(token, profile.store_hash, None)
                self._show_keyring_problem(problem_and_fix(exc))
                return None

        def saved(kept: TokenSource | None) -> None:
            # Focus moves once the fields are enabled again (busy is cleared by now).
            if kept is None:
                if self.keyring_box.isVisible():
                    self.session_button.setFocus()
                else:
                    self._focus_first_error()
                return
            self._remember_token(token, profile.store_hash, kept)
            self._save_profile()

        self.runner.start(save_token, busy=self.busy, on_result=saved, on_error=self._failed)

    def _remember_token(self, token: ApiToken, store_hash: str,
                        source: TokenSource | None) -> None:
        """Hold the token in memory (for the doctor and the register) and wipe the field."""
        self._token, self._token_hash, self._token_source = token, store_hash, source
        self._clear_token_field()

    def _clear_token_field(self) -> None:
        self.token.setText("\0" * len(self.token.text()))
        self.token.clear()
        if self._token is not None:
            self.token.setPlaceholderText(self.tr("Saved — type a new token to replace it"))

    def _show_keyring_problem(self, message: str) -> None:
        self.keyring_box.show_problem(message)
        self.keyring_problem.emit(message)

    def keep_for_session(self) -> None:
        """The clerk chose to keep the token in memory until the register closes."""
        profile, token = self._pending_profile, self._token
        if profile is None or token is None or self.busy.is_busy:
            return
        store = TokenStore(profile.store_hash)
        store.keep_for_session(token)
        self.token_store = store
        self._token_source = TokenSource.SESSION
        self.keyring_box.hide()
        self._show_status(self.tr(
            "The token is kept for this session only: it is not saved, and will be asked "
            "for again when the register is next started."))
        self._save_profile()

    def _save_profile(self) -> None:
        profile = self._pending_profile
        if profile is None:
            return
        self.busy_indicator.set_message(self.tr("Saving the profile…"))

        def saved(path: Any) -> None:
            self._saved = profile.with_source("user", path)
            self.run_checks()

        self.runner.start(lambda: run_blocking(save_profile, profile), busy=self.busy,
                          on_result=saved, on_error=self._failed)

    def run_checks(self) -> None:
        """Run the doctor on the saved profile, one row per check."""
        profile, token = self._saved, self._token
        if profile is None or token is None or self.busy.is_busy:
            return
        self.checks.start_over()
        self.checks.show()
        self.check_again.hide()
        self._show_status(self.tr("Checking that this register can sell…"))
        self.busy_indicator.set_message(self.tr("Checking the store…"))
        # A token kept for this session is handed over; a saved one is read back from the
        # keyring by the doctor, which proves that it was saved.
        given = token if self._token_source is TokenSource.SESSION else None
        doctor = self._doctor_factory(profile, given, self.checks.result)
        self.checks.mark_next_running()
        self.runner.start(doctor.run, busy=self.busy, on_result=self._checked,
                          on_error=self._checks_failed)

    def _checks_failed(self, exc: BaseException) -> None:
        self.checks.finish()
        self.check_again.show()
        self._failed(exc)

    def _checked(self, report: DoctorReport) -> None:
        self.checks.finish()
        self.report = report
        self.checks_finished.emit(report)
        if report.ok and self._saved is not None and self._token is not None:
            self._show_status(self.tr("Ready to sell. Opening the register…"))
            added = StoreAdded(self._saved, self._token,
                               self._token_source or TokenSource.KEYRING, report)
            self.store_added.emit(added)
            self.accept()
            return
        lines = [self.tr(
            "Not ready to sell yet: fix what failed (the fix is under each failed check), "
            "then press Check again, or change the fields and press Save and check.")]
        lines += [f"• {check_title(r.key)}: {say(r.fix or r.detail)}"
                  for r in report.results if r.status is Status.FAIL]
        self._show_status("\n".join(lines))
        self.check_again.show()
        self.check_again.setFocus()

    # -- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        if self.busy.is_busy:
            return  # the keyring or the store is answering; Cancel after it has
        self._clear_token_field()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy.is_busy:
            event.ignore()
            return
        super().closeEvent(event)

"""API tokens in the OS keyring: the only module of the app that imports ``keyring``.

Each store profile has one keyring entry: service ``"bc-pos:<store_hash>"``, username
``"api-token"``. Profiles never hold a token, and nothing here ever writes one to a file.

``POS_TOKEN`` in the environment overrides the keyring (for automation and headless
servers) and is never written anywhere.

When the keyring cannot be used (no backend, keyring disabled, a plaintext backend, a
locked or failing one) every call raises :class:`KeyringUnavailable`, whose message says
what to install or unlock. There is no silent fallback: a caller may *choose* to keep a
token in memory for the session only (``allow_session_only=True`` or
:meth:`TokenStore.keep_for_session`).

Keyring calls can block (a D-Bus round trip, an unlock prompt): the ``async`` methods run
them in a worker thread; the ``*_sync`` methods are for the command line.
"""

from __future__ import annotations

import asyncio
import enum
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pos import APP_NAME
from pos.stores.phrases import STORE_WORDS

if TYPE_CHECKING:
    import keyring.backend

# ``keyring`` is imported where it is used (it finds its backends through the installed
# packages' entry points, about 20 ms): the register's window opens first, and reads the
# token in a worker thread after it shows.

_HINT_MACOS = STORE_WORDS(
    "keyring.hint.macos",
    "Unlock the login keychain (Keychain Access) and try again. On a headless server, set the"
    " {variable} environment variable instead.",
)
_HINT_WINDOWS = STORE_WORDS(
    "keyring.hint.windows",
    "Windows Credential Manager must be available to your user account. On a headless server,"
    " set the {variable} environment variable instead.",
)
_HINT_LINUX = STORE_WORDS(
    "keyring.hint.linux",
    "Install and unlock a Secret Service keyring (gnome-keyring or KWallet) in a desktop "
    "session with D-Bus. On a headless server, set the {variable} environment variable "
    "instead.",
)
_NO_BACKEND = STORE_WORDS("keyring.no_backend", "No keyring backend was found.")
_DISABLED = STORE_WORDS(
    "keyring.disabled",
    "The keyring is disabled (the 'null' backend is configured, e.g. by "
    "PYTHON_KEYRING_BACKEND or keyringrc.cfg).",
)
_REMOVE_SETTING = STORE_WORDS("keyring.remove_setting", "Remove that setting. {hint}")
_PLAINTEXT = STORE_WORDS(
    "keyring.plaintext",
    "The keyring backend {backend} stores secrets in a plain file; the register does not keep"
    " tokens there.",
)
_UNINSTALL_ALT = STORE_WORDS(
    "keyring.uninstall_alt",
    "Uninstall keyrings.alt (or choose another backend). {hint}",
)
_LOCKED = STORE_WORDS("keyring.locked", "The keyring is locked.")
_LOCKED_DETAIL = STORE_WORDS("keyring.locked_detail", "The keyring is locked ({detail}).")
_NOT_OPENED = STORE_WORDS("keyring.not_opened", "The keyring could not be opened ({detail}).")
_FAILED = STORE_WORDS("keyring.failed", "The keyring failed ({detail}).")

ENV_TOKEN = "POS_TOKEN"  # noqa: S105 (the name of a variable, not a secret)
KEYRING_USERNAME = "api-token"

T = TypeVar("T")


def service_name(store_hash: str) -> str:
    """The keyring service under which a store's token is kept."""
    return f"{APP_NAME}:{store_hash}"


class ApiToken:
    """A store API token that never shows itself in ``repr``, ``str`` or logs.

    Use :meth:`reveal` only where the token goes on the wire.
    """

    __slots__ = ("__value",)

    def __init__(self, value: str) -> None:
        value = value.strip()
        if not value:
            raise ValueError("an API token cannot be empty")
        self.__value = value

    def reveal(self) -> str:
        return self.__value

    def __repr__(self) -> str:
        return "ApiToken('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ApiToken):
            return self.__value == other.__value
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.__value)

    def __reduce__(self) -> Any:
        raise TypeError("an API token cannot be pickled")


class TokenSource(enum.Enum):
    ENV = "POS_TOKEN environment variable"
    KEYRING = "OS keyring"
    SESSION = "this session only (not saved)"


@dataclass(frozen=True)
class FoundToken:
    token: ApiToken
    source: TokenSource


class KeyringUnavailable(Exception):
    """No usable keyring: ``str(exc)`` says what is wrong and what to do about it."""

    def __init__(self, problem: str, *, backend: str = "", fix: str = "") -> None:
        self.problem = problem
        self.backend = backend
        self.fix = fix or install_hint()
        super().__init__(f"{problem} {self.fix}".strip())


def install_hint() -> str:
    """What to install or unlock on this platform for a usable keyring."""
    if sys.platform == "darwin":
        return _HINT_MACOS(variable=ENV_TOKEN)
    if sys.platform == "win32":
        return _HINT_WINDOWS(variable=ENV_TOKEN)
    return _HINT_LINUX(variable=ENV_TOKEN)


LOCKED_HINT = STORE_WORDS(
    "keyring.locked_hint",
    "Unlock the keyring (log in to the desktop session, or unlock it in 'Passwords and "
    "Keys' / KWallet) and try again. On a headless server, set the {variable} environment "
    "variable instead.",
)(variable=ENV_TOKEN)


def _backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_plaintext(backend: object) -> bool:
    cls = type(backend)
    module = cls.__module__
    name = cls.__name__.lower()
    return module.startswith("keyrings.alt") or "plaintext" in name


@dataclass(frozen=True)
class BackendStatus:
    usable: bool
    backend: str
    problem: str = ""
    fix: str = ""

    @property
    def message(self) -> str:
        return f"{self.problem} {self.fix}".strip()


def backend_status(backend: keyring.backend.KeyringBackend | None = None) -> BackendStatus:
    """Whether the (current) keyring backend is one we store tokens in, without using it."""
    import keyring
    import keyring.backends.chainer
    import keyring.backends.fail
    import keyring.backends.null

    backend = backend if backend is not None else keyring.get_keyring()
    name = _backend_name(backend)
    members: list[object] = [backend]
    if isinstance(backend, keyring.backends.chainer.ChainerBackend):
        members = list(backend.backends)
        if not members:
            return BackendStatus(False, name, _NO_BACKEND(), install_hint())
    for member in members:
        member_name = _backend_name(member)
        if isinstance(member, keyring.backends.fail.Keyring):
            return BackendStatus(
                False, member_name, _NO_BACKEND(), install_hint()
            )
        if isinstance(member, keyring.backends.null.Keyring):
            return BackendStatus(
                False,
                member_name,
                _DISABLED(),
                _REMOVE_SETTING(hint=install_hint()),
            )
        if _is_plaintext(member):
            return BackendStatus(
                False,
                member_name,
                _PLAINTEXT(backend=member_name),
                _UNINSTALL_ALT(hint=install_hint()),
            )
    return BackendStatus(True, name)


class TokenStore:
    """Reads, saves and deletes one store's API token.

    ``environ`` defaults to :data:`os.environ` (``POS_TOKEN`` wins over the keyring).
    With ``allow_session_only=True``, :meth:`set` keeps the token in memory when the
    keyring cannot be used, instead of raising.
    """

    def __init__(
        self,
        store_hash: str,
        *,
        allow_session_only: bool = False,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        if not store_hash:
            raise ValueError("a store hash is needed to find its token")
        self.store_hash = store_hash
        self.service = service_name(store_hash)
        self.allow_session_only = allow_session_only
        self._environ = environ if environ is not None else os.environ
        self._session: ApiToken | None = None

    def __repr__(self) -> str:
        return f"TokenStore(service={self.service!r}, username={KEYRING_USERNAME!r})"

    # -- the keyring, guarded ------------------------------------------------

    def _guard(self, call: Callable[[], T], *, token: ApiToken | None = None) -> T:
        """Run one keyring call; any failure becomes :class:`KeyringUnavailable`.

        The backend's own exception is turned into words inside ``except`` (with the token
        masked) and the new one is raised after the block: it carries no ``__context__``, so
        neither the backend's exception nor its traceback (whose frames may hold the token)
        stays reachable from what the caller catches. ``token`` is an :class:`ApiToken`, so
        no frame of this call holds the token in plain text either.
        """
        import keyring.errors

        status = backend_status()
        if not status.usable:
            raise KeyringUnavailable(status.problem, backend=status.backend, fix=status.fix)
        problem: str = ""
        fix: str = ""
        try:
            return call()
        except keyring.errors.KeyringLocked:
            problem, fix = _LOCKED(), LOCKED_HINT
        except keyring.errors.InitError as exc:
            detail = _scrub(str(exc), token)
            if "dismiss" in detail.lower() or "lock" in detail.lower():
                problem, fix = _LOCKED_DETAIL(detail=detail), LOCKED_HINT
            else:
                problem = _NOT_OPENED(detail=detail)
        except keyring.errors.NoKeyringError:
            problem = _NO_BACKEND()
        except Exception as exc:  # any backend failure, e.g. a D-Bus error
            problem = _FAILED(detail=_scrub(f"{type(exc).__name__}: {exc}", token))
        # Raised outside the except block: no __context__ to the backend's exception.
        raise KeyringUnavailable(problem, backend=status.backend, fix=fix)

    def _keyring_get(self) -> ApiToken | None:
        import keyring

        value = self._guard(lambda: keyring.get_password(self.service, KEYRING_USERNAME))
        return ApiToken(value) if value and value.strip() else None

    def _keyring_set(self, token: ApiToken) -> None:
        import keyring

        # The token is revealed only inside the call, never held in a local of a frame that
        # a raised exception's traceback keeps.
        self._guard(
            lambda: keyring.set_password(self.service, KEYRING_USERNAME, token.reveal()),
            token=token,
        )

    def _keyring_delete(self) -> bool:
        import keyring
        import keyring.errors

        def delete() -> bool:
            try:
                keyring.delete_password(self.service, KEYRING_USERNAME)
            except keyring.errors.PasswordDeleteError:
                return False
            return True

        return self._guard(delete)

    # -- synchronous API (command line) ----------------------------------------

    def env_token(self) -> ApiToken | None:
        value = self._environ.get(ENV_TOKEN, "")
        return ApiToken(value) if value.strip() else None

    def find_sync(self) -> FoundToken | None:
        """The token and where it came from: ``POS_TOKEN``, this session, the keyring.

        Raises :class:`KeyringUnavailable` only when the keyring had to be asked.
        """
        env = self.env_token()
        if env is not None:
            return FoundToken(env, TokenSource.ENV)
        if self._session is not None:
            return FoundToken(self._session, TokenSource.SESSION)
        stored = self._keyring_get()
        return FoundToken(stored, TokenSource.KEYRING) if stored is not None else None

    def get_sync(self) -> ApiToken | None:
        found = self.find_sync()
        return found.token if found is not None else None

    def set_sync(self, token: str | ApiToken) -> TokenSource:
        """Save the token in the keyring (or, if allowed, for this session only)."""
        value = token if isinstance(token, ApiToken) else ApiToken(token)
        del token  # a plain string must not stay in this frame (tracebacks keep frames)
        try:
            self._keyring_set(value)
        except KeyringUnavailable:
            if not self.allow_session_only:
                raise
            self._session = value
            return TokenSource.SESSION
        self._session = None
        return TokenSource.KEYRING

    def delete_sync(self) -> bool:
        """Remove the saved token; ``True`` if there was one. Also forgets a session token."""
        had_session = self._session is not None
        self._session = None
        try:
            return self._keyring_delete() or had_session
        except KeyringUnavailable:
            if had_session:
                return True
            raise

    def keep_for_session(self, token: str | ApiToken) -> None:
        """Hold the token in memory until the app quits; it is never saved."""
        self._session = token if isinstance(token, ApiToken) else ApiToken(token)

    # -- asynchronous API (the app: never blocks the event loop) ----------------

    async def find(self) -> FoundToken | None:
        return await asyncio.to_thread(self.find_sync)

    async def get(self) -> ApiToken | None:
        return await asyncio.to_thread(self.get_sync)

    async def set(self, token: str | ApiToken) -> TokenSource:
        value = token if isinstance(token, ApiToken) else ApiToken(token)
        del token
        return await asyncio.to_thread(self.set_sync, value)

    async def delete(self) -> bool:
        return await asyncio.to_thread(self.delete_sync)

    async def status(self) -> BackendStatus:
        return await asyncio.to_thread(backend_status)


def _scrub(text: str, token: ApiToken | None) -> str:
    if token is not None:
        text = text.replace(token.reveal(), "********")
    return text

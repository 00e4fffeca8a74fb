"""PINs: checked for shape, stored only as salted scrypt hashes, compared in constant time.

A stored PIN looks like ``scrypt$n=32768,r=8,p=1$<salt>$<key>`` (salt and key in unpadded
URL-safe base64). The parameters travel with each hash, so a PIN hashed with older
parameters still verifies after the defaults change, and :func:`needs_rehash` says when to
store it again.

Why these parameters (see docs/staff.md): ``n=2**15, r=8, p=1`` makes scrypt use 32 MiB of
memory and about a tenth of a second of one core per PIN, which a clerk does not notice at
sign-in and which makes every guess against a stolen staff file cost the same. A PIN has
few digits, so the hash slows an attacker down; it does not stop one who holds the file:
the file is private to the register's user (0600), and wrong PINs at the register lock
the staff member out.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8
_PIN_RE = re.compile(rf"^[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}$")
_HASH_RE = re.compile(
    r"^scrypt\$n=(?P<n>\d{1,10}),r=(?P<r>\d{1,3}),p=(?P<p>\d{1,3})"
    r"\$(?P<salt>[A-Za-z0-9_-]{16,128})\$(?P<key>[A-Za-z0-9_-]{16,128})$"
)
SALT_BYTES = 16
KEY_BYTES = 32


class PinError(ValueError):
    """A PIN is not 4 to 8 digits, or a stored hash is unreadable. Never holds the PIN."""


@dataclass(frozen=True)
class ScryptParams:
    """scrypt's cost: ``n`` (CPU and memory, a power of two), ``r`` (block size), ``p``
    (parallelism). Memory used is ``128 * r * n`` bytes."""

    n: int = 2**15
    r: int = 8
    p: int = 1

    @property
    def memory_bytes(self) -> int:
        return 128 * self.r * self.n

    def check(self) -> None:
        if self.n < 2 or self.n & (self.n - 1) or self.n > 2**20:
            raise PinError("scrypt n must be a power of two between 2 and 2**20")
        if not 1 <= self.r <= 32 or not 1 <= self.p <= 16:
            raise PinError("scrypt r must be 1-32 and p 1-16")


DEFAULT_PARAMS = ScryptParams()


def check_pin(pin: str) -> None:
    """Raise :class:`PinError` unless ``pin`` is 4 to 8 digits (the message never shows it)."""
    if not isinstance(pin, str) or not _PIN_RE.match(pin):
        raise PinError(f"a PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits (0-9)")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _derive(pin: str, salt: bytes, params: ScryptParams) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=params.n, r=params.r, p=params.p,
        maxmem=2 * params.memory_bytes + 2**20, dklen=KEY_BYTES,
    )


def hash_pin(pin: str, params: ScryptParams = DEFAULT_PARAMS) -> str:
    """The stored form of ``pin``: a fresh random salt and its scrypt key."""
    check_pin(pin)
    params.check()
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(pin, salt, params)
    return f"scrypt$n={params.n},r={params.r},p={params.p}${_b64(salt)}${_b64(key)}"


def parse_hash(stored: str) -> tuple[ScryptParams, bytes, bytes]:
    match = _HASH_RE.match(stored or "")
    if match is None:
        raise PinError("the stored PIN hash is not a scrypt hash this register can read")
    params = ScryptParams(int(match["n"]), int(match["r"]), int(match["p"]))
    params.check()
    return params, _unb64(match["salt"]), _unb64(match["key"])


def is_pin_hash(stored: str) -> bool:
    try:
        parse_hash(stored)
    except PinError:
        return False
    return True


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches ``stored``, compared in constant time.

    A PIN of the wrong shape is hashed all the same (and fails), so that the time taken
    does not tell a well-formed guess from a malformed one.
    """
    params, salt, key = parse_hash(stored)
    candidate = pin if isinstance(pin, str) and pin.isascii() else ""
    derived = _derive(candidate, salt, params)
    return hmac.compare_digest(derived, key) and bool(_PIN_RE.match(candidate))


def needs_rehash(stored: str, params: ScryptParams = DEFAULT_PARAMS) -> bool:
    """Whether ``stored`` was made with other parameters than ``params``."""
    try:
        found, _salt, _key = parse_hash(stored)
    except PinError:
        return True
    return found != params

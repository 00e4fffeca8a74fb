"""Redaction of secrets from text, for the client's logs and the text of its errors.

The implementation is :mod:`pos.redaction` (one leaf module for the whole register, with the
one Luhn check); this module keeps the client's own import path.
"""

from __future__ import annotations

from pos.redaction import (
    REDACTED_LOGGERS,
    RedactingFilter,
    install_redaction,
    is_secret_key,
    luhn_valid,
    redact,
    redact_data,
    redact_field,
    remember_secret,
)

__all__ = [
    "REDACTED_LOGGERS",
    "RedactingFilter",
    "install_redaction",
    "is_secret_key",
    "luhn_valid",
    "redact",
    "redact_data",
    "redact_field",
    "remember_secret",
]

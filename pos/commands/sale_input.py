"""Bounded reading of ``pos sale``'s inputs: the spec file and the card on standard input.

Every input is read with a size bound (``/dev/zero`` is refused after the bound, never read
whole), must be UTF-8 text, and is parsed as JSON with bounded nesting, integers of at most
18 digits and finite numbers only. Anything else is a :class:`InputError` with a clear
message; nothing is ever echoed (a card may be in it).
"""

from __future__ import annotations

import json
import math
from typing import Any, BinaryIO

__all__ = ["MAX_CARD_BYTES", "MAX_DEPTH", "MAX_SPEC_BYTES", "InputError", "parse_json",
           "read_bounded"]

MAX_SPEC_BYTES = 256 * 1024
MAX_CARD_BYTES = 4 * 1024
MAX_DEPTH = 32
_MAX_INT_DIGITS = 18


class InputError(ValueError):
    """An input that cannot be used (too large, not UTF-8, not JSON, too deep...)."""


def read_bounded(stream: BinaryIO, limit: int, what: str) -> str:
    """At most ``limit`` bytes of ``stream`` as UTF-8 text; InputError when there is more or
    when they are not UTF-8."""
    data = stream.read(limit + 1)
    if not isinstance(data, bytes):
        data = str(data).encode("utf-8", "surrogatepass")
    if len(data) > limit:
        raise InputError(f"{what} is too large (at most {limit // 1024} KB)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{what} is not UTF-8 text") from None


def _depth(text: str) -> int:
    """The deepest nesting of arrays and objects in ``text`` (strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def _int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise InputError("holds a number that is too large")
    return int(text)


def _float(text: str) -> float:
    if len(text) > 40:
        raise InputError("holds a number that is too long")
    value = float(text)
    if not math.isfinite(value):
        raise InputError("holds a number that is too large")
    return value


def _constant(text: str) -> Any:
    raise InputError(f"holds {text}, which is not a number")


def parse_json(text: str, what: str) -> Any:
    """``text`` parsed as JSON within the bounds of this module."""
    if _depth(text) > MAX_DEPTH:
        raise InputError(f"{what} is nested too deeply (at most {MAX_DEPTH} levels)")
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except InputError as exc:
        raise InputError(f"{what} {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{what} is not JSON (line {exc.lineno}): {exc.msg}") from None
    except (ValueError, RecursionError):
        raise InputError(f"{what} is not usable JSON") from None

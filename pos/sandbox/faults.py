"""Settings, rate limits and injected faults (latency, errors, dropped connections)."""

from __future__ import annotations

import fnmatch
import math
import shlex
import threading
import time
from dataclasses import asdict, dataclass, fields
from typing import Any

FAULT_KINDS = ("latency", "500", "502", "503", "429", "close_before", "close_after")


# A real store's default quota: 150 requests per 30 s (Standard and Plus plans; 450 on
# Pro), shared by every app and terminal of the store.
STORE_QUOTA = 150
STORE_WINDOW_MS = 30000


@dataclass
class Settings:
    latency_ms: int = 0
    rate_limit_quota: int = STORE_QUOTA
    rate_limit_window_ms: int = STORE_WINDOW_MS
    payments_quota: int = 50
    payments_window_ms: int = 4000
    pending_settle_ms: int = 2000
    authorize_only: int = 0  # 1: the card gateway authorizes only (no capture)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def update(self, values: dict[str, Any]) -> dict[str, str]:
        """Applies a subset; returns per-field errors (nothing applied when there are any)."""
        names = {f.name for f in fields(self)}
        errors: dict[str, str] = {}
        for key, value in values.items():
            if key not in names:
                errors[key] = "unknown setting"
            elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
                errors[key] = "must be a non-negative integer"
            elif key.endswith(("quota", "window_ms")) and value == 0:
                errors[key] = "must be at least 1"
        if not errors:
            for key, value in values.items():
                setattr(self, key, value)
        return errors


class RateLimiter:
    """A fixed window per class of request ("api" or "payments")."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[float, int]] = {}  # class -> (reset_at, used)

    def reset(self) -> None:
        with self._lock:
            self._windows.clear()

    def take(
        self, name: str, quota: int, window_ms: int, now: float | None = None
    ) -> tuple[bool, dict[str, str]]:
        """Counts one request; returns (allowed, rate-limit headers)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            reset_at, used = self._windows.get(name, (0.0, 0))
            if now >= reset_at:
                reset_at, used = now + window_ms / 1000, 0
            allowed = used < quota
            if allowed:
                used += 1
            self._windows[name] = (reset_at, used)
        return allowed, self._headers(quota, window_ms, used, reset_at, now, allowed)

    def peek(
        self, name: str, quota: int, window_ms: int, now: float | None = None
    ) -> dict[str, str]:
        """The current rate-limit headers of ``name`` without counting a request (for
        answers that do not spend quota: injected errors, unknown paths)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            reset_at, used = self._windows.get(name, (0.0, 0))
        if now >= reset_at:  # no window running: a fresh one would start now
            reset_at, used = now + window_ms / 1000, 0
        return self._headers(quota, window_ms, used, reset_at, now, True)

    @staticmethod
    def _headers(
        quota: int, window_ms: int, used: int, reset_at: float, now: float, allowed: bool
    ) -> dict[str, str]:
        reset_ms = max(0, math.ceil((reset_at - now) * 1000))
        headers = {
            "X-Rate-Limit-Requests-Left": str(max(quota - used, 0)),
            "X-Rate-Limit-Requests-Quota": str(quota),
            "X-Rate-Limit-Time-Reset-Ms": str(reset_ms),
            "X-Rate-Limit-Time-Window-Ms": str(window_ms),
        }
        if not allowed:
            headers["X-Retry-After"] = str(max(1, math.ceil(reset_ms / 1000)))
        return headers


@dataclass
class Fault:
    id: int
    method: str
    path: str
    kind: str
    times: int
    latency_ms: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def validate_fault(raw: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """(values, errors) for a fault described as ``{method, path, kind, times, latency_ms}``."""
    errors: dict[str, str] = {}
    if not isinstance(raw, dict):
        return {}, {"body": "must be a JSON object"}
    method = raw.get("method", "*")
    path = raw.get("path", "*")
    kind = raw.get("kind")
    times = raw.get("times", 1)
    latency = raw.get("latency_ms", 0)
    if not isinstance(method, str) or not method:
        errors["method"] = "must be an HTTP method or *"
    if not isinstance(path, str) or not path:
        errors["path"] = "must be a path pattern"
    if kind not in FAULT_KINDS:
        errors["kind"] = f"must be one of {', '.join(FAULT_KINDS)}"
    if isinstance(times, bool) or not isinstance(times, int) or times < 1:
        errors["times"] = "must be a positive integer"
    if isinstance(latency, bool) or not isinstance(latency, int) or latency < 0:
        errors["latency_ms"] = "must be a non-negative integer"
    if kind == "latency" and not errors and latency == 0:
        errors["latency_ms"] = "a latency fault needs latency_ms"
    values = {
        "method": str(method).upper(),
        "path": path,
        "kind": kind,
        "times": times,
        "latency_ms": latency,
    }
    return values, errors


def parse_fault_spec(spec: str) -> dict[str, Any]:
    """``"POST /payments close_after 1 [latency_ms]"`` → fault values (ValueError if bad)."""
    parts = shlex.split(spec)
    if len(parts) < 3 or len(parts) > 5:
        raise ValueError(f"a fault is 'METHOD PATH KIND [TIMES [LATENCY_MS]]', not {spec!r}")
    raw: dict[str, Any] = {"method": parts[0], "path": parts[1], "kind": parts[2]}
    try:
        if len(parts) > 3:
            raw["times"] = int(parts[3])
        if len(parts) > 4:
            raw["latency_ms"] = int(parts[4])
    except ValueError:
        raise ValueError(f"TIMES and LATENCY_MS must be integers in {spec!r}") from None
    values, errors = validate_fault(raw)
    if errors:
        raise ValueError(f"bad fault {spec!r}: " + "; ".join(f"{k} {v}" for k, v in errors.items()))
    return values


class FaultSet:
    """Queued faults; each fires on the next ``times`` matching requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._next_id = 1

    def add(self, method: str, path: str, kind: str, times: int = 1, latency_ms: int = 0) -> int:
        values, errors = validate_fault(
            {"method": method, "path": path, "kind": kind, "times": times, "latency_ms": latency_ms}
        )
        if errors:
            raise ValueError("; ".join(f"{k} {v}" for k, v in errors.items()))
        with self._lock:
            fault = Fault(self._next_id, **values)
            self._next_id += 1
            self._faults.append(fault)
            return fault.id

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def active(self) -> list[dict[str, Any]]:
        with self._lock:
            return [f.as_dict() for f in self._faults]

    def take(self, method: str, path: str) -> Fault | None:
        """The first fault matching this request, counted down (None when there is none)."""
        with self._lock:
            for fault in self._faults:
                if fault.method not in ("*", method.upper()):
                    continue
                if not fnmatch.fnmatchcase(path, fault.path):
                    continue
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return Fault(
                    fault.id, fault.method, fault.path, fault.kind, fault.times, fault.latency_ms
                )
        return None

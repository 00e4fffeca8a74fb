"""Wrong PINs lock a staff member out for a growing time, and a restart does not reset it.

After :data:`FREE_ATTEMPTS` wrong PINs in a row the member is locked for
:data:`FIRST_LOCK_SECONDS`; every further wrong PIN (once the lock has passed) doubles it,
up to :data:`MAX_LOCK_SECONDS`. A right PIN clears the count; so does a day without a wrong
one. The state lives in the register's data folder (0600), written atomically.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from pos.staff.files import write_atomic

FREE_ATTEMPTS = 3
FIRST_LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 3600
FORGET_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class LockState:
    failures: int = 0
    last_failure: datetime | None = None
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


def lock_seconds(failures: int) -> int:
    """How long the ``failures``-th wrong PIN in a row locks the member (0: not at all)."""
    if failures < FREE_ATTEMPTS:
        return 0
    return int(min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** (failures - FREE_ATTEMPTS)))


class LockoutBook:
    """Wrong-PIN counts per staff member (by name key), kept in one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()  # sign-in and an approval may check PINs at once

    def _load(self) -> dict[str, LockState]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            # An unreadable book must not unlock anyone: start counting again from a lock.
            return {"*": LockState(FREE_ATTEMPTS, None, None)}
        found: dict[str, LockState] = {}
        if isinstance(raw, dict):
            for key, entry in raw.items():
                if not isinstance(entry, dict):
                    continue
                found[str(key)] = LockState(
                    int(entry.get("failures", 0)),
                    _time(entry.get("last_failure")),
                    _time(entry.get("locked_until")),
                )
        return found

    def _save(self, states: dict[str, LockState]) -> None:
        data = {
            key: {
                "failures": s.failures,
                "last_failure": s.last_failure.isoformat() if s.last_failure else None,
                "locked_until": s.locked_until.isoformat() if s.locked_until else None,
            }
            for key, s in states.items() if key != "*" and s.failures
        }
        write_atomic(self.path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())

    def state(self, key: str, now: datetime) -> LockState:
        states = self._load()
        state = states.get(key, states.get("*", LockState()))
        if state.last_failure is not None and now - state.last_failure > FORGET_AFTER and (
            not state.is_locked(now)
        ):
            return LockState()
        return state

    def failed(self, key: str, now: datetime) -> LockState:
        """Count a wrong PIN; returns the new state (locked or not)."""
        with self._lock:
            return self._failed(key, now)

    def _failed(self, key: str, now: datetime) -> LockState:
        states = self._load()
        old = self.state(key, now)
        failures = old.failures + 1
        seconds = lock_seconds(failures)
        until = now + timedelta(seconds=seconds) if seconds else None
        new = LockState(failures, now, until)
        states.pop("*", None)
        states[key] = new
        self._save(states)
        return new

    def succeeded(self, key: str) -> None:
        """A right PIN (or a new one set by an administrator): the count starts again."""
        with self._lock:
            states = self._load()
            if key in states or "*" in states:
                states.pop(key, None)
                states.pop("*", None)
                self._save(states)


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None

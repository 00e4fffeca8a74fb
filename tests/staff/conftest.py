"""Fixtures of the staff tests: private profile and data folders (through the environment
variables the app reads), a clock the test moves by hand, and a ``pos`` runner that keeps
every argument list it was given (so a test can check that no PIN was ever on one)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.cli import Folders, Result, private_folders, run_pos

from pos.staff import ScryptParams, StaffDesk, StaffMember, hash_pin
from pos.staff.roster import Roster, save_roster

#: Cheaper than the register's scrypt cost, for tests that hash many PINs; the stored
#: parameters travel with each hash, so verification is the same code path.
FAST = ScryptParams(n=2**10, r=8, p=1)

#: PINs of the test staff: long and unusual, so that finding one in a file means a leak.
PINS = {"Ana": "48151623", "Bob": "90210377", "Maria": "73519864", "Sam": "62830519"}


@pytest.fixture(autouse=True)
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Folders:
    return private_folders(tmp_path, monkeypatch)


class Clock:
    """The time as the test says: ``clock.advance(seconds=30)``."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def member(name: str, role: str, *, active: bool = True) -> StaffMember:
    return StaffMember(name, role, hash_pin(PINS[name], FAST), active)


@pytest.fixture
def roster() -> Roster:
    """Ana the clerk, Bob the supervisor, Maria the manager (user staff file of 'shop')."""
    staff = Roster("shop")
    for m in (member("Ana", "clerk"), member("Bob", "supervisor"), member("Maria", "manager")):
        staff = staff.with_member(m)
    save_roster(staff, "user")
    from pos.staff.roster import load_roster

    return load_roster("shop")


@pytest.fixture
def desk(roster: Roster, clock: Clock, folders: Folders) -> StaffDesk:
    return make_desk(roster, clock)


def make_desk(roster: Roster, clock: Clock) -> StaffDesk:
    """A desk as the register builds one: its log and lockouts in the profile's data."""
    return StaffDesk(roster, clock=clock)


@dataclass
class Runner:
    argvs: list[list[str]] = field(default_factory=list)
    run: Callable[..., Result] | None = None

    def __call__(self, *argv: str, stdin: str | None = None, tty: bool = False) -> Result:
        assert self.run is not None
        return self.run(*argv, stdin=stdin, tty=tty)


@pytest.fixture
def pos_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """Run ``pos ...`` in this process: ``pos_cli("staff", "list", stdin="...")``."""
    runner = Runner()

    def run(*argv: str, stdin: str | None = None, tty: bool = False) -> Result:
        runner.argvs.append(list(argv))
        return run_pos(capsys, monkeypatch, argv, stdin=stdin or "", tty=tty)

    runner.run = run
    return runner


@pytest.fixture
def shop(pos_cli: Runner) -> str:
    """A sandbox profile called 'shop' (no staff yet)."""
    assert pos_cli("profile", "add", "shop", "--sandbox").code == 0
    return "shop"

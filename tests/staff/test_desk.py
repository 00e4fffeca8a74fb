"""Sign-in, lockouts, idle lock and gated actions, on the staff desk with no screen."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest

from pos.staff import (
    Approval,
    ApprovalError,
    AuditEvent,
    Permission,
    SignInRefused,
    StaffDesk,
    staff_note,
)
from pos.staff.lockout import FIRST_LOCK_SECONDS, FREE_ATTEMPTS, MAX_LOCK_SECONDS, lock_seconds
from pos.staff.roster import Roster

from .conftest import PINS, Clock, make_desk


def events(desk: StaffDesk) -> list[dict[str, object]]:
    return [json.loads(line) for line in desk.audit.path.read_text().splitlines()]


def test_sign_in_with_the_right_pin_and_out_by_key(desk: StaffDesk) -> None:
    assert desk.required
    assert desk.sign_in("ana", PINS["Ana"]).name == "Ana"  # names ignore case
    assert desk.clerk is not None and desk.clerk.name == "Ana"
    desk.sign_out()
    assert desk.clerk is None
    assert [(e["event"], e["staff"]) for e in events(desk)] == [
        ("sign_in", "Ana"), ("sign_out", "Ana"),
    ]


def test_switching_clerk_signs_the_first_out(desk: StaffDesk) -> None:
    desk.sign_in("Ana", PINS["Ana"])
    desk.sign_in("Bob", PINS["Bob"])
    assert desk.clerk is not None and desk.clerk.name == "Bob"
    assert [(e["event"], e["staff"], e["details"]) for e in events(desk)][1:] == [
        ("sign_out", "Ana", {"reason": "switch"}),
        ("sign_in", "Bob", {"role": "supervisor"}),
    ]


@pytest.mark.parametrize("name,pin", [
    ("Ana", PINS["Bob"]), ("Nobody", PINS["Ana"]), ("Ana", "0000"), ("Ana", "12"),
])
def test_every_refusal_says_the_same_thing(desk: StaffDesk, name: str, pin: str) -> None:
    with pytest.raises(SignInRefused) as caught:
        desk.sign_in(name, pin)
    assert str(caught.value) == "wrong name or PIN"
    assert desk.clerk is None
    failed = events(desk)[-1]
    assert failed["event"] == "pin_failed"


def test_an_inactive_member_cannot_sign_in(roster: Roster, clock: Clock) -> None:
    import dataclasses

    ana = roster.get("Ana")
    desk = make_desk(roster.with_member(dataclasses.replace(ana, active=False)), clock)
    with pytest.raises(SignInRefused, match="wrong name or PIN"):
        desk.sign_in("Ana", PINS["Ana"])


def test_the_lock_grows_with_each_wrong_pin() -> None:
    assert [lock_seconds(n) for n in range(1, FREE_ATTEMPTS)] == [0] * (FREE_ATTEMPTS - 1)
    grown = [lock_seconds(n) for n in range(FREE_ATTEMPTS, FREE_ATTEMPTS + 4)]
    assert grown == [FIRST_LOCK_SECONDS * 2**k for k in range(4)]
    assert lock_seconds(100) == MAX_LOCK_SECONDS


def test_wrong_pins_lock_the_member_for_a_growing_time_even_after_a_restart(
    roster: Roster, clock: Clock
) -> None:
    desk = make_desk(roster, clock)
    for _ in range(FREE_ATTEMPTS - 1):
        with pytest.raises(SignInRefused) as caught:
            desk.sign_in("Ana", "1111")
        assert caught.value.locked_until is None
    with pytest.raises(SignInRefused) as caught:
        desk.sign_in("Ana", "1111")
    first = caught.value.locked_until
    assert first == clock.now + timedelta(seconds=FIRST_LOCK_SECONDS)

    # A restart (a new desk on the same files) keeps the lock: even the right PIN fails.
    desk = make_desk(roster, clock)
    with pytest.raises(SignInRefused) as caught:
        desk.sign_in("Ana", PINS["Ana"])
    assert str(caught.value) == "locked" and caught.value.locked_until == first
    # Other staff are not locked.
    desk.sign_in("Bob", PINS["Bob"])

    clock.advance(seconds=FIRST_LOCK_SECONDS)
    with pytest.raises(SignInRefused) as caught:
        desk.sign_in("Ana", "2222")
    assert caught.value.locked_until == clock.now + timedelta(seconds=2 * FIRST_LOCK_SECONDS)
    clock.advance(seconds=2 * FIRST_LOCK_SECONDS)
    assert desk.sign_in("Ana", PINS["Ana"]).name == "Ana"
    # The right PIN clears the count: the next wrong one does not lock.
    with pytest.raises(SignInRefused) as caught:
        desk.sign_in("Ana", "3333")
    assert caught.value.locked_until is None
    kinds = [e["event"] for e in events(desk)]
    assert kinds.count("pin_failed") == 5 and kinds.count("locked_out") == 1


def test_idle_lock_after_the_profiles_idle_time(desk: StaffDesk, clock: Clock) -> None:
    assert desk.idle_lock_seconds == 300
    desk.sign_in("Ana", PINS["Ana"])
    clock.advance(seconds=299)
    assert not desk.check_idle()
    desk.touch()  # a key press
    clock.advance(seconds=299)
    assert not desk.check_idle() and desk.clerk is not None
    clock.advance(seconds=1)
    assert desk.check_idle()
    assert desk.clerk is None
    assert events(desk)[-1]["event"] == "idle_lock"
    assert not desk.check_idle()  # nobody left to lock


def test_no_idle_lock_when_the_profile_turns_it_off(roster: Roster, clock: Clock) -> None:
    import dataclasses

    from pos.staff import StaffSettings

    desk = make_desk(dataclasses.replace(roster, settings=StaffSettings(0)), clock)
    desk.sign_in("Ana", PINS["Ana"])
    clock.advance(days=2)
    assert not desk.check_idle() and desk.clerk is not None


@pytest.mark.parametrize("action", list(Permission))
def test_each_gated_action_is_refused_for_a_clerk_and_allowed_once_with_approval(
    desk: StaffDesk, action: Permission
) -> None:
    clerk = desk.sign_in("Ana", PINS["Ana"])
    approval = desk.gate(action, clerk)
    assert not approval.granted and approval.needs_approver
    with pytest.raises(ApprovalError):
        approval.use(action)
    assert [m.name for m in desk.approvers(action, "Ana")][-1] == "Maria"
    desk.approve(approval, "Maria", PINS["Maria"])
    assert approval.granted and approval.approver == "Maria"
    approval.use(action, details={"order_id": 120})
    with pytest.raises(ApprovalError, match="already used"):
        approval.use(action)
    logged = events(desk)
    refused, granted, done = logged[-3:]
    assert (refused["event"], refused["staff"], refused["action"]) == (
        "action_refused", "Ana", action.value)
    assert (granted["event"], granted["staff"], granted["approver"], granted["action"]) == (
        "approval_granted", "Ana", "Maria", action.value)
    assert (done["event"], done["staff"], done["approver"], done["action"]) == (
        "action_allowed", "Ana", "Maria", action.value)
    assert done["details"]["order_id"] == 120
    assert done["details"]["approval"] == granted["details"]["approval"] == approval.id


def test_an_approval_is_for_its_own_action_only(desk: StaffDesk) -> None:
    clerk = desk.sign_in("Ana", PINS["Ana"])
    approval = desk.gate(Permission.VOID, clerk)
    desk.approve(approval, "Maria", PINS["Maria"])
    with pytest.raises(ApprovalError, match="not refund"):
        approval.use(Permission.REFUND)
    approval.use(Permission.VOID)
    # The next void needs a new approval.
    assert desk.gate(Permission.VOID, clerk).needs_approver


def test_a_role_with_the_permission_needs_no_approval(desk: StaffDesk) -> None:
    bob = desk.sign_in("Bob", PINS["Bob"])
    approval = desk.gate(Permission.NO_SALE)
    assert approval.granted and approval.approver is None
    approval.use(Permission.NO_SALE)
    assert events(desk)[-1]["event"] == "action_allowed"
    assert desk.gate(Permission.REFUND, bob).needs_approver  # supervisors cannot refund


def test_the_approver_must_hold_the_permission_and_be_someone_else(desk: StaffDesk) -> None:
    desk.sign_in("Ana", PINS["Ana"])
    approval = desk.gate(Permission.REFUND)
    with pytest.raises(SignInRefused, match="may not approve"):
        desk.approve(approval, "Bob", PINS["Bob"])  # a supervisor cannot approve refunds
    with pytest.raises(SignInRefused, match="wrong name or PIN"):
        desk.approve(approval, "Maria", PINS["Bob"])
    assert not approval.granted
    maria = desk.sign_in("Maria", PINS["Maria"])
    own = desk.gate(Permission.REFUND, maria)
    assert own.granted  # a manager does it herself
    assert "Maria" not in [m.name for m in desk.approvers(Permission.REFUND, "Maria")]
    kinds = [(e["event"], e["approver"]) for e in events(desk)]
    assert ("approval_refused", "Bob") in kinds


def test_wrong_approver_pins_lock_the_approver_out(desk: StaffDesk) -> None:
    desk.sign_in("Ana", PINS["Ana"])
    approval = desk.gate(Permission.VOID)
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(SignInRefused):
            desk.approve(approval, "Maria", "5555")
    with pytest.raises(SignInRefused, match="locked"):
        desk.approve(approval, "Maria", PINS["Maria"])
    assert not approval.granted


def test_a_discount_up_to_the_limit_needs_no_permission(roster: Roster, clock: Clock) -> None:
    import dataclasses

    from pos.staff import StaffSettings

    desk = make_desk(dataclasses.replace(roster, settings=StaffSettings(300, Decimal(10))),
                     clock)
    ana = desk.sign_in("Ana", PINS["Ana"])
    assert desk.gate(Permission.DISCOUNT_OVERRIDE, ana, percent=Decimal("10")).granted
    assert desk.gate(Permission.DISCOUNT_OVERRIDE, ana, percent=Decimal("10.01")).needs_approver


def test_cancelling_an_approval_is_recorded_and_it_cannot_be_used(desk: StaffDesk) -> None:
    desk.sign_in("Ana", PINS["Ana"])
    approval = desk.gate(Permission.CLOSE_SHIFT)
    desk.cancel(approval)
    assert not approval.needs_approver
    with pytest.raises(ApprovalError):
        approval.use(Permission.CLOSE_SHIFT)
    assert events(desk)[-1]["details"]["why"] == "cancelled"


def test_without_staff_every_action_is_allowed(clock: Clock) -> None:
    desk = make_desk(Roster("shop"), clock)
    assert not desk.required
    approval = desk.gate(Permission.REFUND)
    assert isinstance(approval, Approval) and approval.granted


def test_drawer_shift_and_profile_events_are_recorded(desk: StaffDesk) -> None:
    desk.sign_in("Bob", PINS["Bob"])
    approval = desk.gate(Permission.NO_SALE)
    desk.record(AuditEvent.DRAWER_OPEN, approval=approval, details={"reason": "no sale"})
    desk.record(AuditEvent.SHIFT_OPEN, details={"float": "100.00"})
    desk.record(AuditEvent.PROFILE_EDIT, details={"field": "receipt_footer"})
    assert [(e["event"], e["staff"]) for e in events(desk)][-3:] == [
        ("drawer_open", "Bob"), ("shift_open", "Bob"), ("profile_edit", "Bob"),
    ]
    assert desk.audit.verify().ok


def test_staff_note_names_the_clerk_and_the_approver(desk: StaffDesk) -> None:
    ana = desk.sign_in("Ana", PINS["Ana"])
    assert staff_note(ana) == "Clerk: Ana"
    approval = desk.gate(Permission.REFUND)
    desk.approve(approval, "Maria", PINS["Maria"])
    assert staff_note(approval.clerk, approval.approver) == "Clerk: Ana; approved by: Maria"


def test_the_audit_log_refuses_details_that_could_hold_a_pin(desk: StaffDesk) -> None:
    from pos.staff.audit import AuditError

    with pytest.raises(AuditError):
        desk.audit.append(AuditEvent.PROFILE_EDIT, details={"pin": "x"})

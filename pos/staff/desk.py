"""The staff desk of one register: who is signed in, idle lock, and gated actions.

``desk.gate(action, clerk)`` is the one way a gated action is reached::

    approval = desk.gate(Permission.REFUND, desk.clerk)
    if approval.needs_approver:                      # the clerk lacks the permission
        desk.approve(approval, "Maria", pin)         # a manager's PIN, on the same screen
    approval.use(Permission.REFUND, details={"order_id": 120})   # once, for this action only
    ... do the refund ...
    order.staff_notes = staff_note(approval.clerk, approval.approver)

Every step is written to the audit log with both names; no PIN ever is.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from pos.staff.audit import AuditEvent, AuditLog, Clock, utc_now
from pos.staff.files import LOCKOUTS_NAME, register_dir
from pos.staff.lockout import LockoutBook, LockState
from pos.staff.pins import DEFAULT_PARAMS, hash_pin, verify_pin
from pos.staff.roles import Permission
from pos.staff.roster import Roster, StaffMember, load_roster, name_key

#: Compared against when a name is unknown or inactive, so that the answer takes as long
#: as for a real member (and says the same thing).
_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_pin("".join(secrets.choice("0123456789") for _ in range(8)),
                               DEFAULT_PARAMS)
    return _DUMMY_HASH


class SignInRefused(Exception):
    """A PIN was not accepted. ``locked_until`` is set when the member is locked out.

    The message is the same for an unknown name, an inactive member and a wrong PIN, and
    never says which digit was wrong.
    """

    def __init__(self, message: str, *, locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.locked_until = locked_until


WRONG_PIN = "wrong name or PIN"


class ApproverNotAllowed(SignInRefused):
    """The PIN was right, but its owner may not approve this action (or is the clerk)."""


class ApprovalError(Exception):
    """An approval is used for another action, twice, or without being granted."""


@dataclass
class Approval:
    """The answer of :meth:`StaffDesk.gate`: may ``clerk`` do ``action`` now?

    ``granted``: yes (the clerk's role allows it, or ``approver`` approved it).
    ``needs_approver``: not yet; someone whose role allows it must enter their PIN.
    An approval is used once (:meth:`use`), for its own action only.
    """

    action: Permission
    clerk: str
    granted: bool
    approver: str | None = None
    id: str = field(default_factory=lambda: secrets.token_hex(6))
    used: bool = False
    _desk: StaffDesk | None = field(default=None, repr=False, compare=False)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def needs_approver(self) -> bool:
        return not self.granted and not self.used

    def use(self, action: Permission, *, details: Mapping[str, Any] | None = None) -> None:
        """Spend the approval on ``action`` (recorded); raises :class:`ApprovalError` when
        it is not granted, was used already, or was given for another action."""
        if action != self.action:
            raise ApprovalError(f"this approval is for {self.action.label}, not {action.label}")
        if self.used:
            raise ApprovalError(f"this approval for {self.action.label} was already used")
        if not self.granted:
            raise ApprovalError(f"{self.action.label} needs a manager's approval")
        self.used = True
        if self._desk is not None:
            self._desk.audit.append(
                AuditEvent.ACTION_ALLOWED, staff=self.clerk, approver=self.approver,
                action=self.action.value,
                details={"approval": self.id, **self.details, **dict(details or {})},
            )


def staff_note(clerk: StaffMember | str, approver: StaffMember | str | None = None) -> str:
    """The text for an order's ``staff_notes``: who rang it up, and who approved it."""
    who = clerk.name if isinstance(clerk, StaffMember) else clerk
    note = f"Clerk: {who}"
    if approver is not None:
        by = approver.name if isinstance(approver, StaffMember) else approver
        note += f"; approved by: {by}"
    return note


class StaffDesk:
    """Sign-in, sign-out, idle lock and approvals for one profile on this register.

    ``clock`` gives the time (aware, UTC): tests pass their own. Every PIN check is a slow
    scrypt hash: call :meth:`sign_in` and :meth:`approve` off the GUI thread.
    """

    def __init__(
        self,
        roster: Roster,
        *,
        audit: AuditLog | None = None,
        lockouts: LockoutBook | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.roster = roster
        self.clock = clock
        self.audit = audit or AuditLog.for_profile(roster.profile, clock=clock)
        self.lockouts = lockouts or LockoutBook(register_dir(roster.profile) / LOCKOUTS_NAME)
        self.clerk: StaffMember | None = None
        self._last_activity: datetime = clock()

    @classmethod
    def for_profile(cls, profile: str, *, clock: Clock = utc_now) -> StaffDesk:
        return cls(load_roster(profile), clock=clock)

    # -- who is here --------------------------------------------------------------------

    @property
    def required(self) -> bool:
        """Whether the register asks for a PIN at all (the profile has active staff)."""
        return self.roster.has_staff

    @property
    def idle_lock_seconds(self) -> int:
        return self.roster.settings.idle_lock_seconds

    def lock_state(self, name: str) -> LockState:
        return self.lockouts.state(name_key(name), self.clock())

    def check_pin(self, name: str, pin: str, *, purpose: str) -> StaffMember:
        """The active member ``name`` if ``pin`` is theirs; counts wrong PINs, locks out.

        Raises :class:`SignInRefused` with one message for every kind of refusal.
        """
        now = self.clock()
        member = self.roster.find(name)
        key = member.key if member is not None else None
        if key is not None:
            state = self.lockouts.state(key, now)
            if state.is_locked(now):
                self.audit.append(AuditEvent.LOCKED_OUT, staff=member.name if member else None,
                                  details={"purpose": purpose})
                raise SignInRefused("locked", locked_until=state.locked_until)
        stored = member.pin_hash if member is not None and member.active else _dummy_hash()
        ok = verify_pin(pin, stored) and member is not None and member.active
        if ok and member is not None:
            self.lockouts.succeeded(member.key)
            return member
        details: dict[str, Any] = {"purpose": purpose}
        until = None
        if member is not None:
            state = self.lockouts.failed(member.key, now)
            details["failures"] = state.failures
            if state.locked_until is not None:
                until = state.locked_until
                details["locked_until"] = until.isoformat()
        else:
            details["known"] = False
        self.audit.append(AuditEvent.PIN_FAILED, staff=member.name if member else None,
                          details=details)
        raise SignInRefused(WRONG_PIN, locked_until=until)

    def sign_in(self, name: str, pin: str) -> StaffMember:
        """Sign ``name`` in (the previous clerk, if any, is signed out: the sale stays)."""
        member = self.check_pin(name, pin, purpose="sign_in")
        if self.clerk is not None and self.clerk.key != member.key:
            self.sign_out(reason="switch")
        self.clerk = member
        self.touch()
        self.audit.append(AuditEvent.SIGN_IN, staff=member.name,
                          details={"role": member.role})
        return member

    def sign_out(self, *, reason: str = "key") -> None:
        if self.clerk is None:
            return
        name, self.clerk = self.clerk.name, None
        event = AuditEvent.IDLE_LOCK if reason == "idle" else AuditEvent.SIGN_OUT
        self.audit.append(event, staff=name, details={"reason": reason})

    def touch(self) -> None:
        """The clerk did something: the idle time starts again."""
        self._last_activity = self.clock()

    def idle_for(self) -> timedelta:
        return self.clock() - self._last_activity

    def idle_due(self) -> bool:
        """Whether the clerk has been idle for the profile's idle time (nothing written)."""
        limit = self.idle_lock_seconds
        return self.clerk is not None and limit > 0 and (
            self.idle_for() >= timedelta(seconds=limit))

    def check_idle(self) -> bool:
        """Lock (sign out) when the clerk has been idle too long; True when it did."""
        if self.idle_due():
            self.sign_out(reason="idle")
            return True
        return False

    # -- gated actions ------------------------------------------------------------------

    def gate(
        self, action: Permission, clerk: StaffMember | None = None, *,
        percent: Decimal | None = None, details: Mapping[str, Any] | None = None,
    ) -> Approval:
        """May ``clerk`` (default: the one signed in) do ``action`` now?

        A discount at or under the profile's limit (``percent``) needs no permission.
        With no staff list at all, every action is allowed (the register has no sign-in).
        """
        who = clerk or self.clerk
        extra = dict(details or {})
        if percent is not None:
            extra["percent"] = str(percent)
        if not self.required:
            return Approval(action, "", True, _desk=self, details=extra)
        if who is None:
            raise ApprovalError("nobody is signed in")
        allowed = self.roster.allows(who, action) or (
            action == Permission.DISCOUNT_OVERRIDE and percent is not None
            and percent <= self.roster.settings.discount_limit_percent
        )
        approval = Approval(action, who.name, allowed, _desk=self, details=extra)
        if not allowed:
            self.audit.append(AuditEvent.ACTION_REFUSED, staff=who.name, action=action.value,
                              details={"approval": approval.id, "waiting_for": "approver",
                                       **extra})
        return approval

    def approvers(self, action: Permission, clerk: str | None = None) -> list[StaffMember]:
        """The active members who may approve ``action`` (never the clerk asking)."""
        key = name_key(clerk) if clerk else None
        return [m for m in self.roster.active_members()
                if self.roster.allows(m, action) and m.key != key]

    def approve(self, approval: Approval, approver: str, pin: str) -> Approval:
        """Grant ``approval`` with ``approver``'s PIN (recorded with both names)."""
        if approval.granted or approval.used:
            raise ApprovalError("this action needs no further approval")
        member = self.check_pin(approver, pin, purpose="approval")
        if member.key == name_key(approval.clerk) or not self.roster.allows(
            member, approval.action
        ):
            self.audit.append(AuditEvent.APPROVAL_REFUSED, staff=approval.clerk,
                              approver=member.name, action=approval.action.value,
                              details={"approval": approval.id, "why": "not allowed"})
            raise ApproverNotAllowed(f"{member.name} may not approve {approval.action.label}")
        approval.approver = member.name
        approval.granted = True
        self.audit.append(AuditEvent.APPROVAL_GRANTED, staff=approval.clerk,
                          approver=member.name, action=approval.action.value,
                          details={"approval": approval.id, **approval.details})
        return approval

    def cancel(self, approval: Approval) -> None:
        """The clerk gave up waiting for an approver."""
        if not approval.granted and not approval.used:
            approval.used = True
            self.audit.append(AuditEvent.APPROVAL_REFUSED, staff=approval.clerk,
                              action=approval.action.value,
                              details={"approval": approval.id, "why": "cancelled"})

    # -- other events (their callers come with the drawer, the shift, the profile) ------

    def record(self, event: AuditEvent, *, approval: Approval | None = None,
               details: Mapping[str, Any] | None = None) -> None:
        """Write a drawer, shift or profile event, by the clerk signed in."""
        self.audit.append(
            event, staff=self.clerk.name if self.clerk else None,
            approver=approval.approver if approval else None,
            details={**({"approval": approval.id} if approval else {}), **dict(details or {})},
        )

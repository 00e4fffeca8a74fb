"""Refunds and voids gated by the staff room: ``desk.gate(Permission.REFUND|VOID)`` →
(a manager's PIN when the clerk's role lacks it) → ``approval.use(...)``, recorded in the
audit log with both names. Without staff, the desk allows every action and the profile's
``allow_refunds`` alone decides (see :class:`pos.returns.records.ReturnsSettings`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from pos.returns.engine import ReturnsError
from pos.staff.desk import Approval, ApprovalError, StaffDesk, staff_note
from pos.staff.roles import Permission

__all__ = ["staff_gate"]

#: Shows the approval to a manager (the register's approval overlay); the approval granted,
#: or None when the clerk gave up.
AskManager = Callable[[Approval], Awaitable[Approval | None]]

_PERMISSIONS = {"refund": Permission.REFUND, "void": Permission.VOID}


def staff_gate(desk: StaffDesk, ask: AskManager | None = None
               ) -> Callable[[str, int], Awaitable[str | None]]:
    """The ``approve`` callable of :class:`pos.returns.Returns` for ``desk``: the action
    allowed (once), it answers who did it and who approved it, for the order's notes."""

    async def approve(action: str, order_id: int) -> str | None:
        permission = _PERMISSIONS[action]
        details: dict[str, Any] = {"order_id": order_id}
        try:
            approval = desk.gate(permission, details=details)
        except ApprovalError as exc:
            raise ReturnsError(str(exc)) from None
        if not approval.granted:
            answer = await ask(approval) if ask is not None else None
            if answer is None or not answer.granted:
                raise ReturnsError(f"The {action} needs a manager's approval.")
            approval = answer
        try:
            approval.use(permission, details=details)
        except ApprovalError as exc:
            raise ReturnsError(str(exc)) from None
        return staff_note(approval.clerk, approval.approver) if approval.clerk else None

    return approve

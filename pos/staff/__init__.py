"""Staff at the register: PINs, roles, approvals on the spot, and the audit log.

No Qt here: the sign-in screen (``pos.ui.sign_in``) and the command line
(``pos staff``, ``pos audit``) are faces of this room.
"""

from pos.staff.audit import AuditEvent, AuditLog, AuditRecord, Verdict
from pos.staff.desk import (
    Approval,
    ApprovalError,
    ApproverNotAllowed,
    SignInRefused,
    StaffDesk,
    staff_note,
)
from pos.staff.pins import PinError, ScryptParams, check_pin, hash_pin, verify_pin
from pos.staff.roles import BUILTIN_ROLES, Permission, Role
from pos.staff.roster import (
    Roster,
    StaffError,
    StaffMember,
    StaffSettings,
    load_roster,
    save_roster,
)

__all__ = [
    "BUILTIN_ROLES",
    "Approval",
    "ApprovalError",
    "ApproverNotAllowed",
    "AuditEvent",
    "AuditLog",
    "AuditRecord",
    "Permission",
    "PinError",
    "Role",
    "Roster",
    "ScryptParams",
    "SignInRefused",
    "StaffDesk",
    "StaffError",
    "StaffMember",
    "StaffSettings",
    "Verdict",
    "check_pin",
    "hash_pin",
    "load_roster",
    "save_roster",
    "staff_note",
    "verify_pin",
]

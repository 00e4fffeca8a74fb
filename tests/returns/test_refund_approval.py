"""Refunds and voids are gated by the staff room: a clerk is refused without a manager's
PIN, allowed once with it (recorded with both names); nothing reaches the store otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from returns_support import Orders, all_lines, fast_settings, store_refunds

from pos.api.client import BigCommerceClient
from pos.returns import RefundJournal, Returns, ReturnsError
from pos.returns.approval import staff_gate
from pos.staff import ScryptParams, StaffDesk, StaffMember, hash_pin
from pos.staff.desk import Approval
from pos.staff.roster import Roster, load_roster, save_roster

FAST = ScryptParams(n=2**10, r=8, p=1)
PINS = {"Ana": "48151623", "Maria": "73519864"}


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StaffDesk:
    monkeypatch.setenv("POS_PROFILES_DIR", str(tmp_path / "profiles"))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(tmp_path / "system"))
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    staff = Roster("shop")
    staff = staff.with_member(StaffMember("Ana", "clerk", hash_pin(PINS["Ana"], FAST), True))
    staff = staff.with_member(StaffMember("Maria", "manager", hash_pin(PINS["Maria"], FAST),
                                          True))
    save_roster(staff, "user")
    desk = StaffDesk(load_roster("shop"))
    desk.sign_in("Ana", PINS["Ana"])
    return desk


async def test_clerk_refused_then_approved_once(
    client: BigCommerceClient, journal: RefundJournal, orders: Orders, desk: StaffDesk
) -> None:
    order_id = orders.paid(2)
    refused = Returns(client, journal, fast_settings(), approve=staff_gate(desk))
    view = await refused.order(order_id)
    one = [all_lines(view, restock=False)[0].__class__(item_id=view.lines[0].item_id,
                                                      quantity=1, restock=False)]
    with pytest.raises(ReturnsError, match="approval"):
        await refused.refund(order_id, one)
    assert await store_refunds(client, order_id) == []

    asked: list[Approval] = []

    async def manager(approval: Approval) -> Approval | None:
        asked.append(approval)
        return desk.approve(approval, "Maria", PINS["Maria"])

    approved = Returns(client, journal, fast_settings(), approve=staff_gate(desk, manager))
    result = await approved.refund(order_id, one)
    assert result.outcome == "refunded"
    assert [a.clerk for a in asked] == ["Ana"] and asked[0].approver == "Maria"
    assert asked[0].used
    # The next refund asks again: an approval is for one action only.
    result = await approved.refund(order_id, one)
    assert result.outcome == "refunded" and len(asked) == 2
    assert len(await store_refunds(client, order_id)) == 2

"""The audit log's chain, and ``pos audit verify`` / ``pos audit show``."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta

import pytest

from pos.commands.audit import parse_since
from pos.staff import AuditEvent, AuditLog
from pos.staff.files import register_dir

from .conftest import Clock, Runner


@pytest.fixture
def log(clock: Clock) -> AuditLog:
    log = AuditLog.for_profile("shop", clock=clock)
    for n, event in enumerate([AuditEvent.SIGN_IN, AuditEvent.DRAWER_OPEN,
                               AuditEvent.APPROVAL_GRANTED, AuditEvent.SHIFT_CLOSE,
                               AuditEvent.SIGN_OUT]):
        log.append(event, staff="Ana", approver="Maria" if n == 2 else None,
                   action="void" if n == 2 else None, details={"n": n})
        clock.advance(hours=1)
    return log


def lines(log: AuditLog) -> list[str]:
    return log.path.read_text(encoding="utf-8").splitlines()


def write(log: AuditLog, new: list[str]) -> None:
    log.path.write_text("".join(f"{line}\n" for line in new), encoding="utf-8")


def test_each_line_carries_the_hash_of_the_one_before(log: AuditLog) -> None:
    records = [json.loads(line) for line in lines(log)]
    assert [r["seq"] for r in records] == [1, 2, 3, 4, 5]
    assert records[0]["prev"] == "0" * 64
    for before, after in itertools.pairwise(records):
        assert after["prev"] == before["hash"]
    assert log.verify().ok
    assert log.path.stat().st_mode & 0o777 == 0o600
    assert log.path.parent == register_dir("shop")


def test_verify_finds_an_edited_line(log: AuditLog, pos_cli: Runner) -> None:
    found = lines(log)
    found[2] = found[2].replace('"approver":"Maria"', '"approver":"Bob"')
    write(log, found)
    verdict = log.verify()
    assert (verdict.ok, verdict.line) == (False, 3)
    result = pos_cli("audit", "verify", "--profile", "shop")
    assert result.code == 1
    assert "line 3: its contents do not match its hash (the line was changed)" in result.err
    assert "Traceback" not in result.err


def test_verify_finds_a_line_edited_with_its_hash_recomputed(log: AuditLog) -> None:
    from pos.staff.audit import canonical, record_hash

    found = lines(log)
    record = json.loads(found[1])
    record["staff"] = "Bob"
    record["hash"] = record_hash(record)
    found[1] = canonical(record)
    write(log, found)
    assert (log.verify().ok, log.verify().line) == (False, 3)


def test_verify_finds_a_deleted_line(log: AuditLog, pos_cli: Runner) -> None:
    found = lines(log)
    del found[1]
    write(log, found)
    result = pos_cli("audit", "verify", "--profile", "shop")
    assert result.code == 1
    assert "line 2: does not follow line 1" in result.err


def test_verify_finds_the_first_line_deleted(log: AuditLog) -> None:
    write(log, lines(log)[1:])
    assert (log.verify().ok, log.verify().line) == (False, 1)


def test_verify_finds_reordered_lines(log: AuditLog, pos_cli: Runner) -> None:
    found = lines(log)
    found[3], found[4] = found[4], found[3]
    write(log, found)
    result = pos_cli("audit", "verify", "--profile", "shop", "--json")
    assert result.code == 1
    verdict = json.loads(result.out)
    assert (verdict["ok"], verdict["broken_line"]) == (False, 4)


def test_verify_finds_lines_cut_from_the_end(log: AuditLog) -> None:
    write(log, lines(log)[:3])
    verdict = log.verify()
    assert (verdict.ok, verdict.line) == (False, 4)
    assert "removed from the end" in verdict.reason


def test_verify_finds_a_line_that_is_not_json(log: AuditLog) -> None:
    found = lines(log)
    found[0] = found[0][:-5]
    write(log, found)
    assert (log.verify().ok, log.verify().line) == (False, 1)


def test_a_whole_chain_verifies_and_exits_zero(log: AuditLog, pos_cli: Runner) -> None:
    result = pos_cli("audit", "verify", "--profile", "shop")
    assert result.code == 0, result.err
    assert "whole (5 line(s))" in result.out


def test_an_empty_log_is_whole(pos_cli: Runner) -> None:
    assert pos_cli("audit", "verify", "--profile", "shop").code == 0


def test_appending_after_a_restart_continues_the_chain(log: AuditLog, clock: Clock) -> None:
    AuditLog.for_profile("shop", clock=clock).append(AuditEvent.SIGN_IN, staff="Bob")
    assert log.verify().ok and log.verify().lines == 6


def test_show_since_prints_events_in_text_and_json(log: AuditLog, pos_cli: Runner,
                                                   clock: Clock) -> None:
    since = (clock.now - timedelta(hours=2, minutes=30)).isoformat()
    result = pos_cli("audit", "show", "--profile", "shop", "--since", since)
    assert result.code == 0
    assert [line.split()[1] for line in result.out.splitlines()] == ["shift_close", "sign_out"]
    result = pos_cli("audit", "show", "--profile", "shop", "--json")
    shown = [json.loads(line) for line in result.out.splitlines()]
    assert [r["event"] for r in shown][2] == "approval_granted"
    assert shown[2]["approver"] == "Maria" and shown[2]["action"] == "void"


@pytest.mark.parametrize("argv,message", [
    (("audit", "show", "--profile", "shop", "--since", "last week"), "--since: expected"),
    (("audit", "show", "--since", "2h"), "name a profile"),
    (("audit", "verify", "--profile", "../etc"), "invalid profile name"),
])
def test_bad_input_is_one_message_and_a_nonzero_exit(
    pos_cli: Runner, argv: tuple[str, ...], message: str
) -> None:
    result = pos_cli(*argv)
    assert result.code != 0
    assert message in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_since_takes_dates_times_and_ages() -> None:
    now = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
    assert parse_since("2h", now) == now - timedelta(hours=2)
    assert parse_since("7d", now) == now - timedelta(days=7)
    assert parse_since("today", now) == datetime(2026, 3, 2, tzinfo=UTC)
    assert parse_since("yesterday", now) == datetime(2026, 3, 1, tzinfo=UTC)
    assert parse_since("2026-03-01T09:00+00:00", now) == datetime(2026, 3, 1, 9, tzinfo=UTC)
    assert parse_since("2026-03-01").tzinfo is not None
    with pytest.raises(ValueError):
        parse_since("soon", now)

"""A damaged journal is moved aside (never deleted), a fresh one is started, the clerk is
told plainly, and what the old one still holds can be read (payment-unknown first)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from pos.sale.journal import Journal
from pos.sale.journal_recovery import damaged_journals, open_journal, salvage


def a_journal_with_an_unknown_payment(path: Path) -> str:
    with Journal(path) as journal:
        sale_id = journal.start_sale("shop", currency="USD")
        journal.order_created(sale_id, 100)
        journal.begin_payment_attempt(sale_id, order_id=100, method_kind="card",
                                      amount=Decimal("10.00"), currency="USD")
        done = journal.start_sale("shop", currency="USD")
        journal.mark_finished(done, "abandoned")
    return sale_id


def cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def zeroed_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


def a_directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "x").write_text("x")


def execute(sql: str) -> Callable[[Path], None]:
    def corrupt(path: Path) -> None:
        db = sqlite3.connect(path)
        db.execute(sql)
        db.commit()
        db.close()
    return corrupt


def empty(path: Path) -> None:
    path.write_bytes(b"")


CORRUPTIONS: dict[str, Callable[[Path], None]] = {
    "cut-in-half": cut_in_half,
    "random-bytes": random_bytes,
    "zeroed-header": zeroed_header,
    "a-directory": a_directory,
    "dropped-table": execute("DROP TABLE events"),
    "unknown-outcome": execute("UPDATE payment_attempts SET outcome = 'teleported'"),
    "newer-schema": execute("PRAGMA user_version = 99"),
    "zero-bytes": empty,
}
READABLE = {"dropped-table", "unknown-outcome", "newer-schema"}


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_a_damaged_journal_is_moved_aside_and_a_fresh_one_used(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / "journal.sqlite3"
    sale_id = a_journal_with_an_unknown_payment(path)
    for side in ("-wal", "-shm"):
        assert not path.with_name(path.name + side).exists()
    CORRUPTIONS[name](path)
    journal, notice = open_journal(path)
    try:
        assert notice is not None and "damaged" in notice and "pos doctor" in notice
        # The register keeps working on a fresh journal.
        assert journal.unfinished_sales() == []
        fresh = journal.start_sale("shop")
        assert journal.get(fresh) is not None
    finally:
        journal.close()
    (kept,) = damaged_journals(tmp_path)
    assert kept.exists(), "never deleted"
    sales = salvage(kept)
    if name in READABLE:
        assert sales[0].sale_id == sale_id and sales[0].payment_unknown
        assert "payment outcome unknown" in sales[0].label
    # Opening again is quiet: the fresh journal is sound.
    again, notice = open_journal(path)
    again.close()
    assert notice is None


def test_a_sound_journal_is_opened_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    sale_id = a_journal_with_an_unknown_payment(path)
    journal, notice = open_journal(path)
    try:
        assert notice is None
        assert [r.sale_id for r in journal.unfinished_sales()] == [sale_id]
    finally:
        journal.close()
    assert damaged_journals(tmp_path) == []


def test_pos_doctor_lists_what_a_damaged_journal_still_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pos.commands.doctor import _check_journal
    from pos.stores.doctor import DoctorReport, Status

    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path))
    folder = tmp_path / "profiles" / "shop"
    folder.mkdir(parents=True)
    path = folder / "journal.sqlite3"
    sale_id = a_journal_with_an_unknown_payment(path)
    execute("PRAGMA user_version = 99")(path)
    journal, notice = open_journal(path)
    journal.close()
    assert notice is not None
    report = DoctorReport("shop")
    _check_journal(report, "shop")
    result = report.get("journal")
    assert result is not None and result.status is Status.WARN
    assert "damaged" in result.detail and sale_id in result.detail
    assert "payment outcome unknown" in result.detail

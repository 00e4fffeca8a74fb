"""``pos receipt``: the receipt of an order read back from the store, end to end (a paid
order made by ``pos sale --demo``, printed on a listening ESC/POS printer and saved as PDF)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from escpos_server import EscPosServer
from test_sale_support import cli_env


def run_receipt(data_root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos", "receipt", *args], capture_output=True, text=True,
        env=cli_env(data_root), timeout=60, check=False,
    )


def test_receipt_of_a_paid_demo_order_on_an_escpos_printer(
    tmp_path: Path, printer_server: EscPosServer, paid_demo_order: tuple[Path, dict[str, object]],
) -> None:
    db, sale = paid_demo_order
    order_id = str(sale["order_id"])
    done = run_receipt(tmp_path, "--demo", "--demo-db", str(db), "--order", order_id,
                       "--printer", printer_server.uri)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Printed the receipt of order {order_id} on {printer_server.uri}"
    assert done.stderr == ""
    (job,) = printer_server.wait_jobs(1)
    text = job.text
    assert f"Order #{order_id}" in text
    assert "Status: Awaiting Fulfillment" in text
    assert "Card: **** 4242" in text  # the transaction as the store holds it, masked
    assert "Demo store" in text and "This is a training receipt" in text
    item = next(line for line in job.lines if line.startswith("2 x "))
    assert item  # the order's line, with its quantity
    total = next(line for line in job.lines if line.startswith("Total"))
    assert total.endswith(f"${sale['grand_total']}")
    assert job.barcodes == [("CODE128", order_id)]
    assert job.cuts == 1 and job.pulses == []


def test_receipt_saved_as_pdf(
    tmp_path: Path, paid_demo_order: tuple[Path, dict[str, object]],
) -> None:
    db, sale = paid_demo_order
    out = tmp_path / "receipt.pdf"
    done = run_receipt(tmp_path, "--demo", "--demo-db", str(db), "--order",
                       str(sale["order_id"]), "--pdf", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert f"Saved the receipt of order {sale['order_id']} to {out}" in done.stdout


def test_printer_off_is_one_line_and_exit_1(
    tmp_path: Path, printer_server: EscPosServer, paid_demo_order: tuple[Path, dict[str, object]],
) -> None:
    db, sale = paid_demo_order
    printer_server.stop()
    done = run_receipt(tmp_path, "--demo", "--demo-db", str(db), "--order",
                       str(sale["order_id"]), "--printer", printer_server.uri)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "does not answer" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--order", "1"], "give --profile NAME or --demo"),
        (["--demo", "--demo-db", "DB", "--order", "abc"], "--order must be an order number"),
        (["--demo", "--demo-db", "DB"], "give the order's number"),
        (["--demo", "--demo-db", "DB", "--order", "1", "--printer", "lpt://x"],
         "unknown printer scheme"),
        (["--demo", "--demo-db", "DB", "--order", "1", "--printer", "tcp://h:0"], "port"),
        (["--demo", "--demo-db", "DB", "--order", "1"], "names no printer"),
        (["--demo", "--demo-db", "DB", "--order", "999999", "--pdf", "OUT"],
         "the store has no order 999999"),
        (["--demo", "--demo-db", "NOWHERE", "--order", "1", "--pdf", "OUT"],
         "no sandbox store at"),
        (["--demo", "--demo-db", "DB", "--order", "1", "--pdf", "/no/such/dir/r.pdf"],
         "does not exist"),
        (["--profile", "no-such-store", "--order", "1", "--pdf", "OUT"],
         "no profile named 'no-such-store'"),
        (["--demo-db", "DB", "--profile", "x", "--order", "1"], "--demo-db goes with --demo"),
    ],
)
def test_bad_input_is_one_clear_line(
    tmp_path: Path, paid_demo_order: tuple[Path, dict[str, object]], args: list[str],
    words: str,
) -> None:
    db, _ = paid_demo_order
    values = {"DB": str(db), "OUT": str(tmp_path / "r.pdf"),
              "NOWHERE": str(tmp_path / "none.sqlite3")}
    done = run_receipt(tmp_path, *[values.get(a, a) for a in args])
    assert done.returncode == 1
    assert words in done.stderr
    assert done.stderr.startswith("pos receipt: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "r.pdf").exists()

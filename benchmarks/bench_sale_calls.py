"""Calls to the store of a whole walk-in sale through the register's window.

    python benchmarks/bench_sale_calls.py

Runs the sales of ``tests/ui/test_sale_calls.py`` (the register's window, offscreen, on the
real engine and an in-process sandbox store; two scanned items, a guest, pickup now, a new
card, by key events) and prints the requests each one sent to the store, counted at the
register's connection from the first scan to the Done page's receipt, and for the printed
sale to the receipt out of a network printer (Ctrl+P). ``benchmarks/bench_sale.py`` counts
the engine's calls alone; this counts what the window adds (the receipt, the print).

Target: at most 8 calls per sale, whatever confirms the payment included, on a register
that has sold before (its store's payment methods cached). The register's first sale
also reads the payment methods (printed, no target).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 8
#: The same sales before the receipt was built from the confirmation read: the Done page
#: read the order, its products and its transactions again, and the print read them again.
BEFORE = {"walk-in, the register's first": 11, "walk-in": 10, "walk-in, printed": 13}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="pos-bench-calls-") as folder:
        counts = Path(folder) / "calls.jsonl"
        env = {**os.environ, "POS_CALL_COUNT_FILE": str(counts),
               "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "PYTHONPATH": os.pathsep.join(
                   p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
             str(ROOT / "tests" / "ui" / "test_sale_calls.py"), "-k", "walk_in or printing"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        if run.returncode != 0 or not counts.exists():
            print(run.stdout[-2000:], run.stderr[-2000:], sep="\n")
            print("the counted sales failed", file=sys.stderr)
            return 1
        rows = [json.loads(line) for line in counts.read_text().splitlines() if line]
    for row in rows:
        print(f"{row['sale']}: {len(row['calls'])} calls")
        for call in row["calls"]:
            print(f"  {call}")
    print(f"\n  {'sale (2 items, guest, pickup now, new card)':46} {'before':>6} | measured")
    for row in rows:
        n = len(row["calls"])
        first = row["sale"].endswith("first")
        verdict = "printed" if first else ("met" if n <= TARGET else "MISSED")
        print(f"  {row['sale']:46} {BEFORE.get(row['sale'], '?'):>6} | {n} "
              f"{verdict if first else f'(≤ {TARGET}: {verdict})'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

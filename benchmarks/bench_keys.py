"""Keys a clerk presses for a walk-in sale, beside the full sale's.

    python benchmarks/bench_keys.py

Runs the key-event-only sales of ``tests/ui/test_walk_in.py`` (the register's window,
offscreen, on the real engine and an in-process sandbox store) and prints, for each sale
of two scanned items paid with a new card, the keys pressed besides the scanner's bursts
and the card's own characters, and the characters the clerk typed (the customer's name
and address). Target: the walk-in sale in at most 6 keys and no typed characters.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="pos-bench-keys-") as folder:
        counts = Path(folder) / "counts.jsonl"
        env = {**os.environ, "POS_KEY_COUNT_FILE": str(counts),
               "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
             str(ROOT / "tests" / "ui" / "test_walk_in.py")],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        if run.returncode != 0 or not counts.exists():
            print(run.stdout[-2000:], run.stderr[-2000:], sep="\n")
            print("the key-count sales failed", file=sys.stderr)
            return 1
        rows = [json.loads(line) for line in counts.read_text().splitlines() if line]
    print(f"{'sale':<10} {'keys':>5} {'typed':>6} {'total':>6}")
    for row in rows:
        total = row["keys"] + row["typed"]
        print(f"{row['sale']:<10} {row['keys']:>5} {row['typed']:>6} {total:>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

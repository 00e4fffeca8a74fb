"""``pos --self-test``: the top-level flag that proves this installation can start and sell.

The checks themselves are in :mod:`pos.self_test`; this module only adds the flag and runs
them, importing them when the flag is given so that ``pos --help`` stays instant.
"""

from __future__ import annotations

import argparse


def add_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation can start and sell (offscreen, on the built-in "
        "sandbox store), print one line per check, and exit 0 only when all pass",
    )


def run(args: argparse.Namespace) -> int:
    from pos.self_test import main

    return main()

"""The ``pos`` command line: the composition root of the command-line face.

Each sub-command lives in its own module of ``pos.commands`` and exposes
``register(subparsers)``; those modules keep their heavy imports inside the
functions that run the command, so that ``pos --help`` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pos import APP_DISPLAY_NAME, __version__
from pos.commands import self_test

# Sub-command modules, in the order ``pos --help`` lists them.
COMMAND_MODULES: tuple[str, ...] = ("sandbox", "profile", "doctor", "sale")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pos",
        description=f"{APP_DISPLAY_NAME}: a point-of-sale register for BigCommerce stores.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run the register against the built-in sandbox store (no account, no network)",
    )
    parser.add_argument("--profile", metavar="NAME", help="store profile to open")
    self_test.add_flag(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"pos.commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test.run(args)
    func = getattr(args, "func", None)
    if func is not None:
        return int(func(args) or 0)
    from pos.commands.demo import run_register

    return int(run_register(args))


if __name__ == "__main__":
    sys.exit(main())

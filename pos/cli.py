"""The ``pos`` command line: the composition root of the command-line face.

Each sub-command lives in its own module of ``pos.commands`` and exposes
``register(subparsers)``; those modules keep their heavy imports inside the
functions that run the command, so that ``pos --help`` stays instant.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from pos import APP_DISPLAY_NAME, __version__
from pos.commands import self_test

# Sub-command modules, in the order ``pos --help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "sandbox", "profile", "doctor", "sale", "receipt", "refund", "orders", "shift", "staff",
    "audit",
)


_OPTION_NAME_RE = re.compile(r"^--?[A-Za-z][A-Za-z0-9-]*$")
_UNRECOGNIZED = "unrecognized arguments:"


class ArgumentParser(argparse.ArgumentParser):
    """An argument parser whose error messages never repeat what was typed.

    A token pasted on the command line by mistake (``pos profile set-token shop TOKEN``)
    would otherwise be echoed to the terminal and to whatever collects standard error.
    Option names are kept (``--tokn`` is a typo worth showing); values are not.
    Sub-command parsers are made of this class too (``add_subparsers`` uses the parent's).
    """

    _typed: tuple[str, ...] = ()

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._typed = tuple(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        text = redact_arguments(message, self._typed) + _suggestion(message, self._typed)
        self.exit(2, f"{self.prog}: error: {text}\n")

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", SubcommandParser)
        return super().add_subparsers(**kwargs)


class SubcommandParser(ArgumentParser):
    """The parser of one sub-command (``pos sale``, ``pos profile add``...).

    An option it does not know is its own error, shown with its own usage: argparse would
    otherwise hand it up to ``pos``, which prints the top-level usage instead.
    """

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"{_UNRECOGNIZED} {' '.join(extras)}")
        return parsed, extras


_CHOICES_RE = re.compile(r"invalid choice: .*\(choose from (?P<choices>.*)\)")


def _suggestion(message: str, typed: Sequence[str]) -> str:
    """``"; did you mean 'list'?"`` for a mistyped sub-command (``pos profile lst``):
    only a known choice is named, never what was typed."""
    found = _CHOICES_RE.search(message)
    if found is None:
        return ""
    choices = re.findall(r"'([^']*)'", found.group("choices"))
    for word in typed:
        close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
        if close and word not in choices:
            return f"; did you mean '{close[0]}'?"
    return ""


def redact_arguments(message: str, typed: Sequence[str]) -> str:
    """``message`` (an argparse error) with every value the user typed hidden."""
    if message.startswith(_UNRECOGNIZED):
        words = message[len(_UNRECOGNIZED):].split()
        names = []
        for word in words:
            name = word.split("=", 1)[0]
            if _OPTION_NAME_RE.match(name):
                names.append(name if name == word else f"{name}=…")
        hidden = len(words) - len(names)
        parts = [", ".join(names)] if names else []
        if hidden:
            parts.append(f"{hidden} value(s) not shown, in case one is a secret")
        return f"{_UNRECOGNIZED} {'; '.join(parts)}"
    values = set(typed)
    for arg in typed:
        name, sep, value = arg.partition("=")
        if arg.startswith("-") and sep:
            values.add(value)  # "--json=x": argparse may quote just the x
            message = message.replace(arg, f"{name}=…")
    for value in sorted(values, key=len, reverse=True):
        if value and not _OPTION_NAME_RE.match(value):
            message = message.replace(repr(value), "'…'")
    return message


#: ``pos``'s own options that take no value (``--profile`` takes one).
_OWN_FLAGS = frozenset({"--demo", "--reset", "--version", "--self-test"})


def own_options_only(argv: Sequence[str]) -> bool:
    """Whether ``argv`` holds only ``pos``'s own options, written out in full (``--demo``,
    ``--reset``, ``--version``, ``--self-test``, ``--profile NAME``): the register's window
    and ``pos --version`` then need no command's module. Anything else (a command, ``-h``,
    an abbreviated or unknown option) goes to the whole parser, which says what is wrong."""
    words = list(argv)
    i = 0
    while i < len(words):
        word = words[i]
        if word in _OWN_FLAGS or (word.startswith("--profile=") and word != "--profile="):
            i += 1
        elif word == "--profile" and i + 1 < len(words) and not words[i + 1].startswith("-"):
            i += 2
        else:
            return False
    return True


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """``pos``'s parser; ``commands=False`` leaves the commands out (their modules are not
    imported): for a command line :func:`own_options_only` accepts."""
    parser = ArgumentParser(
        prog="pos",
        description=f"{APP_DISPLAY_NAME}: a point-of-sale register for BigCommerce stores.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run the register against the built-in sandbox store (no account, no network)",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="with --demo: start the demo store afresh (its sales, journal and catalogue are "
             "deleted; without it a restarted demo resumes its unfinished sale)",
    )
    parser.add_argument("--profile", metavar="NAME", help="store profile to open")
    self_test.add_flag(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES if commands else ():
        module = importlib.import_module(f"pos.commands.{name}")
        module.register(subparsers)
    return parser


#: The exit status of a command whose reader went away (``pos profile list | head``): the
#: one a program stopped by SIGPIPE reports to its shell.
EXIT_CLOSED_PIPE = 128 + 13


def install_log_redaction() -> None:
    """Puts the redacting filter on the loggers of the client, the sale engine and the HTTP
    libraries, for every command and the register. Libraries install nothing themselves;
    the program that runs them does, here, before any command starts (by the loggers'
    names: the client and the HTTP libraries need not be loaded for it)."""
    from pos.redaction import install_redaction

    install_redaction()


def _quiet_closed_pipe() -> int:
    """Standard output's reader is gone: say nothing more, and let the interpreter's last
    flush go nowhere instead of printing a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (an in-process capture)
        pass
    return EXIT_CLOSED_PIPE


def opens_the_window(argv: Sequence[str]) -> bool:
    """Whether this command line opens the register's window (``pos``, ``pos --demo``,
    ``pos --profile NAME``)."""
    return own_options_only(argv) and not {"--version", "--self-test"} & set(argv)


def _pause_collection() -> Callable[[], None]:
    """Python's automatic garbage collection, off while the register's window starts: the
    imports and the first window make objects by the hundred thousand, and the collections
    they would set off (about 50 ms in all) find next to nothing to free. Once the window
    is shown, what the start made is set aside for good (``gc.freeze``: modules, classes,
    the window's widgets), so that no later collection walks through it;
    :class:`pos.ui.async_qt.GarbageCollector` then collects from a timer on the UI thread,
    as it does for the rest of the register's life. Returns what turns it back on."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()

    def resume() -> None:
        if was_enabled:
            gc.enable()

    return resume


def _run_register(args: argparse.Namespace) -> int:
    import gc

    from pos.commands.demo import run_register

    return int(run_register(args, on_started=lambda _window: gc.freeze()))


def main(argv: Sequence[str] | None = None) -> int:
    typed = sys.argv[1:] if argv is None else argv
    resume = _pause_collection() if opens_the_window(typed) else None
    try:
        parser = build_parser(commands=not own_options_only(typed))
        args = parser.parse_args(typed)
        if args.reset and (not args.demo or getattr(args, "func", None) is not None):
            parser.error("--reset starts the demo store afresh: use it as  pos --demo --reset")
        install_log_redaction()
        if args.self_test:
            return self_test.run(args)
        func = getattr(args, "func", None)
        code = int(func(args) or 0) if func is not None else _run_register(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except BrokenPipeError:
        return _quiet_closed_pipe()
    finally:
        if resume is not None:
            resume()


if __name__ == "__main__":
    sys.exit(main())

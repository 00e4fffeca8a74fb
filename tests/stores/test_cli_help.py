"""``pos --help`` and every sub-command's: each says what it does, each option what it is for,
and a mistake is answered with the usage of the command that was typed."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator

import pytest

import pos.cli

from .conftest import Result

Cli = Callable[..., Result]


def walk(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser, str | None]]:
    """(command words, parser, its one-line help in the parent's list) for every parser."""
    yield path, parser, None
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        listed = {a.dest: a.help for a in action._get_subactions()}
        for name, sub in action.choices.items():
            for words, found, line in walk(sub, (*path, name)):
                yield words, found, line if words != (*path, name) else listed.get(name)


PARSERS = list(walk(pos.cli.build_parser()))


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(words) for words, _, _ in PARSERS}
    assert {"", "sale", "doctor", "sandbox", "profile", "profile add", "profile set-token",
            "profile list", "profile export"} <= names


@pytest.mark.parametrize("words,parser,line", PARSERS,
                         ids=[" ".join(w) or "pos" for w, _, _ in PARSERS])
def test_every_command_and_option_is_described(
    words: tuple[str, ...], parser: argparse.ArgumentParser, line: str | None
) -> None:
    assert parser.description, f"'{parser.prog}' has no description"
    if words:
        assert line, f"'{parser.prog}' has no one-line help in its parent's list"
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
            continue
        name = "/".join(action.option_strings) or action.dest
        assert action.help, f"'{parser.prog}': {name} has no help text"


def help_of(pos_cli: Cli, *words: str) -> str:
    result = pos_cli(*words, "--help")
    assert result.code == 0
    return " ".join(result.out.split())  # argparse wraps lines; compare words


def test_sale_help_shows_the_spec_and_where_the_card_comes_from(pos_cli: Cli) -> None:
    text = help_of(pos_cli, "sale")
    assert '"items": [{"sku": "AWA-000001-S-RED", "quantity": 2}' in text
    assert '"payment": {"card": "stdin"}' in text
    assert "read as one JSON object on standard input, never from the command line or the spec" \
        in text
    assert "--spec SALE.json the sale to ring up" in text
    assert "Required, except with --resume" in text


def test_set_token_help_says_where_the_token_comes_from(pos_cli: Cli) -> None:
    text = help_of(pos_cli, "profile", "set-token")
    assert "piped on standard input" in text
    assert "a prompt that does not echo it" in text
    assert "POS_TOKEN" in text
    assert "never taken from the command line" in text


def test_profile_add_help_marks_the_store_hash_required(pos_cli: Cli) -> None:
    result = pos_cli("profile", "add", "--help")
    assert result.out.startswith("usage: pos profile add NAME --store-hash HASH [options]")
    text = " ".join(result.out.split())
    assert "--store-hash HASH REQUIRED (except with --sandbox)" in text
    assert "Create a store profile" in text
    assert "--pickup-email TEXT the store's e-mail address (needed to sell)" in text


@pytest.mark.parametrize(
    "argv,usage",
    [
        (("sale", "--bogus"), "usage: pos sale "),
        (("sale", "--demo", "--spec", "x.json", "--colour=red"), "usage: pos sale "),
        (("profile", "add", "shop", "--store-hsh", "abc"), "usage: pos profile add "),
        (("doctor", "shop", "--jsn"), "usage: pos doctor "),
    ],
)
def test_a_bad_option_shows_the_usage_of_the_command_typed(
    pos_cli: Cli, argv: tuple[str, ...], usage: str
) -> None:
    result = pos_cli(*argv)
    assert result.code == 2
    assert result.err.startswith(usage), result.err
    prog = usage.removeprefix("usage: ").strip()
    assert f"{prog}: error: unrecognized arguments: " in result.err
    assert "usage: pos [-h]" not in result.err

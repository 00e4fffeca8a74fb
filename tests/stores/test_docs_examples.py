"""Every ``pos profile add`` example of the docs (and of ``pos profile add --help``) makes a
profile that ``pos doctor`` passes, pointed at the sandbox store instead of BigCommerce."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

import pos.commands.profile
from pos.sandbox.server import SandboxServer

from .conftest import Result

Cli = Callable[..., Result]
DOCS = Path(__file__).parents[2] / "docs"


def add_commands(text: str) -> list[list[str]]:
    """The ``pos profile add`` commands of ``text``, continuation lines joined, split as a
    shell would."""
    joined = re.sub(r"\\\n\s*", " ", text)
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line.startswith("pos profile add ") and "--store-hash H " not in line:
            words = shlex.split(line, comments=True)
            found.append(words[1:])  # without "pos"
    return found


EXAMPLES = [
    (f"{doc}:{n}", argv)
    for doc in ("installers.md", "profiles.md")
    for n, argv in enumerate(add_commands((DOCS / doc).read_text(encoding="utf-8")))
] + [
    (f"--help:{n}", argv)
    for n, argv in enumerate(add_commands(pos.commands.profile.ADD_EPILOG))
]


def test_the_examples_are_found() -> None:
    assert {where.split(":")[0] for where, _ in EXAMPLES} == {
        "installers.md", "profiles.md", "--help",
    }


@pytest.mark.parametrize("where,argv", EXAMPLES, ids=[w for w, _ in EXAMPLES])
def test_a_documented_profile_passes_the_doctor(
    pos_cli: Cli, store: SandboxServer, where: str, argv: list[str]
) -> None:
    argv = list(argv)
    argv[argv.index("--store-hash") + 1] = store.store_hash
    argv += ["--api-base-url", store.api_base_url, "--payments-base-url", store.payments_base_url]
    added = pos_cli(*argv)
    assert added.code == 0, added.err
    assert added.err == "", f"{where}: {added.err}"  # no warning about the pickup address
    name = argv[2]
    assert pos_cli("profile", "set-token", name, stdin=store.token).code == 0
    doctor = pos_cli("doctor", name)
    assert doctor.code == 0, f"{where}:\n{doctor.out}"
    assert "Ready to sell." in doctor.out

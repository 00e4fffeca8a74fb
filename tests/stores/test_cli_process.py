"""What ``pos`` does for every command: a closed pipe ends it quietly, and the log
redaction is installed before any command runs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pos.api import RedactingFilter
from pos.cli import EXIT_CLOSED_PIPE

from .conftest import Folders, Result


@pytest.mark.parametrize(
    "argv",
    [
        ("profile", "list", "--json"),
        ("profile", "list"),
        ("profile", "show", "demo"),
        ("profile", "export", "demo"),
        ("--help",),
        ("profile", "--help"),
    ],
)
def test_a_closed_pipe_ends_a_command_quietly(folders: Folders, argv: tuple[str, ...]) -> None:
    """``pos profile list --json | head``: the reader is gone before anything is written."""
    env = dict(os.environ)
    env.update(
        POS_PROFILES_DIR=str(folders.user),
        POS_SYSTEM_PROFILES_DIR=str(folders.system),
        POS_DATA_DIR=str(folders.data),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos", *argv],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `head` that has read enough
    try:
        err = proc.stderr.read().decode()
        code = proc.wait(timeout=60)
    finally:
        proc.stderr.close()
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert err == ""
    assert code in (0, EXIT_CLOSED_PIPE)


def test_every_command_runs_with_the_log_redaction(pos_cli: Callable[..., Result]) -> None:
    names = ("pos.api", "pos.sale", "httpx", "httpcore.http11")
    removed: dict[str, list[logging.Filter]] = {}
    for name in names:
        logger = logging.getLogger(name)
        removed[name] = [f for f in logger.filters if isinstance(f, RedactingFilter)]
        for f in removed[name]:
            logger.removeFilter(f)
    try:
        assert pos_cli("profile", "list").code == 0
        for name in names:
            filters = logging.getLogger(name).filters
            assert any(isinstance(f, RedactingFilter) for f in filters), name
    finally:
        for name, found in removed.items():
            logger = logging.getLogger(name)
            for f in logger.filters[:]:
                if isinstance(f, RedactingFilter):
                    logger.removeFilter(f)
            for f in found:
                logger.addFilter(f)


def test_the_pickup_options_are_the_profile_fields() -> None:
    from pos.commands.profile import PICKUP_HELP, PICKUP_OPTIONS
    from pos.stores.profiles import PICKUP_FIELDS

    assert PICKUP_OPTIONS == PICKUP_FIELDS
    assert tuple(PICKUP_HELP) == PICKUP_FIELDS

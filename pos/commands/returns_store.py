"""The store a returns command works on: a profile's store (its token from the keyring or
POS_TOKEN) or, with ``--demo``, the in-process sandbox store (``--demo-db`` names the file
``pos sale --demo --demo-db PATH`` sold on). Shared by ``pos refund`` and ``pos orders``."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any


class StoreChoiceError(Exception):
    """What is wrong with the choice of store, in one sentence."""


def open_store(stack: contextlib.ExitStack, *, profile_name: str | None, demo: bool,
               demo_db: str | None) -> tuple[Any, str]:
    """(profile, token) of the chosen store; a demo store is stopped with ``stack``."""
    if not profile_name and not demo:
        raise StoreChoiceError("give --profile NAME or --demo")
    if demo_db and not demo:
        raise StoreChoiceError("--demo-db goes with --demo")
    if demo:
        if demo_db and not Path(demo_db).is_file():
            raise StoreChoiceError(f"--demo-db: no sandbox store at {demo_db} (make one with "
                                   "'pos sale --demo --demo-db PATH')")
        from pos.composition import demo_profile
        from pos.sandbox.server import SandboxServer

        server = stack.enter_context(SandboxServer(db_path=demo_db, seed=1, catalog_size=500))
        return demo_profile(server), server.token
    from pos.commands.receipt import ReceiptError, _profile_and_token

    try:
        return _profile_and_token(str(profile_name))
    except ReceiptError as exc:
        raise StoreChoiceError(str(exc)) from None


def data_dir_of(profile: Any, given: str | None) -> Path:
    from pos.stores import profiles

    path = Path(given) if given else profiles.ensure_data_dir(profile)
    path.mkdir(parents=True, exist_ok=True)
    return path

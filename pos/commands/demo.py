"""``pos`` and ``pos --demo``: open the register (the wizard) on a store profile.

``pos --demo`` starts the sandbox store in this process and opens the register on it: no
account, no network, nothing real charged. The demo store and its journal are kept in the
demo profile's data folder, so a demo that was killed resumes its unfinished sale when it
starts again (practise crash recovery); ``pos --demo --reset`` starts it afresh.

Plain ``pos`` opens the only store set up here, or, when none is, the first run: the start
page offers "Try the demo store" (the sandbox, in this process) or "Add your store". A
configured store's window opens at once and reads the store's API token from the keyring
after it shows; a locked, missing or empty keyring gets a prompt, never an exit.
The sale engine is built by :func:`pos.composition.build_engine`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pos.composition import DEMO_PROFILE_NAME, Engine, build_engine, demo_profile

__all__ = ["DEMO_PROFILE_NAME", "Engine", "build_engine", "run_register"]

# Older names of what now lives in pos.composition and pos.ui.profile.
_demo_profile = demo_profile


def _screen_profile(profile: Any, *, demo: bool) -> Any:
    from pos.ui.profile import screen_profile_for

    return screen_profile_for(profile, demo=demo)


class _SeveralStores(Exception):
    """More than one store is set up here and none was named."""


def _choose_profile(name: str | None) -> Any:
    """The profile to open: the one named, or the only real one; None when no store is set
    up here. Raises :class:`_SeveralStores` when there are several and none was named."""
    from pos.stores import profiles

    if name:
        return profiles.get_profile(name)
    real = [p for p in profiles.load_profiles().profiles if not p.sandbox]
    if len(real) > 1:
        raise _SeveralStores(", ".join(p.name for p in real))
    return real[0] if real else None


def _open(profile: Any, token: str, data_dir: Path, *, demo: bool,
          on_started: Callable[[Any], None] | None = None,
          serve_store: Callable[[], object] | None = None) -> int:
    try:
        engine = build_engine(profile, token, data_dir)
    except ImportError as exc:
        print(f"The sale engine is not available in this build ({exc.name}).", file=sys.stderr)
        return 1
    from pos.ui.app import run_register_window
    from pos.ui.profile import screen_profile_for

    return run_register_window(screen_profile_for(profile, demo=demo), engine,
                               on_started=on_started, data_dir=data_dir,
                               store_profile=profile, serve_store=serve_store)


def run_register(args: argparse.Namespace, *,
                 on_started: Callable[[Any], None] | None = None) -> int:
    """Open the register: ``pos --demo`` on the sandbox store, ``pos [--profile NAME]``
    on a configured store, and plain ``pos`` with no store set up on the first run's
    choice: "Try the demo store" or "Add your store".

    ``on_started`` is called with the register window once it is shown.
    """
    from pos.ui.app import display_problem

    problem = display_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    reset = bool(getattr(args, "reset", False))
    if reset and not getattr(args, "demo", False):
        print("--reset starts the demo store afresh: use it with --demo  (pos --demo --reset)",
              file=sys.stderr)
        return 2
    if getattr(args, "demo", False):
        return _run_demo(on_started, reset=reset)
    from pos.stores.profiles import ProfileError

    try:
        profile = _choose_profile(getattr(args, "profile", None))
    except ProfileError as exc:
        print(exc, file=sys.stderr)
        return 2
    except _SeveralStores as exc:
        print(
            f"Which store? This register has several ({exc}): open one with  "
            "pos --profile NAME  (see  pos profile list)",
            file=sys.stderr,
        )
        return 2
    if profile is None:
        from pos.ui.app import run_first_run

        return run_first_run(on_started=on_started)
    if profile.sandbox:
        return _run_demo(on_started)
    _warn_if_fallback(profile)
    # The window opens at once; the token is read from the keyring after it shows, in a
    # worker thread, and asked for on screen when the keyring is locked, missing or empty.
    from pos.ui.app import run_store_register

    return run_store_register(profile, on_started=on_started)


def _warn_if_fallback(profile: Any) -> None:
    """Say so when this profile is used only because a file of the same name is broken."""
    from pos.stores.profiles import load_profiles

    fallback = load_profiles().fallback_for(profile.name)
    if fallback is not None:
        print(f"Warning: {fallback}", file=sys.stderr)


def _run_demo(on_started: Callable[[Any], None] | None = None, *, reset: bool = False) -> int:
    """The demo store, kept in the demo profile's data folder (``reset``: afresh), served
    once the register's window is on screen."""
    from pos.composition import DemoStoreError, demo_store
    from pos.stores.profiles import ProfileError

    try:
        with demo_store(reset=reset, serve=False) as (store, data_dir):
            return _open(demo_profile(store), store.token, data_dir, demo=True,
                         on_started=on_started, serve_store=store.serve)
    except (DemoStoreError, ProfileError) as exc:
        print(exc, file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"The demo store could not be opened: {exc.strerror or exc}"
              f"{f' ({exc.filename})' if exc.filename else ''}", file=sys.stderr)
        return 2

"""``pos`` and ``pos --demo``: open the register (the wizard) on a store profile.

``pos --demo`` starts the sandbox store in this process and opens the register on it: no
account, no network, nothing real charged.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEMO_PROFILE_NAME = "demo"



def _screen_profile(profile: Any, *, demo: bool) -> Any:
    from pos.ui.profile import ScreenProfile

    pickup = getattr(profile, "pickup_location", None)
    where = ""
    if pickup is not None and not pickup.is_empty():
        where = ", ".join(p for p in (pickup.company, pickup.address1, pickup.city) if p)
    return ScreenProfile(
        store=profile.title,
        channel=str(profile.channel_id),
        terminal=profile.terminal_name,
        locale=profile.locale,
        currency=profile.currency,
        country=(pickup.country_code if pickup is not None and pickup.country_code else "US"),
        pickup_location=where,
        demo=demo,
    )


@dataclass
class Engine:
    """The sale engine as the register window uses it, for one store profile."""

    new_sale: Callable[[], Any]
    kinds: Any  # the module with NewCard, StoredCard, ConsignmentPlan, SaleError
    resume: Callable[[str], Awaitable[Any]]
    unfinished: Callable[[], list[Any]]
    close: Callable[[], Awaitable[None]]
    sync_catalog: Callable[[], Awaitable[Any]]


def build_engine(profile: Any, token: str, data_dir: Path, **settings: Any) -> Engine:
    """Client → journal → catalogue → sales, for ``profile`` (``settings`` override timings).

    Needs ``pos.sale.sale``; raises ImportError when the sale engine is not installed.
    """
    from pos.api.client import BigCommerceClient
    from pos.sale.catalog_cache import CatalogCache, CatalogSync
    from pos.sale.journal import Journal
    from pos.sale.settings import SaleSettings

    engine = importlib.import_module("pos.sale.sale")
    client = BigCommerceClient(
        profile.store_hash,
        lambda: token,
        api_base_url=profile.api_base_url,
        payments_base_url=profile.payments_base_url,
        ca_bundle=str(profile.ca_bundle) if getattr(profile, "ca_bundle", None) else None,
    )
    journal = Journal(data_dir / "journal.sqlite3")
    cache = CatalogCache(data_dir / "catalog.sqlite3")
    sale_settings = SaleSettings.from_profile(profile, **settings)

    def new_sale() -> Any:
        return engine.Sale(client, journal, sale_settings, catalog=cache)

    def resume(sale_id: str) -> Awaitable[Any]:
        return engine.Sale.resume(client, journal, sale_settings, sale_id, catalog=cache)  # type: ignore[no-any-return]

    def unfinished() -> list[Any]:
        return list(engine.Sale.unfinished(journal, sale_settings.profile))

    async def fetch_page(
        page: int, since: _dt.datetime | None
    ) -> tuple[list[dict[str, Any]], int]:
        client.open()  # idempotent; a sale opens it too
        filters: dict[str, Any] = {"sort": "id"}
        if since is not None:
            filters["date_modified:min"] = since.isoformat()
        result = await client.catalog.list_products(
            include=["variants"], page=page, limit=250, filters=filters
        )
        pages = (result.pagination.total_pages if result.pagination else None) or 1
        return [p.model_dump(mode="json", by_alias=True) for p in result.items], pages

    sync = CatalogSync(cache, fetch_page)

    async def close() -> None:
        await client.aclose()
        journal.close()
        cache.close()

    return Engine(new_sale, engine, resume, unfinished, close, sync.sync)


def _demo_profile(store: Any) -> Any:
    """The built-in demo profile, pointed at a running sandbox store."""
    from pos.stores.profiles import DEMO_PROFILE

    return DEMO_PROFILE.resolved_for_sandbox(
        api_base_url=store.api_base_url,
        payments_base_url=store.payments_base_url,
        store_hash=store.store_hash,
    )


def _choose_profile(name: str | None) -> Any:
    """The profile to open: the one named, or the only real one; None when unclear."""
    from pos.stores import profiles

    if name:
        return profiles.get_profile(name)
    real = [p for p in profiles.load_profiles().profiles if not p.sandbox]
    return real[0] if len(real) == 1 else None


def _token_for(profile: Any) -> str | None:
    """The store's API token from the OS keyring (read before the window opens)."""
    from pos.stores.secrets import TokenStore

    found = TokenStore(profile.store_hash).find_sync()
    return None if found is None else str(found.token.reveal())


def _open(profile: Any, token: str, data_dir: Path, *, demo: bool) -> int:
    try:
        engine = build_engine(profile, token, data_dir)
    except ImportError as exc:
        print(f"The sale engine is not available in this build ({exc.name}).", file=sys.stderr)
        return 1
    from pos.ui.app import run_register_window

    return run_register_window(_screen_profile(profile, demo=demo), engine)


def run_register(args: argparse.Namespace) -> int:
    """Open the register: ``pos --demo`` on the sandbox store, ``pos [--profile NAME]``
    on a configured store."""
    from pos.ui.app import display_problem

    problem = display_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    if getattr(args, "demo", False):
        return _run_demo()
    from pos.stores.profiles import ProfileError, ensure_data_dir

    try:
        profile = _choose_profile(getattr(args, "profile", None))
    except ProfileError as exc:
        print(exc, file=sys.stderr)
        return 2
    if profile is None:
        print(
            "Which store? Open one with  pos --profile NAME  (see  pos profile list), add "
            "one with  pos profile add, or try the demo store with  pos --demo",
            file=sys.stderr,
        )
        return 2
    if profile.sandbox:
        return _run_demo()
    try:
        token = _token_for(profile)
    except Exception as exc:  # the keyring is locked, missing or broken: say so
        print(f"The store's API token cannot be read from the keyring: {exc}", file=sys.stderr)
        return 1
    if token is None:
        print(f"No API token is saved for {profile.title}: set it with  pos profile set-token",
              file=sys.stderr)
        return 1
    return _open(profile, token, ensure_data_dir(profile), demo=False)


def _run_demo() -> int:
    from pos.sandbox.server import SandboxServer

    with tempfile.TemporaryDirectory(prefix="pos-demo-") as tmp, SandboxServer(
        seed=1, catalog_size=500
    ) as store:
        return _open(_demo_profile(store), store.token, Path(tmp), demo=True)

"""``pos --self-test``: proves that this installation of the register can start and sell.

It runs the same checks from a source checkout and from an installed bundle, one line
per check (``PASS``, ``WARN`` or ``FAIL`` and what was found), and exits 0 only when no
check failed. Qt runs offscreen when there is no display, and no window is ever shown:
the self-test is safe to run on a clerk's register during opening hours.

The checks, in order:

``bundle``        version, source or bundle, where the resources are
``qt``            a QApplication starts; the platform plugins are present
``icons``         every icon in ``resources/icons`` loads
``translations``  the Spanish translation and Qt's own load (``.qm`` built from ``.ts``)
``demo data``     the sandbox's demo-data sources are present
``locale data``   CLDR (money, country names), Google's address metadata, ISO 3166-2
                  translations and libphonenumber's metadata answer from this install
``keyring``       keyring's backends are discoverable and resolve to a real one; a
                  headless machine (no D-Bus session) is a WARN, not a FAIL
``sandbox``       the in-process sandbox store starts and serves its catalogue
``wizard``        every page of the clerk's wizard is created
``sale``          one complete demo sale through the sale engine (a guest, pickup in
                  store, a new card: the sandbox's approved test card), and the store
                  then reports order status 11 (Awaiting Fulfillment)

Nothing here writes to the keyring, a profile or the clerk's data: the sandbox keeps its
state in a temporary file that is removed at the end.

This module imports no Qt: the checks that need it (qt, icons, translations, wizard) are
:class:`pos.ui.self_check.QtChecks`, imported when they run; the sale engine comes from
:func:`pos.composition.build_engine`, as in the register itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import importlib.metadata
import importlib.util
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pos import APP_DISPLAY_NAME, __version__
from pos.resources import ENV_VAR, Origin, locate, resources_dir

PASS = "PASS"  # noqa: S105 (a status word)
WARN = "WARN"
FAIL = "FAIL"

# The keyring backends a bundle must carry, per platform (module of the entry point).
PLATFORM_KEYRING_BACKENDS = {
    "linux": ("keyring.backends.SecretService", "keyring.backends.kwallet"),
    "win32": ("keyring.backends.Windows",),
    "darwin": ("keyring.backends.macOS",),
}
#: The libraries a platform's backends talk to the system's keyring with. keyring imports
#: them only when a backend is used, so a bundle without them still resolves a backend
#: on a machine without a desktop session, and then fails on the first saved token.
PLATFORM_KEYRING_LIBRARIES = {
    "linux": ("secretstorage", "jeepney"),
}


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: str
    detail: str

    def line(self) -> str:
        return f"{self.status}  {self.name:<13} {self.detail}"


@dataclass
class SelfTestContext:
    """What the checks share: the Qt checks (and their application), the running sandbox,
    the temp folder."""

    workdir: Path
    qt: Any = None  # pos.ui.self_check.QtChecks, once Qt has started
    sandbox: Any = None
    keep: list[Any] = field(default_factory=list)
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)


class CheckFailed(Exception):
    """A check found something wrong; ``str()`` is the line's detail."""


class CheckWarning(Exception):
    """A check found something the register can live with; ``str()`` says what."""


def platform_key() -> str:
    if sys.platform.startswith("linux"):
        return "linux"
    return sys.platform


# -- the checks -------------------------------------------------------------------------


def check_bundle(ctx: SelfTestContext) -> str:
    found = locate()
    where = {
        Origin.BUNDLE: "bundle",
        Origin.PACKAGE: "installed package",
        Origin.SOURCE: "source",
        Origin.ENVIRONMENT: f"resources from {ENV_VAR}",
    }[found.origin]
    res = found.path
    if not res.is_dir():
        raise CheckFailed(f"{APP_DISPLAY_NAME} {__version__} ({where}): no resources at {res}")
    py = ".".join(map(str, sys.version_info[:3]))
    return f"{APP_DISPLAY_NAME} {__version__} ({where}, Python {py}), resources at {res}"


def _passed(finding: Any) -> str:
    """The detail of a passed :class:`pos.ui.self_check.Finding`; a failed one raises."""
    if not finding.ok:
        raise CheckFailed(finding.detail)
    return str(finding.detail)


def check_qt(ctx: SelfTestContext) -> str:
    try:
        self_check = importlib.import_module("pos.ui.self_check")
    except ImportError as exc:
        raise CheckFailed(f"the register's Qt side (pos.ui) cannot be imported: {exc}") from None
    qt = self_check.QtChecks(ctx.workdir)
    detail = _passed(qt.start())
    ctx.qt = qt
    return detail


def check_icons(ctx: SelfTestContext) -> str:
    return _passed(ctx.qt.icons())


def check_translations(ctx: SelfTestContext) -> str:
    return _passed(ctx.qt.translations("es"))


def check_demo_data(ctx: SelfTestContext) -> str:
    folder = resources_dir() / "sandbox"
    files = sorted(p.name for p in folder.glob("*") if p.suffix in {".txt", ".csv"})
    if not files:
        raise CheckFailed(f"the sandbox's demo data is missing from {folder}")
    return f"{len(files)} demo-data files in {folder}"


def check_locale_data(ctx: SelfTestContext) -> str:
    """The libraries' data files travelled with the register: a CLDR money format, a
    country and a state named in Spanish, an address format, a phone number."""
    from decimal import Decimal

    from pos.sale.addresses import address_format
    from pos.sale.money import format_money
    from pos.sale.phones import normalise_phone
    from pos.sale.regions import country_name, subdivisions

    found = {
        "money": format_money(Decimal("1234.5"), "EUR", "de_DE"),
        "country": country_name("US", "es"),
        "state": next((s.name for s in subdivisions("US", "es") if s.code == "NY"), None),
        "postcode": address_format("GB").postal_pattern != "",
        "phone": normalise_phone("(512) 555-9337", "US"),
    }
    expected = {
        "money": "1.234,50\u00a0€",
        "country": "Estados Unidos",
        "state": "Nueva York",
        "postcode": True,
        "phone": "+15125559337",
    }
    wrong = [f"{k} {found[k]!r}" for k, v in expected.items() if found[k] != v]
    if wrong:
        raise CheckFailed("locale data missing or wrong: " + ", ".join(wrong))
    return f"{found['money']}, {found['country']}, {found['state']}, {found['phone']}"


def _dbus_session_present() -> bool:
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return runtime is not None and Path(runtime, "bus").exists()


def check_keyring(ctx: SelfTestContext) -> str:
    # 1. Discovery: keyring finds its backends through package metadata (entry points),
    #    which a frozen app loses unless the build copies it.
    try:
        points = importlib.metadata.entry_points(group="keyring.backends")
    except Exception as exc:
        raise CheckFailed(f"keyring's package metadata cannot be read ({exc})") from None
    modules = {ep.value.split(":")[0] for ep in points}
    if not modules:
        raise CheckFailed(
            "keyring's backends are not discoverable: its package metadata "
            "(entry points 'keyring.backends') is missing"
        )
    wanted = PLATFORM_KEYRING_BACKENDS.get(platform_key(), ())
    undeclared = [m for m in wanted if m not in modules]
    # Present in the bundle? (find_spec looks the module up without running it.)
    unbundled = [m for m in wanted if m not in undeclared and importlib.util.find_spec(m) is None]
    if undeclared or unbundled:
        parts = [f"not declared in its metadata: {', '.join(undeclared)}"] if undeclared else []
        parts += [f"not in the bundle: {', '.join(unbundled)}"] if unbundled else []
        raise CheckFailed("keyring backends for this platform " + "; ".join(parts))
    libraries = PLATFORM_KEYRING_LIBRARIES.get(platform_key(), ())
    absent = [m for m in libraries if importlib.util.find_spec(m) is None]
    if absent:
        raise CheckFailed(
            f"the Secret Service libraries keyring needs are not installed: {', '.join(absent)}"
            " (without them no token can be saved in the system keyring)"
        )

    # 2. Resolution: which backend keyring picks here (read only: nothing is stored).
    from pos.stores.secrets import backend_status

    status = backend_status()
    if status.usable:
        return f"backend {status.backend}"
    headless_reason = (
        platform_key() == "linux"
        and status.backend.startswith("keyring.backends.fail")
        and not _dbus_session_present()
    )
    if headless_reason:
        raise CheckWarning(
            "no D-Bus session, so no Secret Service: keyring resolves to its 'fail' "
            "backend. Tokens cannot be saved on this machine as it runs now (log in to a "
            "desktop session, or set POS_TOKEN for automation)"
        )
    raise CheckFailed(f"no usable keyring backend ({status.backend}): {status.message}")


def check_sandbox(ctx: SelfTestContext) -> str:
    import httpx

    from pos.sandbox.server import SandboxServer

    server = SandboxServer(seed=1, db_path=ctx.workdir / "sandbox.sqlite3")
    server.__enter__()
    ctx.sandbox = server
    with httpx.Client(base_url=f"{server.api_base_url}/stores/{server.store_hash}") as http:
        response = http.get(
            "/v3/catalog/products",
            params={"limit": 1},
            headers={"X-Auth-Token": server.token, "Accept": "application/json"},
        )
        response.raise_for_status()
        total = response.json()["meta"]["pagination"]["total"]
    if total < 1:
        raise CheckFailed("the sandbox store started with an empty catalogue")
    return f"sandbox store at {server.api_base_url} with {total} products"


def check_wizard(ctx: SelfTestContext) -> str:
    """The register window of ``pos --demo``, built the same way, with every wizard page."""
    from pos.composition import build_engine, demo_profile

    if ctx.sandbox is None:
        raise CheckFailed("no sandbox store for the wizard's demo sale (see the sandbox check)")
    profile = demo_profile(ctx.sandbox)
    data_dir = ctx.workdir / "wizard"
    data_dir.mkdir()
    try:
        engine = build_engine(profile, ctx.sandbox.token, data_dir)
    except ImportError as exc:
        raise CheckFailed(
            f"the wizard is a view of a sale, and the sale engine cannot be imported ({exc})"
        ) from None
    ctx.closers.append(engine.close)
    return _passed(ctx.qt.wizard(profile, engine))


def check_sale(ctx: SelfTestContext) -> str:
    if ctx.sandbox is None:
        raise CheckFailed("no sandbox store to sell from (see the sandbox check)")
    try:
        importlib.import_module("pos.sale.sale")
    except ImportError as exc:
        raise CheckFailed(f"the sale engine (pos.sale.sale) cannot be imported: {exc}") from None
    data_dir = ctx.workdir / "sale"
    data_dir.mkdir()
    return asyncio.run(demo_sale(ctx.sandbox, data_dir))


# The demo sale: a guest who takes one item now (pickup in store) and pays with a new card,
# through the sale engine, exactly as the wizard and ``pos sale`` drive it. The outcome is
# then read back from the store itself, not taken from the engine's word.
DEMO_ADDRESS = {
    "first_name": "Self",
    "last_name": "Test",
    "email": "self-test@example.com",
    "address1": "1 Main Street",
    "city": "Austin",
    "state_or_province": "Texas",
    "state_or_province_code": "TX",
    "country_code": "US",
    "postal_code": "78701",
}
AWAITING_FULFILLMENT = 11
DEMO_CVV = "123"  # the sandbox accepts any CVV of the right length for its test cards


def _approved_test_card() -> str:
    """The sandbox's own approved Visa test card (card numbers live only in ``pos.sandbox``)."""
    payments = importlib.import_module("pos.sandbox.payments")
    approved = getattr(payments, "APPROVED", ())
    if not approved:
        raise CheckFailed("pos.sandbox.payments lists no APPROVED test card to pay with")
    return str(approved[0])


async def _purchasable_skus(server: Any, limit: int = 50) -> list[str]:
    """SKUs of in-stock, purchasable variants, read from the store's catalogue."""
    import httpx

    async with httpx.AsyncClient(
        base_url=f"{server.api_base_url}/stores/{server.store_hash}",
        headers={"X-Auth-Token": server.token, "Accept": "application/json"},
        timeout=30,
    ) as api:
        response = await api.get(
            "/v3/catalog/products", params={"include": "variants", "limit": limit}
        )
        response.raise_for_status()
        products = response.json()["data"]
    return [
        str(variant["sku"])
        for product in products
        if product.get("availability", "available") == "available"
        for variant in product.get("variants") or []
        if variant.get("sku")
        and not variant.get("purchasing_disabled")
        and (variant.get("inventory_level") or 0) > 0
    ]


async def _order_status(server: Any, order_id: int) -> tuple[int, str]:
    import httpx

    async with httpx.AsyncClient(
        base_url=f"{server.api_base_url}/stores/{server.store_hash}",
        headers={"X-Auth-Token": server.token, "Accept": "application/json"},
        timeout=30,
    ) as api:
        response = await api.get(f"/v2/orders/{order_id}")
        response.raise_for_status()
        order = response.json()
    return int(order["status_id"]), str(order.get("status", ""))


async def demo_sale(server: Any, data_dir: Path) -> str:
    """Item → billing address → pickup → order and payment token → card → status 11."""
    from pos.api.client import BigCommerceClient
    from pos.composition import demo_profile
    from pos.sale import NewCard, PaymentOptions, Sale, SaleSettings
    from pos.sale.cards import CardDetails
    from pos.sale.catalog_cache import CatalogCache
    from pos.sale.errors import SaleError
    from pos.sale.journal import Journal
    from pos.sale.script import ItemSpec, SaleScript, ScriptError, walk

    profile = demo_profile(server)
    client = BigCommerceClient(
        profile.store_hash,
        lambda: server.token,
        api_base_url=profile.api_base_url,
        payments_base_url=profile.payments_base_url,
    )
    skus = await _purchasable_skus(server)
    if not skus:
        raise CheckFailed("no purchasable item among the demo store's first products")
    # The first of the store's first products that it sells, a guest, taken now.
    script = SaleScript(
        items=[ItemSpec(skus[0], alternatives=tuple(skus[1:10]))], billing=DEMO_ADDRESS
    )

    def pay(_: PaymentOptions) -> NewCard:
        return NewCard(CardDetails(
            _approved_test_card(),
            DEMO_CVV,
            12,
            time.gmtime().tm_year + 2,
            cardholder_name="Self Test",
        ))

    with Journal(data_dir / "journal.sqlite3") as journal, CatalogCache(
        data_dir / "catalog.sqlite3"
    ) as cache:
        async with client:
            sale = Sale(client, journal, SaleSettings.from_profile(profile), catalog=cache)
            try:
                walked = await walk(sale, script, pay)
            except ScriptError:
                raise CheckFailed(
                    "no purchasable item among the demo store's first products"
                ) from None
            except SaleError as exc:
                raise CheckFailed(f"the demo sale stopped: {exc}") from None
            finally:
                await sale.aclose()
    options, result = walked.options, walked.result
    if not result.paid or result.order_id is None:
        raise CheckFailed(f"the demo sale ended '{result.outcome}': {result.message}")
    status_id, status = await _order_status(server, result.order_id)
    if status_id != AWAITING_FULFILLMENT:
        raise CheckFailed(
            f"the store says order {result.order_id} has status {status_id} ({status}), "
            f"not {AWAITING_FULFILLMENT}"
        )
    return (
        f"order {result.order_id} paid through the sale engine "
        f"({options.total} {options.currency}, {result.masked_card}), "
        f"status {status_id} {status}"
    )


CHECKS: tuple[tuple[str, Callable[[SelfTestContext], str]], ...] = (
    ("bundle", check_bundle),
    ("qt", check_qt),
    ("icons", check_icons),
    ("translations", check_translations),
    ("demo data", check_demo_data),
    ("locale data", check_locale_data),
    ("keyring", check_keyring),
    ("sandbox", check_sandbox),
    ("wizard", check_wizard),
    ("sale", check_sale),
)
# Checks that cannot run without the Qt application.
NEEDS_QT = {"icons", "translations", "wizard"}


def _run_one(
    name: str, check: Callable[[SelfTestContext], str], ctx: SelfTestContext
) -> CheckResult:
    if name in NEEDS_QT and ctx.qt is None:
        return CheckResult(name, FAIL, "skipped: Qt did not start (see the qt check)")
    try:
        return CheckResult(name, PASS, check(ctx))
    except CheckWarning as exc:
        return CheckResult(name, WARN, str(exc))
    except CheckFailed as exc:
        return CheckResult(name, FAIL, str(exc))
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        origin = f"{Path(where.filename).name}:{where.lineno}"
        return CheckResult(name, FAIL, f"{type(exc).__name__}: {exc} (at {origin})")


async def _awaited(call: Callable[[], Awaitable[None]]) -> None:
    await call()


@contextlib.contextmanager
def _gui_thread_gc() -> Iterator[None]:
    """Collect garbage only here, on the main thread (never from the sandbox's thread)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        if was_enabled:
            gc.enable()


def run(out: IO[str] | None = None, *, only: set[str] | None = None) -> list[CheckResult]:
    """Run the checks (all, or the names in ``only``), printing one line per check."""
    out = out or sys.stdout
    results: list[CheckResult] = []
    started = time.perf_counter()
    with _gui_thread_gc(), tempfile.TemporaryDirectory(prefix="pos-self-test-") as tmp:
        ctx = SelfTestContext(workdir=Path(tmp))
        try:
            for name, check in CHECKS:
                if only is not None and name not in only:
                    continue
                result = _run_one(name, check, ctx)
                results.append(result)
                print(result.line(), file=out, flush=True)
        finally:
            for close in ctx.closers:
                with contextlib.suppress(Exception):
                    asyncio.run(_awaited(close))
            ctx.keep.clear()
            if ctx.qt is not None:
                ctx.qt.close()
            if ctx.sandbox is not None:
                with contextlib.suppress(Exception):
                    ctx.sandbox.__exit__(None, None, None)
    counts = {s: sum(r.status == s for r in results) for s in (PASS, WARN, FAIL)}
    elapsed = time.perf_counter() - started
    verdict = "FAILED" if counts[FAIL] else "all checks passed"
    tally = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    print(f"self-test {verdict} ({tally}) in {elapsed:.1f} s", file=out, flush=True)
    return results


def main(out: IO[str] | None = None) -> int:
    results = run(out)
    return 1 if any(r.status == FAIL for r in results) else 0

"""``pos doctor``: can this register sell? Each check gives a one-line result and a fix.

The checks run in order; a check whose prerequisite failed is reported as skipped, so the
first failure is the one to fix. Local checks (profile, token, pickup address, data folder,
clock) need no network; the network checks use :class:`pos.api.client.BigCommerceClient`
and only harmless requests: reads, writes aimed at a cart, checkout or order that does not
exist (a token without the modify scope gets 403, one with it 404), a payment-token request
for an order that does not exist, and a throw-away cart that is deleted at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import email.utils
import enum
import logging
import os
import socket
import ssl
import tempfile
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pos.stores import doctor_words as w
from pos.stores.phrases import STORE_WORDS
from pos.stores.profiles import (
    LoadedProfiles,
    Profile,
    ProfileError,
    ProfileProblem,
    ensure_data_dir,
    load_profiles,
)
from pos.stores.secrets import ApiToken, KeyringUnavailable, TokenStore

if TYPE_CHECKING:
    from pos.api.client import BigCommerceClient

#: An order id no store has: probes that need an order id use it (answers 404, changes nothing).
NO_SUCH_ORDER_ID = 2_147_483_000
MAX_CLOCK_SKEW_S = 300.0
CARD_TYPES = {"card", "credit_card"}
CARD_BRANDS = {"visa", "mastercard", "amex", "american_express", "discover", "jcb",
               "diners_club", "maestro", "unionpay", "card"}


class Status(enum.Enum):
    PASS = "pass"  # noqa: S105 (a check status, not a password)
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"


@dataclass(frozen=True)
class CheckResult:
    key: str
    title: str
    status: Status
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "check": self.key,
            "title": self.title,
            "status": self.status.value,
            "detail": self.detail,
            "fix": self.fix,
        }


@dataclass
class DoctorReport:
    profile_name: str
    results: list[CheckResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True only when the register can sell: nothing failed and nothing was skipped."""
        return bool(self.results) and all(
            r.status in {Status.PASS, Status.WARN} for r in self.results
        )

    def get(self, key: str) -> CheckResult | None:
        for result in self.results:
            if result.key == key:
                return result
        return None

    def as_dict(self) -> dict[str, Any]:
        return {
            "profile": self.profile_name,
            "ok": self.ok,
            "checks": [r.as_dict() for r in self.results],
        }


# (scope key, what the register does with it, BigCommerce's scope name)
SCOPES: tuple[tuple[str, str, str], ...] = tuple(
    (key, STORE_WORDS(f"doctor.purpose.{key}", purpose)(), scope)
    for key, purpose, scope in (
        ("catalog", "read the catalogue", "store_v2_products_read_only"),
        ("customers", "find and create customers", "store_v2_customers"),
        ("carts", "create carts", "store_cart"),
        ("checkouts", "run checkouts", "store_checkouts"),
        ("orders", "create and read orders", "store_v2_orders"),
        ("payment_methods", "list payment methods", "store_payments_methods_read"),
        ("payment_tokens", "create payment access tokens",
         "store_payments_access_token_create"),
    )
)

# The modify scopes that are probed with a write, and the read-only twin a token may hold
# instead (reads pass with it, the register's writes do not).
READ_ONLY_TWINS = {
    "carts": "store_cart_read_only",
    "checkouts": "store_checkouts_read_only",
    "orders": "store_v2_orders_read_only",
}

TokenFinder = Callable[[Profile], Awaitable[ApiToken | None]]
#: A further check of the store given by the caller (e.g. leftovers of this register).
StoreCheck = Callable[["BigCommerceClient", Profile], Awaitable["CheckResult | None"]]
#: Told of each finished check, on the event loop's thread (see :class:`Doctor`).
ResultHook = Callable[[CheckResult], None]

log = logging.getLogger(__name__)


class Doctor:
    """Checks one profile end to end.

    ``profile`` is a name (looked up with :func:`load_profiles`) or a resolved profile
    (the composition root resolves the demo profile to a running sandbox store and
    passes its ``token``). ``client_factory`` builds the API client (tests may pass one).

    ``on_result`` hears of each check as it finishes, in the order of the report, on the
    thread of the event loop that runs :meth:`run` (a check that runs in a worker thread
    hands its result back to the loop), and before :meth:`run` returns. An exception it
    raises is logged and does not stop the checks.
    """

    def __init__(
        self,
        profile: str | Profile,
        *,
        token: ApiToken | None = None,
        timeout: float = 10.0,
        client_factory: Callable[[Profile, ApiToken], BigCommerceClient] | None = None,
        environ: dict[str, str] | None = None,
        on_result: ResultHook | None = None,
        folder_problems: Sequence[ProfileProblem] = (),
        store_checks: Sequence[StoreCheck] = (),
    ) -> None:
        self._wanted = profile
        self._store_checks = tuple(store_checks)
        self._folder_problems = tuple(folder_problems)
        self._on_result = on_result
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self._token = token
        self.timeout = timeout
        self._client_factory = client_factory or self._default_client
        self._environ = environ
        self.report = DoctorReport(profile if isinstance(profile, str) else profile.name)
        self.profile: Profile | None = profile if isinstance(profile, Profile) else None
        self._server_dates: list[dt.datetime] = []

    # -- helpers -----------------------------------------------------------------

    def _add(self, key: str, title: str, status: Status, detail: str, fix: str = "") -> bool:
        result = CheckResult(key, title, status, detail, fix)
        self.report.results.append(result)
        self._tell(result)
        return status in {Status.PASS, Status.WARN}

    def _tell(self, result: CheckResult) -> None:
        """Hand ``result`` to ``on_result`` on the loop's thread."""
        if self._on_result is None:
            return
        loop = self._loop
        if loop is None or threading.get_ident() == self._loop_thread:
            self._call_hook(result)
        else:
            # A worker thread (the data-folder check): the loop runs the hook before it
            # resumes the awaiting check, so results arrive in the order of the report.
            loop.call_soon_threadsafe(self._call_hook, result)

    def _call_hook(self, result: CheckResult) -> None:
        assert self._on_result is not None
        try:
            self._on_result(result)
        except Exception:
            log.exception("the doctor's result hook failed on %s", result.key)

    def _skip(self, key: str, title: str, because: str) -> None:
        self._add(key, title, Status.SKIP, w.NOT_CHECKED(because=because))

    def _default_client(self, profile: Profile, token: ApiToken) -> BigCommerceClient:
        from pos.api.client import BigCommerceClient

        return BigCommerceClient(
            profile.store_hash,
            token.reveal,
            api_base_url=profile.api_base_url,
            payments_base_url=profile.payments_base_url,
            timeout=self.timeout,
            connect_timeout=min(self.timeout, 5.0),
            max_retries=1,
            backoff_initial=0.2,
            backoff_max=1.0,
            max_rate_limit_wait=min(self.timeout, 10.0),
            ca_bundle=str(profile.ca_bundle) if profile.ca_bundle else None,
        )

    # -- the run -----------------------------------------------------------------

    async def run(self) -> DoctorReport:
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        profile = await self.check_profile()
        token: ApiToken | None = None
        pickup_ok = False
        if profile is not None:
            token = await self.check_token(profile)
            pickup_ok = self.check_pickup_location(profile)
            await asyncio.to_thread(self.check_data_dir, profile)
        else:
            for key, title in (("token", "API token"), ("pickup_location", "Pickup address"),
                               ("data_dir", "Data folder")):
                self._skip(key, title, w.SKIP_PROFILE())
        self.check_local_clock()
        if profile is None:
            self._skip("network", "Store", w.SKIP_PROFILE())
            return self.report
        api_ok = await self.check_host(profile.api_base_url, "api_host", "API host")
        pay_ok = await self.check_host(
            profile.payments_base_url, "payments_host", "Payments host"
        )
        self.check_server_clock()
        if token is None or not api_ok:
            because: str = w.NO_TOKEN() if token is None else w.API_HOST_UNREACHABLE()
            self._skip("token_accepted", "Token accepted", because)
            self._skip("scopes", "Token scopes", because)
            self._skip("store_setup", "Store set-up", because)
            return self.report
        client = self._client_factory(profile, token)
        async with client:
            if await self.check_token_accepted(client):
                for extra in self._store_checks:
                    result = await extra(client, profile)
                    if result is not None:
                        self._add(result.key, result.title, result.status, result.detail,
                                  result.fix)
                scopes_ok = await self.check_scopes(client)
                if scopes_ok and pay_ok and pickup_ok:
                    await self.check_store_setup(client, profile)
                else:
                    # The set-up check sends the pickup address to the store: an incomplete
                    # one would only be refused there, with a message that misleads.
                    because = (w.SKIP_SCOPES() if not scopes_ok
                               else w.SKIP_PAYMENTS_HOST() if not pay_ok
                               else w.SKIP_PICKUP())
                    self._skip("store_setup", "Store set-up", because)
            else:
                self._skip("scopes", "Token scopes", w.SKIP_TOKEN())
                self._skip("store_setup", "Store set-up", w.SKIP_TOKEN())
        return self.report

    # -- local checks ------------------------------------------------------------

    async def check_profile(self) -> Profile | None:
        title = "Profile"
        if isinstance(self._wanted, Profile):
            profile = self._wanted
            if self._folder_problems:
                self._add("profile", title, Status.WARN,
                          w.AND_MORE(first=_describe(profile), more=self._folder_problems[0]),
                          w.FOLDER_FIX)
            else:
                self._add("profile", title, Status.PASS, _describe(profile))
            return profile
        name = self._wanted
        loaded: LoadedProfiles = await asyncio.to_thread(load_profiles)
        folders = loaded.unreadable_folders
        found = loaded.get(name)
        if found is None:
            try:
                from pos.stores.profiles import get_profile

                await asyncio.to_thread(get_profile, name)
                detail = f"no profile named {name!r}"
            except ProfileError as exc:
                detail = str(exc)
            if folders:
                detail += "; " + "; ".join(str(p) for p in folders)
                self._add("profile", title, Status.FAIL, detail, w.FOLDER_FIX)
                return None
            if detail.startswith("no profile named"):
                # Say where it was looked for: there is no file to show.
                from pos.stores.profile_folders import (
                    profile_path,
                    system_profiles_dir,
                    user_profiles_dir,
                )

                looked = f"{profile_path(name)} or {system_profiles_dir()}"
                if user_profiles_dir() == system_profiles_dir():
                    looked = str(profile_path(name))
                self._add("profile", title, Status.FAIL, f"{detail}; looked for {looked}",
                          f"create the profile with 'pos profile add {name} --store-hash "
                          "HASH', or name one of 'pos profile list'")
                return None
            self._add("profile", title, Status.FAIL, detail,
                      "fix the file shown, or create the profile with "
                      f"'pos profile add {name} --store-hash HASH' (see 'pos profile list')")
            return None
        profile = found
        self.profile = profile
        warnings = [p for p in loaded.problems_for(profile.path) if p.severity == "warning"]
        if folders:
            self._add("profile", title, Status.WARN, f"{_describe(profile)}; {folders[0]}",
                      w.FOLDER_FIX)
        elif warnings:
            self._add("profile", title, Status.WARN,
                      f"{_describe(profile)}; {len(warnings)} warning(s): {warnings[0]}",
                      f"remove unknown keys with 'pos profile edit {name}'")
        else:
            self._add("profile", title, Status.PASS, _describe(profile))
        return profile

    async def check_token(self, profile: Profile) -> ApiToken | None:
        title = "API token"
        if self._token is not None:
            self._add("token", title, Status.PASS, w.TOKEN_GIVEN())
            return self._token
        if not profile.needs_token:
            self._add("token", title, Status.FAIL, w.SANDBOX_NO_TOKEN(),
                      w.SANDBOX_NO_TOKEN_FIX(name=profile.name))
            return None
        environ = self._environ if self._environ is not None else os.environ
        store = TokenStore(profile.store_hash, environ=environ)
        try:
            found = await store.find()
        except KeyringUnavailable as exc:
            self._add("token", title, Status.FAIL, exc.problem, exc.fix)
            return None
        if found is None:
            self._add("token", title, Status.FAIL, w.NO_TOKEN_SAVED(),
                      w.NO_TOKEN_SAVED_FIX(name=profile.name))
            return None
        where = found.source.value
        self._add("token", title, Status.PASS,
                  w.TOKEN_FOUND(where=w.TOKEN_SOURCES.get(where, where)))
        return found.token

    def check_pickup_location(self, profile: Profile) -> bool:
        from pos.sale.addresses import postal_code_required, state_required

        title = "Pickup address"
        pickup = profile.pickup_location
        missing = pickup.missing_fields()
        # Where the country has states and postal codes, the store refuses an address
        # without them (a raw 422 later, under Store set-up): name them here.
        country = pickup.country_code
        if country and "country_code" not in missing:
            if (state_required(country) and not pickup.state_or_province
                    and not pickup.state_or_province_code):
                missing.append("state_or_province_code")
            if postal_code_required(country) and not pickup.postal_code:
                missing.append("postal_code")
        if missing:
            example = " ".join(f"--set pickup_location.{m}=..." for m in missing)
            return self._add("pickup_location", title, Status.FAIL,
                             w.MISSING_FIELDS(fields=", ".join(missing)),
                             f"pos profile edit {profile.name} {example}")
        return self._add("pickup_location", title, Status.PASS,
                         f"{pickup.address1}, {pickup.city} {pickup.country_code}")

    def check_data_dir(self, profile: Profile) -> bool:
        title = "Data folder"
        try:
            folder = ensure_data_dir(profile)
            fd, name = tempfile.mkstemp(prefix=".doctor-", dir=folder)
            try:
                os.write(fd, b"ok")
                os.fsync(fd)
            finally:
                os.close(fd)
                os.unlink(name)
        except (OSError, ProfileError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return self._add("data_dir", title, Status.FAIL, w.CANNOT_WRITE(reason=reason),
                             w.CANNOT_WRITE_FIX())
        return self._add("data_dir", title, Status.PASS, w.WRITABLE(folder=folder))

    def check_local_clock(self) -> bool:
        now = dt.datetime.now(dt.UTC)
        if now.year < 2024:
            return self._add("clock", "Clock", Status.FAIL,
                             w.CLOCK_SAYS(date=f"{now:%Y-%m-%d}"), w.SET_CLOCK())
        return True

    def check_server_clock(self) -> bool:
        title = "Clock"
        if self.report.get("clock") is not None:
            return False
        if not self._server_dates:
            return self._add("clock", title, Status.PASS,
                             w.CLOCK_LOCAL_OK())
        skew = max(abs((d - dt.datetime.now(dt.UTC)).total_seconds())
                   for d in self._server_dates)
        if skew > MAX_CLOCK_SKEW_S:
            return self._add("clock", title, Status.FAIL,
                             w.CLOCK_SKEW(seconds=f"{skew:.0f}"), w.SET_CLOCK_WHY())
        return self._add("clock", title, Status.PASS, w.CLOCK_OK(seconds=f"{skew:.0f}"))

    # -- network checks ----------------------------------------------------------

    async def check_host(self, base_url: str, key: str, title: str) -> bool:
        """DNS, then TCP + TLS, with an unauthenticated ``HEAD /`` (no token sent)."""
        import httpx

        from pos.api.urls import StoreUrlError, parse_store_url

        try:
            parts = parse_store_url(base_url)
        except StoreUrlError as exc:
            return self._add(key, title, Status.FAIL, w.STORE_URL(problem=exc),
                             w.FIX_URL())
        host, port = parts.host, parts.port
        try:
            async with asyncio.timeout(self.timeout):
                await asyncio.get_running_loop().getaddrinfo(
                    host, port, type=socket.SOCK_STREAM
                )
        except (OSError, TimeoutError) as exc:
            return self._add(key, title, Status.FAIL, w.NO_RESOLVE(host=host, problem=exc),
                             w.CHECK_DNS())
        verify: ssl.SSLContext | bool = True
        profile = self.profile
        if profile is not None and profile.ca_bundle is not None:
            try:
                verify = ssl.create_default_context()
                verify.load_verify_locations(cafile=str(profile.ca_bundle))
            except (OSError, ssl.SSLError) as exc:
                return self._add(key, title, Status.FAIL,
                                 w.CA_UNREADABLE(path=profile.ca_bundle, problem=exc),
                                 w.FIX_CA())
        started = time.monotonic()
        try:
            async with httpx.AsyncClient(verify=verify, timeout=self.timeout) as http:
                response = await http.head(parts.text + "/")
        except httpx.ConnectError as exc:
            if _is_tls(exc):
                return self._add(key, title, Status.FAIL,
                                 w.TLS_FAILED(host=host, problem=_first_line(exc)),
                                 w.TLS_FIX())
            return self._add(key, title, Status.FAIL,
                             w.CANNOT_CONNECT(host=host, port=port, problem=_first_line(exc)),
                             w.CHECK_NETWORK())
        except httpx.HTTPError as exc:
            return self._add(key, title, Status.FAIL,
                             w.NO_ANSWER(host=host, problem=type(exc).__name__),
                             w.CHECK_NETWORK())
        elapsed = (time.monotonic() - started) * 1000
        date = response.headers.get("date")
        if date:
            with contextlib.suppress(TypeError, ValueError):
                self._server_dates.append(email.utils.parsedate_to_datetime(date))
        scheme = "TLS" if parts.secure else "plain HTTP (loopback)"
        return self._add(key, title, Status.PASS,
                         w.ANSWERS(host=host, scheme=scheme, ms=f"{elapsed:.0f}"))

    async def check_token_accepted(self, client: BigCommerceClient) -> bool:
        from pos.api.errors import BigCommerceError, Forbidden, Unauthorized

        title = "Token accepted"
        try:
            await client.catalog.list_products(limit=1)
        except Unauthorized:
            name = self.report.profile_name
            return self._add("token_accepted", title, Status.FAIL,
                             w.REFUSED_401(), w.REFUSED_401_FIX(name=name))
        except Forbidden:
            pass  # accepted; the scope check names what is missing
        except BigCommerceError as exc:
            return self._add("token_accepted", title, Status.FAIL, _first_line(exc),
                             w.CHECK_HASH())
        return self._add("token_accepted", title, Status.PASS, w.TOKEN_ACCEPTED())

    async def check_scopes(self, client: BigCommerceClient) -> bool:
        """Each API the register uses, probed so that a 403 means the scope is missing.

        Carts, checkouts and orders are probed with writes aimed at records that do not
        exist (a DELETE of a random cart, of a consignment of a random checkout, a status
        change of an order id no store has): with the modify scope the store answers 404,
        without it 403, and nothing changes either way. A read would pass with the
        ``_read_only`` scope alone, which cannot sell. Customers are probed with a read:
        there is no write that changes nothing.
        """
        from pos.api.errors import BigCommerceError

        def nowhere() -> str:
            return str(uuid.uuid4())

        probes: dict[str, Callable[[], Awaitable[Any]]] = {
            "catalog": lambda: client.catalog.list_products(limit=1),
            "customers": lambda: client.customers.search(limit=1),
            "carts": lambda: client.carts.delete(nowhere()),
            "checkouts": lambda: client.checkouts.delete_consignment(nowhere(), "x"),
            "orders": lambda: client.orders.set_status(NO_SUCH_ORDER_ID, 0),
            "payment_methods": lambda: client.payments.methods(order_id=NO_SUCH_ORDER_ID),
            "payment_tokens": lambda: client.payments.create_access_token(NO_SUCH_ORDER_ID),
        }
        reads: dict[str, Callable[[], Awaitable[Any]]] = {
            "carts": lambda: client.carts.get(nowhere()),
            "checkouts": lambda: client.checkouts.get(nowhere()),
            "orders": lambda: client.orders.statuses(),
        }
        missing: list[str] = []
        read_only: list[str] = []
        failures: list[str] = []
        for key, purpose, scope in SCOPES:
            try:
                allowed = await _allowed(probes[key])
            except BigCommerceError as exc:
                failures.append(f"{key}: {_first_line(exc)}")
                continue
            if allowed:
                continue
            twin = READ_ONLY_TWINS.get(key)
            if twin is not None and key in reads:
                with contextlib.suppress(BigCommerceError):
                    if await _allowed(reads[key]):
                        missing.append(w.SCOPE_ONLY_TWIN(scope=scope, purpose=purpose,
                                                        twin=twin))
                        read_only.append(scope)
                        continue
            missing.append(w.SCOPE_FOR(scope=scope, purpose=purpose))
        if missing:
            name = self.report.profile_name
            fix = (w.GRANT_SCOPES_MODIFY(scopes=", ".join(read_only), name=name) if read_only
                   else w.GRANT_SCOPES(name=name))
            return self._add("scopes", "Token scopes", Status.FAIL,
                             w.MISSING_SCOPES(scopes=_joined(missing)), fix)
        if failures:
            return self._add("scopes", "Token scopes", Status.FAIL,
                             w.COULD_NOT_CHECK(problems="; ".join(failures)), w.RUN_AGAIN())
        return self._add("scopes", "Token scopes", Status.PASS, w.SCOPES_OK())

    async def check_store_setup(self, client: BigCommerceClient, profile: Profile) -> bool:
        """A throw-away cart on the profile's channel: the channel exists, the pickup
        address gets a pickup-in-store option, and a card payment method is enabled.

        When the token may read channels (``store_channel_settings_read_only``), a channel
        the store does not have is named first, with the store's channels; otherwise the
        cart tells."""
        from pos.api.errors import ApiError, BigCommerceError, Forbidden
        from pos.api.models import AddressInput, ConsignmentInput, ConsignmentLineItem

        title = "Store set-up"
        missing_channel = await self._missing_channel(client, profile)
        if missing_channel is not None:
            detail, fix = missing_channel
            return self._add("store_setup", title, Status.FAIL, detail, fix)
        cart_id: str | None = None
        # The scope the request being made needs, named if the store refuses it with 403.
        needs = _scope_needed("catalog")
        try:
            try:
                page = await client.catalog.list_products(limit=10)
            except Forbidden:
                raise
            except BigCommerceError as exc:
                return self._add("store_setup", title, Status.FAIL, _first_line(exc),
                                 w.CHECK_CATALOGUE())
            products = [p for p in page.items if (p.type or "physical") == "physical"]
            if not products:
                return self._add("store_setup", title, Status.FAIL,
                                 w.NO_PHYSICAL(), w.ADD_PRODUCT())
            cart = None
            last_error: ApiError | None = None
            from pos.api.models import LineItemInput

            needs = _scope_needed("carts")
            for product in products[:3]:
                try:
                    cart = await client.carts.create(
                        [LineItemInput(product_id=product.id, quantity=1)],
                        channel_id=profile.channel_id,
                    )
                    break
                except Forbidden:
                    raise  # a missing scope, not a wrong channel
                except ApiError as exc:
                    last_error = exc
                    if exc.status == 404 or "channel" in str(exc).lower():
                        break
            if cart is None:
                detail = _first_line(last_error) if last_error else w.NO_CART()
                return self._add("store_setup", title, Status.FAIL,
                                 w.NO_CART_ON(channel=profile.channel_id, problem=detail),
                                 w.CHECK_CHANNEL())
            cart_id = cart.id
            if cart.channel_id is not None and cart.channel_id != profile.channel_id:
                return self._add("store_setup", title, Status.FAIL,
                                 w.OTHER_CHANNEL(found=cart.channel_id,
                                                wanted=profile.channel_id),
                                 w.CHECK_CHANNEL())
            items = cart.line_items.physical_items
            if not items:
                return self._add("store_setup", title, Status.FAIL,
                                 w.NO_PHYSICAL_ITEM(), w.CHECK_CATALOGUE())
            needs = _scope_needed("checkouts")
            checkout = await client.checkouts.add_consignments(
                cart.id,
                [ConsignmentInput(
                    address=AddressInput.model_validate(profile.pickup_location.as_address()),
                    line_items=[ConsignmentLineItem(item_id=items[0].id, quantity=1)],
                )],
            )
            options = [
                o for c in checkout.consignments for o in (c.available_shipping_options or [])
            ]
            pickup = [o for o in options if (o.type or "") == "shipping_pickupinstore"
                      or "pickup" in (o.description or "").lower()]
            if not pickup:
                return self._add("store_setup", title, Status.FAIL,
                                 w.NO_PICKUP(), w.NO_PICKUP_FIX())
            needs = _scope_needed("payment_methods")
            methods = await client.payments.methods(checkout_id=cart.id)
            cards = [m for m in methods if _is_card_method(m)]
            if not cards:
                return self._add("store_setup", title, Status.FAIL,
                                 w.NO_CARDS(), w.NO_CARDS_FIX())
            return self._add("store_setup", title, Status.PASS,
                             w.SETUP_OK(channel=profile.channel_id,
                                       pickup=repr(pickup[0].description or pickup[0].id),
                                       card=repr(cards[0].name or cards[0].id)))
        except Forbidden:
            return self._add("store_setup", title, Status.FAIL,
                             w.REFUSED_403(scope=needs),
                             w.GRANT_SCOPE(name=self.report.profile_name))
        except BigCommerceError as exc:
            return self._add("store_setup", title, Status.FAIL, _first_line(exc),
                             w.CHECK_SETTINGS())
        finally:
            if cart_id is not None:
                with contextlib.suppress(BigCommerceError):
                    await client.carts.delete(cart_id)


    async def _missing_channel(
        self, client: BigCommerceClient, profile: Profile
    ) -> tuple[str, str] | None:
        """(detail, fix) when the store says it has no channel ``profile.channel_id``; None
        when it has, or when the channels cannot be read (no scope for them: the cart-based
        check then decides)."""
        from pos.api.errors import BigCommerceError, NotFound

        try:
            await client.channels.get(profile.channel_id)
        except NotFound:
            pass
        except BigCommerceError:
            return None
        else:
            return None
        name = self.report.profile_name
        fix: str = w.SET_CHANNEL(name=name)
        with contextlib.suppress(BigCommerceError):
            page = await client.channels.list(limit=250)
            if page.items:
                fix = w.SET_CHANNEL_LIST(name=name, channels=", ".join(
                    f"{c.id} {c.name or '?'!r} ({c.type or 'channel'}, {c.status or '?'})"
                    for c in page.items
                ))
        return w.NO_CHANNEL(channel=profile.channel_id), fix


async def _allowed(probe: Callable[[], Awaitable[Any]]) -> bool:
    """False when the store refused the probe with 403 (a scope is missing); True when it
    let the request through: answered it, or refused it on its merits (404 for a record that
    does not exist, 422, another 4xx). A 401, a 429, a 5xx or a network failure raises: the
    answer says nothing about scopes."""
    from pos.api.errors import ApiError, Forbidden

    try:
        await probe()
    except Forbidden:
        return False
    except ApiError as exc:
        if 400 <= exc.status < 500 and exc.status not in {401, 429}:
            return True
        raise
    return True


def _is_card_method(method: Any) -> bool:
    if (method.type or "").lower() in CARD_TYPES:
        return True
    return any(i.instrument_type.lower() in CARD_BRANDS for i in method.supported_instruments)


def _describe(profile: Profile) -> str:
    source = w.SOURCES.get(profile.source, profile.source)
    where = w.SOURCE_PATH(source=source, path=profile.path) if profile.path else source
    store = w.SANDBOX_STORE() if profile.sandbox and not profile.store_hash else (
        w.STORE_HASH(hash=profile.store_hash)
    )
    return w.DESCRIBE(title=profile.title, store=store, channel=profile.channel_id, where=where)


def _joined(items: list[str]) -> str:
    """Items joined with "; ", as words a face can say (each item said in turn)."""
    if not items:
        return ""
    joined = items[0]
    for item in items[1:]:
        joined = w.AND_MORE(first=joined, more=item)
    return joined


def _scope_needed(key: str) -> str:
    """A scope the register needs, and what for (from :data:`SCOPES`)."""
    scope, purpose = next((s, p) for k, p, s in SCOPES if k == key)
    return w.SCOPE_FOR(scope=scope, purpose=purpose)


def _first_line(exc: BaseException | None) -> str:
    text = str(exc) if exc is not None else ""
    return text.splitlines()[0] if text else type(exc).__name__


def _is_tls(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "ssl" in str(exc).lower() or "certificate" in str(exc).lower()


def render_table(report: DoctorReport) -> str:
    """The report as a plain-text table: status, check, result, and the fix below a failure."""
    marks = {Status.PASS: "PASS", Status.WARN: "WARN", Status.FAIL: "FAIL", Status.SKIP: "SKIP"}
    width = max((len(r.title) for r in report.results), default=5)
    lines = [f"Checking profile {report.profile_name!r}", ""]
    for r in report.results:
        lines.append(f"  {marks[r.status]}  {r.title:<{width}}  {r.detail}")
        if r.fix and r.status in {Status.FAIL, Status.WARN}:
            lines.append(f"        {'':<{width}}  fix: {r.fix}")
    lines.append("")
    lines.append("Ready to sell." if report.ok else "Not ready to sell: fix the FAIL lines above.")
    return "\n".join(lines)

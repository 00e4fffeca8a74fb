"""The doctor's words: what each check found and how to fix it, as phrases (see
:mod:`pos.wording`): English on the command line, the clerk's language in the store set-up.
"""

from __future__ import annotations

from pos.stores.phrases import STORE_WORDS

SKIP_PROFILE = STORE_WORDS("doctor.skip_profile", "the profile cannot be read")
SKIP_SCOPES = STORE_WORDS("doctor.skip_scopes", "missing scopes")
SKIP_PAYMENTS_HOST = STORE_WORDS("doctor.skip_payments_host", "payments host unreachable")
SKIP_PICKUP = STORE_WORDS("doctor.skip_pickup", "the pickup address is incomplete")
SKIP_TOKEN = STORE_WORDS("doctor.skip_token", "the token was not accepted")
SCOPE_FOR = STORE_WORDS("doctor.scope_for", "{scope} (to {purpose})")
SCOPE_ONLY_TWIN = STORE_WORDS(
    "doctor.scope_only_twin",
    "{scope} (to {purpose}; the token has only {twin})",
)
GRANT_SCOPES = STORE_WORDS(
    "doctor.grant_scopes",
    "edit the store's API account (Settings > API accounts) to grant these scopes, then save "
    "the new token with 'pos profile set-token {name}'",
)
GRANT_SCOPES_MODIFY = STORE_WORDS(
    "doctor.grant_scopes_modify",
    "edit the store's API account (Settings > API accounts) to grant these scopes (set to "
    "'modify', not 'read-only': {scopes}), then save the new token with 'pos profile set-"
    "token {name}'",
)
MISSING_SCOPES = STORE_WORDS("doctor.missing_scopes", "missing: {scopes}")
COULD_NOT_CHECK = STORE_WORDS("doctor.could_not_check", "could not check: {problems}")
RUN_AGAIN = STORE_WORDS(
    "doctor.run_again",
    "run 'pos doctor' again; if it persists, check the store's status",
)
SCOPES_OK = STORE_WORDS(
    "doctor.scopes_ok",
    "carts, checkouts and orders (modify), catalogue, customers, payment methods and payment "
    "tokens",
)
SET_CHANNEL = STORE_WORDS(
    "doctor.set_channel",
    "set channel_id in the profile: pos profile edit {name} --set channel_id=N",
)
SET_CHANNEL_LIST = STORE_WORDS(
    "doctor.set_channel_list",
    "set channel_id in the profile: pos profile edit {name} --set channel_id=N; the store's "
    "channels: {channels}",
)
NO_CHANNEL = STORE_WORDS("doctor.no_channel", "channel {channel} does not exist in this store")
SOURCES = {
    source: STORE_WORDS(f"doctor.source.{source}", english)()
    for source, english in (("user", "user"), ("system", "system"),
                            ("builtin", "builtin"))
}
TOKEN_SOURCES = {
    english: STORE_WORDS(f"doctor.token_source.{key}", english)()
    for key, english in (("keyring", "OS keyring"), ("env", "POS_TOKEN environment variable"))
}
SOURCE_PATH = STORE_WORDS("doctor.source_path", "{source} {path}")
SANDBOX_STORE = STORE_WORDS("doctor.sandbox_store", "sandbox store")
STORE_HASH = STORE_WORDS("doctor.store_hash", "store {hash}")
DESCRIBE = STORE_WORDS("doctor.describe", "{title} ({store}, channel {channel}) from {where}")
NOT_CHECKED = STORE_WORDS("doctor.not_checked", "not checked: {because}")
NO_TOKEN = STORE_WORDS("doctor.no_token", "no API token")
API_HOST_UNREACHABLE = STORE_WORDS(
    "doctor.api_host_unreachable",
    "the API host cannot be reached",
)
AND_MORE = STORE_WORDS("doctor.and_more", "{first}; {more}")
TOKEN_GIVEN = STORE_WORDS("doctor.token_given", "given by the app")
SANDBOX_NO_TOKEN = STORE_WORDS(
    "doctor.sandbox_no_token",
    "the sandbox profile has no token until the app starts its sandbox store",
)
SANDBOX_NO_TOKEN_FIX = STORE_WORDS(
    "doctor.sandbox_no_token_fix",
    "run 'pos doctor {name}' from the pos command, which starts it",
)
NO_TOKEN_SAVED = STORE_WORDS("doctor.no_token_saved", "no token saved for this store")
NO_TOKEN_SAVED_FIX = STORE_WORDS(
    "doctor.no_token_saved_fix",
    "save one: pos profile set-token {name}  (or set POS_TOKEN)",
)
TOKEN_FOUND = STORE_WORDS("doctor.token_found", "found in the {where}")
MISSING_FIELDS = STORE_WORDS("doctor.missing_fields", "missing {fields}")
CANNOT_WRITE = STORE_WORDS("doctor.cannot_write", "cannot write: {reason}")
CANNOT_WRITE_FIX = STORE_WORDS(
    "doctor.cannot_write_fix",
    "make the folder writable by this user, or set POS_DATA_DIR",
)
WRITABLE = STORE_WORDS("doctor.writable", "{folder} is writable")
CLOCK_SAYS = STORE_WORDS("doctor.clock_says", "the clock says {date}")
SET_CLOCK = STORE_WORDS("doctor.set_clock", "set the date and time (enable network time)")
CLOCK_LOCAL_OK = STORE_WORDS(
    "doctor.clock_local_ok",
    "local date looks right (no server time to compare)",
)
CLOCK_SKEW = STORE_WORDS("doctor.clock_skew", "the clock is {seconds} s away from the store's")
SET_CLOCK_WHY = STORE_WORDS(
    "doctor.set_clock_why",
    "set the date and time (enable network time); payment tokens and TLS need a correct clock",
)
CLOCK_OK = STORE_WORDS("doctor.clock_ok", "within {seconds} s of the store's")
STORE_URL = STORE_WORDS("doctor.store_url", "the store URL {problem}")
FIX_URL = STORE_WORDS("doctor.fix_url", "fix the URL in the profile ('pos profile edit NAME')")
NO_RESOLVE = STORE_WORDS("doctor.no_resolve", "{host} does not resolve ({problem})")
CHECK_DNS = STORE_WORDS(
    "doctor.check_dns",
    "check the network and DNS, or the URL in the profile",
)
CA_UNREADABLE = STORE_WORDS(
    "doctor.ca_unreadable",
    "the CA bundle {path} cannot be read ({problem})",
)
FIX_CA = STORE_WORDS("doctor.fix_ca", "fix ca_bundle in the profile")
TLS_FAILED = STORE_WORDS("doctor.tls_failed", "TLS to {host} failed ({problem})")
TLS_FIX = STORE_WORDS(
    "doctor.tls_fix",
    "a proxy may inspect TLS: add its CA with 'pos profile edit NAME --set "
    "ca_bundle=/path/ca.pem'",
)
CANNOT_CONNECT = STORE_WORDS(
    "doctor.cannot_connect",
    "cannot connect to {host}:{port} ({problem})",
)
CHECK_NETWORK = STORE_WORDS("doctor.check_network", "check the network, firewall or proxy")
NO_ANSWER = STORE_WORDS("doctor.no_answer", "{host} did not answer ({problem})")
ANSWERS = STORE_WORDS("doctor.answers", "{host} answers over {scheme} in {ms} ms")
REFUSED_401 = STORE_WORDS("doctor.refused_401", "the store refused the token (HTTP 401)")
REFUSED_401_FIX = STORE_WORDS(
    "doctor.refused_401_fix",
    "create an API account in the store's control panel and save its access token: pos "
    "profile set-token {name}",
)
CHECK_HASH = STORE_WORDS("doctor.check_hash", "check the store hash and API URL in the profile")
TOKEN_ACCEPTED = STORE_WORDS("doctor.token_accepted", "the store accepts the token")
CHECK_CATALOGUE = STORE_WORDS("doctor.check_catalogue", "check the catalogue")
NO_PHYSICAL = STORE_WORDS(
    "doctor.no_physical",
    "the catalogue has no physical product to test a sale with",
)
ADD_PRODUCT = STORE_WORDS("doctor.add_product", "add at least one product to the store")
NO_CART = STORE_WORDS("doctor.no_cart", "no cart could be created")
NO_CART_ON = STORE_WORDS(
    "doctor.no_cart_on",
    "cannot create a cart on channel {channel}: {problem}",
)
CHECK_CHANNEL = STORE_WORDS(
    "doctor.check_channel",
    "check channel_id in the profile (1 is the store's default)",
)
OTHER_CHANNEL = STORE_WORDS(
    "doctor.other_channel",
    "the store put the cart on channel {found}, not {wanted}",
)
NO_PHYSICAL_ITEM = STORE_WORDS("doctor.no_physical_item", "the test cart has no physical item")
NO_PICKUP = STORE_WORDS(
    "doctor.no_pickup",
    "no pickup-in-store shipping option for the pickup address",
)
NO_PICKUP_FIX = STORE_WORDS(
    "doctor.no_pickup_fix",
    "enable 'Pickup in store' in a shipping zone that covers the pickup address (Settings > "
    "Shipping)",
)
NO_CARDS = STORE_WORDS("doctor.no_cards", "no card payment method is enabled")
NO_CARDS_FIX = STORE_WORDS(
    "doctor.no_cards_fix",
    "enable a card gateway that supports the Payments API (Settings > Payments)",
)
SETUP_OK = STORE_WORDS(
    "doctor.setup_ok",
    "channel {channel}, pickup option {pickup}, card method {card}",
)
REFUSED_403 = STORE_WORDS(
    "doctor.refused_403",
    "the store refused the token (HTTP 403): missing {scope}",
)
GRANT_SCOPE = STORE_WORDS(
    "doctor.grant_scope",
    "edit the store's API account (Settings > API accounts) to grant this scope, then save "
    "the new token with 'pos profile set-token {name}'",
)
CHECK_SETTINGS = STORE_WORDS(
    "doctor.check_settings",
    "check the store's shipping and payment settings",
)
FOLDER_FIX = STORE_WORDS(
    "doctor.folder_fix",
    "make the profile folder readable by this user (an administrator may need to fix its "
    "permissions), then run 'pos profile list'",
)()

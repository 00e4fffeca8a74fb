"""``pos profile ...``: write, read and deploy store profiles; save tokens in the keyring."""

from __future__ import annotations

import argparse
import functools
import re
import sys
import tomllib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pos.stores.profiles import Profile, Source

#: The --pickup-* options: the fields of :class:`pos.stores.profiles.PickupLocation`, in
#: its order (written out so that ``pos --help`` imports nothing heavy; a test holds them
#: equal).
PICKUP_OPTIONS = (
    "first_name", "last_name", "company", "address1", "address2", "city",
    "state_or_province", "state_or_province_code", "country_code", "postal_code",
    "phone", "email",
)

#: What each --pickup-* option holds (BigCommerce's address fields).
PICKUP_HELP = {
    "first_name": "first name on pickup orders, e.g. the store's name (needed to sell)",
    "last_name": "last name on pickup orders, e.g. 'Store' (needed to sell)",
    "company": "company name",
    "address1": "street address (needed to sell)",
    "address2": "second address line (suite, floor)",
    "city": "city (needed to sell)",
    "state_or_province": "state or province, in full (e.g. Texas)",
    "state_or_province_code": "state or province code (e.g. TX)",
    "country_code": "ISO 3166 two-letter country code, e.g. US (needed to sell)",
    "postal_code": "ZIP or postal code",
    "phone": "the store's phone number",
    "email": "the store's e-mail address (needed to sell)",
}

#: The sub-command's own name in messages: "pos profile add: ...".
PROG = "pos profile"

KEYRING_SAVE_DESCRIPTION = """\
Save the API token of the profile's store in the OS keyring (service 'bc-pos:<store_hash>',
user 'api-token'), where the register reads it. The token is never taken from the command
line (shell history and the process list would keep it):

  * piped on standard input:  printf %s "$TOKEN" | pos profile set-token NAME
                              vault kv get -field=token secret/x | pos profile set-token NAME
  * or typed at a prompt that does not echo it, when standard input is a terminal.

Profiles of the same store share the token. Where no keyring exists (kiosks, CI), set the
POS_TOKEN environment variable instead: it overrides the keyring and is never written
anywhere."""

ADD_DESCRIPTION = """\
Create a store profile: a TOML file with no secret in it, in your profile folder (or, with
--system, the system-wide folder for fleet installs). --store-hash is required (except for a
--sandbox profile). For pickup-in-store sales the register needs the pickup address's first
name, last name, address1, city, country code and e-mail: 'pos profile add' warns when one
is missing, and 'pos doctor' fails until it is set. Then save the token with
'pos profile set-token NAME' and check the register with 'pos doctor NAME'."""

ADD_EPILOG = """\
example:
  pos profile add main-street --store-hash abc123 --display-name "Main Street Shop" \\
      --terminal-name "Till 1" --pickup-first-name "Main Street" --pickup-last-name Shop \\
      --pickup-address1 "1 Main Street" --pickup-city Austin \\
      --pickup-state-or-province Texas --pickup-state-or-province-code TX \\
      --pickup-country-code US --pickup-postal-code 78701 --pickup-email shop@example.com

See docs/profiles.md for every field."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "profile",
        help="manage store profiles and their API tokens",
        description="Manage store profiles (TOML files, no secrets) and their API tokens "
        "(kept in the OS keyring).",
    )
    sub = parser.add_subparsers(dest="profile_command", metavar="ACTION", required=True)
    raw = argparse.RawDescriptionHelpFormatter

    p = sub.add_parser("list", help="list profiles, where each comes from, and broken files",
                       description="List every profile with its source (user, system, "
                       "builtin) and file, the profiles another one overrides, and the "
                       "broken files with what is wrong in them.")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="show one profile",
                       description="Print a profile as TOML, with its source, data folder "
                       "and whether its token is saved (the token itself is never shown).")
    p.add_argument("name", help="the profile's name")
    p.add_argument("--no-token-check", action="store_true",
                   help="do not ask the keyring whether a token is saved")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser(
        "add", help="create a profile", description=ADD_DESCRIPTION, epilog=ADD_EPILOG,
        formatter_class=raw,
        usage="%(prog)s NAME --store-hash HASH [options]\n"
        "       %(prog)s NAME --sandbox [options]",
    )
    p.add_argument("name", help="the profile's name (letters, digits, '.', '_', '-')")
    _field_options(p)
    p.add_argument("--system", action="store_true",
                   help="write to the system-wide folder (fleet installs; needs admin rights)")
    p.add_argument("--force", action="store_true", help="replace an existing profile")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("edit", help="edit a profile in $EDITOR, or change fields with --set",
                       description="Edit a profile: in $VISUAL or $EDITOR (saved only if it "
                       "is still valid), or field by field with --set for scripts.")
    p.add_argument("name", help="the profile's name")
    p.add_argument("--set", dest="changes", action="append", default=[], metavar="KEY=VALUE",
                   help="change one field (repeatable; pickup_location.city=... for the "
                   "address; an empty value removes an optional field)")
    p.add_argument("--printer", metavar="URI",
                   help="the receipt printer (same as --set printer=URI; see docs/hardware.md)")
    p.add_argument("--language", metavar="LANG",
                   help="the language of the register's screens, e.g. es or en (same as "
                   "--set language=LANG; an empty value: the system's, from LANG)")
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("remove", help="delete a profile file",
                       description="Delete a profile file (the user's, or with --system the "
                       "system-wide one). Its token stays in the keyring unless "
                       "--delete-token is given.")
    p.add_argument("name", help="the profile's name")
    p.add_argument("--system", action="store_true", help="remove from the system-wide folder")
    p.add_argument("--delete-token", action="store_true",
                   help="also delete the profile's token from the keyring (kept while "
                   "another profile uses the same store)")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("import", help="validate a profile file and install it",
                       description="Validate a profile file (as written by 'pos profile "
                       "export' or by hand) and install it in the profile folder.")
    p.add_argument("file", help="the TOML file to import")
    p.add_argument("--name", help="install under this name (default: the file's name key)")
    p.add_argument("--system", action="store_true", help="install into the system-wide folder")
    p.add_argument("--force", action="store_true", help="replace an existing profile")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="write a profile as TOML (never includes a token)",
                       description="Write a profile as TOML, to copy it to other registers. "
                       "It never includes a token.")
    p.add_argument("name", help="the profile's name")
    p.add_argument("file", nargs="?", help="output file (default: standard output)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "set-token",
        help="save the profile's API token in the OS keyring (read from standard input "
        "or a no-echo prompt)",
        description=KEYRING_SAVE_DESCRIPTION,
        formatter_class=raw,
    )
    p.add_argument("name", help="the profile's name")
    # Anything after the name would be the token typed on the command line (where shell
    # history and the process list keep it): caught here, refused, and never echoed.
    p.add_argument("stray", nargs="*", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_set_token)

    p = sub.add_parser("delete-token", help="delete the profile's API token from the keyring",
                       description="Delete the API token of the profile's store from the OS "
                       "keyring (POS_TOKEN, if set, is not affected). The token belongs "
                       "to the store: while other profiles use the same store it is kept, "
                       "unless --force is given.")
    p.add_argument("name", help="the profile's name")
    p.add_argument("--force", action="store_true",
                   help="delete it even though other profiles of the same store use it "
                   "(they stop selling until a token is saved again)")
    p.set_defaults(func=cmd_delete_token)


def _field_options(p: argparse.ArgumentParser) -> None:
    store = p.add_argument_group("the store")
    store.add_argument("--store-hash", metavar="HASH",
                       help="REQUIRED (except with --sandbox): the store's hash, from the API "
                       "path https://api.bigcommerce.com/stores/HASH/v3/")
    store.add_argument("--sandbox", action="store_true",
                       help="a profile for the local sandbox store (needs no store hash, URL "
                       "or token)")
    store.add_argument("--display-name", metavar="TEXT",
                       help="what the clerk sees in the title bar (default: the name)")
    store.add_argument("--channel-id", type=int, metavar="N",
                       help="the channel carts and orders are created on (default 1)")
    store.add_argument("--api-base-url", metavar="URL",
                       help="host of the REST API (default https://api.bigcommerce.com)")
    store.add_argument("--payments-base-url", metavar="URL",
                       help="host of the Payments API (default https://payments.bigcommerce.com)")
    store.add_argument("--currency", metavar="CODE",
                       help="ISO 4217 code shown before a cart exists (default USD)")
    store.add_argument("--locale", metavar="LOCALE",
                       help="how money and dates are formatted (default en_US)")
    store.add_argument("--language", metavar="LANG",
                       help="the language of the register's screens, e.g. es or en "
                       "(default: the system's, from LANG)")
    register_ = p.add_argument_group("this register")
    register_.add_argument("--terminal-name", metavar="TEXT",
                           help="names this register on receipts and in logs")
    register_.add_argument("--receipt-header", action="append", metavar="LINE",
                           help="a receipt header line (repeatable)")
    register_.add_argument("--receipt-footer", action="append", metavar="LINE",
                           help="a receipt footer line (repeatable)")
    register_.add_argument("--ca-bundle", metavar="PATH",
                           help="extra CA certificates (PEM) to trust, e.g. for an "
                           "inspecting proxy")
    register_.add_argument("--printer", metavar="URI",
                           help="the receipt printer: tcp://HOST:9100, usb://VID:PID, "
                           "serial:///dev/ttyUSB0?baud=9600, cups://QUEUE or qt://PRINTER "
                           "(see docs/hardware.md)")
    register_.add_argument("--drawer-pin", type=int, choices=(2, 5), metavar="2|5",
                           help="the printer pin the cash drawer is wired to (default 2)")
    register_.add_argument("--paper-width", type=int, choices=(80, 58), metavar="80|58",
                           help="the receipt paper's width in mm (default 80)")
    pickup = p.add_argument_group(
        "the pickup address",
        "The store's own address, used for pickup-in-store orders. The register needs\n"
        "first name, last name, address1, city, country code and e-mail.",
    )
    for name in PICKUP_OPTIONS:
        pickup.add_argument(f"--pickup-{name.replace('_', '-')}", dest=f"pickup_{name}",
                            metavar="TEXT", help=PICKUP_HELP[name])


def _prog(args: argparse.Namespace) -> str:
    """``pos profile ACTION``: how every message of the action starts."""
    action = getattr(args, "profile_command", None)
    return f"{PROG} {action}" if action else PROG


def _err(args: argparse.Namespace, message: str) -> int:
    print(f"{_prog(args)}: {message}", file=sys.stderr)
    return 1


def _find(name: str) -> Profile:
    from pos.stores.profiles import get_profile

    return get_profile(name)


def _with_profile(
    command: Callable[[argparse.Namespace, Profile], int],
) -> Callable[[argparse.Namespace], int]:
    """Run an action on the profile named by ``args.name``, or say why it cannot be found."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        from pos.stores.profiles import ProfileError

        try:
            profile = _find(args.name)
        except ProfileError as exc:
            return _err(args, str(exc))
        return command(args, profile)

    return run


def cmd_list(args: argparse.Namespace) -> int:
    import json

    from pos.stores.profiles import load_profiles, system_profiles_dir, user_profiles_dir

    loaded = load_profiles()
    if args.json:
        out = {
            "user_dir": str(user_profiles_dir()),
            "system_dir": str(system_profiles_dir()),
            "profiles": [
                {
                    "name": p.name,
                    "display_name": p.title,
                    "source": p.source,
                    "path": str(p.path) if p.path else None,
                    "store_hash": p.store_hash,
                    "sandbox": p.sandbox,
                }
                for p in loaded.profiles
            ],
            "shadowed": [
                {"name": p.name, "source": p.source, "path": str(p.path) if p.path else None}
                for p in loaded.shadowed
            ],
            "problems": [p.as_dict() for p in loaded.problems],
            "fallbacks": [f.as_dict() for f in loaded.fallbacks],
        }
        print(json.dumps(out, indent=2))
        return 0
    width = max((len(p.name) for p in loaded.profiles), default=4)
    print(f"{'NAME':<{width}}  {'SOURCE':<7}  STORE / FILE")
    for p in loaded.profiles:
        store = "sandbox store" if p.sandbox else f"store {p.store_hash}"
        where = f" ({p.path})" if p.path else ""
        fallback = loaded.fallback_for(p.name)
        instead = (f"  [used because the {fallback.broken_source} file {fallback.broken} "
                   "is broken]") if fallback is not None else ""
        print(f"{p.name:<{width}}  {p.source:<7}  {p.title}: {store}{where}{instead}")
    for p in loaded.shadowed:
        where = f" ({p.path})" if p.path else ""
        winner = loaded.get(p.name)
        if winner is not None and winner.path is not None:
            by = f"the {winner.source} file {winner.path}"
        elif winner is not None:
            by = f"the {winner.source} profile of the same name"
        else:
            by = "another profile of the same name"
        print(f"  note: the {p.source} profile {p.name!r}{where} is overridden by {by}, "
              "which is used instead")
    folders = loaded.unreadable_folders
    errors = [p for p in loaded.problems if p.severity == "error" and p not in folders]
    warnings = [p for p in loaded.problems if p.severity == "warning"]
    if folders:
        print("\nProfile folders that cannot be read (their profiles are missing):")
        for problem in folders:
            print(f"  {problem}")
    if warnings:
        print("\nWarnings:")
        for w in warnings:
            print(f"  {w}")
    if errors:
        print("\nBroken profile files (not loaded):")
        for e in errors:
            print(f"  {e}")
        for f in loaded.fallbacks:
            print(f"  note: {f}")
    print(f"\nUser profiles:   {user_profiles_dir()}")
    print(f"System profiles: {system_profiles_dir()}")
    return 0


def _token_state(profile: Profile) -> str:
    from pos.stores.secrets import KeyringUnavailable, TokenStore

    if not profile.needs_token:
        return "not needed (the sandbox store issues its own)"
    try:
        found = TokenStore(profile.store_hash).find_sync()
    except KeyringUnavailable as exc:
        return f"unknown: {exc}"
    if found is None:
        return f"missing (save one with: pos profile set-token {profile.name})"
    return f"present ({found.source.value})"


@_with_profile
def cmd_show(args: argparse.Namespace, profile: Profile) -> int:
    from pos.stores.profiles import data_dir, load_profiles

    print(f"# source: {profile.source}" + (f" ({profile.path})" if profile.path else ""))
    print(f"# data folder: {data_dir(profile)}")
    if not args.no_token_check:
        print(f"# token: {_token_state(profile)}")
    loaded = load_profiles()
    for problem in loaded.problems_for(profile.path):
        print(f"# {problem}")
    fallback = loaded.fallback_for(profile.name)
    if fallback is not None:
        for problem in loaded.problems_for(fallback.broken):
            print(f"# {problem}")
        print(f"# note: {fallback}")
    sys.stdout.write(profile.to_toml())
    return 0


def _data_from_args(args: argparse.Namespace) -> dict[str, Any]:
    data: dict[str, Any] = {"name": args.name}
    simple = (
        "display_name", "store_hash", "channel_id", "api_base_url", "payments_base_url",
        "currency", "locale", "language", "terminal_name", "ca_bundle", "printer", "drawer_pin",
        "paper_width",
    )
    for key in simple:
        value = getattr(args, key, None)
        if value is not None:
            data[key] = value
    if getattr(args, "sandbox", False):
        data["sandbox"] = True
    if args.receipt_header:
        data["receipt_header"] = list(args.receipt_header)
    if args.receipt_footer:
        data["receipt_footer"] = list(args.receipt_footer)
    pickup = {
        name: getattr(args, f"pickup_{name}")
        for name in PICKUP_OPTIONS
        if getattr(args, f"pickup_{name}", None) is not None
    }
    if pickup:
        data["pickup_location"] = pickup
    return data


def _print_problems(problems: list[Any]) -> None:
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)


def cmd_add(args: argparse.Namespace) -> int:
    from pos.stores.profiles import ProfileError, profile_from_data, profile_path, save_profile

    source: Source = "system" if args.system else "user"
    try:
        path = profile_path(args.name, source)
    except ProfileError as exc:
        return _err(args, str(exc))
    if path.exists() and not args.force:
        return _err(args, f"{path} already exists (use 'pos profile edit', or --force to "
                    "replace it)")
    profile, problems = profile_from_data(_data_from_args(args), source=source, path=path)
    if profile is None:
        print(f"{_prog(args)}: profile {args.name!r} is not valid:", file=sys.stderr)
        _print_problems(problems)
        return 1
    _print_problems(problems)
    try:
        written = save_profile(profile, source)
    except ProfileError as exc:
        return _err(args, str(exc))
    print(f"Saved {source} profile {profile.name!r} to {written}")
    _warn_incomplete_pickup(args, profile)
    if profile.needs_token:
        print(f"Next: pos profile set-token {profile.name}")
    return 0


def _warn_incomplete_pickup(args: argparse.Namespace, profile: Profile) -> None:
    """A warning on standard error when the pickup address lacks a field the register needs
    to sell (pickup-in-store consignments): the profile is saved, 'pos doctor' fails."""
    missing = profile.pickup_location.missing_fields()
    if not missing:
        return
    options = " ".join(f"--pickup-{m.replace('_', '-')} ..." for m in missing)
    sets = " ".join(f"--set pickup_location.{m}=..." for m in missing)
    print(f"{_prog(args)}: warning: the pickup address lacks {', '.join(missing)}, which "
          "the register needs to sell (pickup-in-store orders); 'pos doctor' fails until "
          f"they are set. Add {options} here, or later: pos profile edit {profile.name} "
          f"{sets}", file=sys.stderr)


_KEY_SHAPE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z_][A-Za-z0-9_]{0,63})?")


def _shown_key(key: str) -> str:
    """A key as typed, when it looks like a field name; otherwise not repeated (a value
    pasted where a key goes could be a secret)."""
    return repr(key) if _KEY_SHAPE.fullmatch(key) else "(not shown)"


def replace_fields(profile: Profile, changes: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Apply ``key=value`` changes (values as typed on a command line) to the profile's
    file data. Dotted keys reach into ``pickup_location``. Returns the new data, which
    the caller validates with :func:`pos.stores.profiles.profile_from_data`. No message
    repeats a value (it could be a secret pasted in the wrong place)."""
    from pos.stores.profiles import (
        FIELD_KINDS,
        FIELD_NAMES,
        PICKUP_FIELDS,
        ProfileError,
        is_secret_key,
    )

    data = profile.to_data()
    for key, text in changes:
        if is_secret_key(key.rsplit(".", 1)[-1]):
            raise ProfileError(
                f"API tokens never go in a profile: run pos profile set-token {profile.name}"
            )
        if key.startswith("pickup_location."):
            sub = key.split(".", 1)[1]
            if sub not in PICKUP_FIELDS:
                raise ProfileError(
                    f"unknown field {_shown_key(key)}; known pickup_location fields: "
                    f"{', '.join(PICKUP_FIELDS)}"
                )
            pickup = dict(data.get("pickup_location", {}))
            if text == "":
                pickup.pop(sub, None)
            else:
                pickup[sub] = text
            data["pickup_location"] = pickup
            continue
        kind = FIELD_KINDS.get(key)
        if kind is None:
            raise ProfileError(
                f"unknown field {_shown_key(key)}; known fields: {', '.join(FIELD_NAMES)}"
            )
        if text == "" and key not in {"name", "store_hash"}:
            data.pop(key, None)
            continue
        data[key] = convert_value(key, text)
    return data


def convert_value(key: str, text: str) -> Any:
    """Turn a command-line string into the value a profile field holds. An error names the
    field and what it needs, never the value typed."""
    from pos.stores.profiles import FIELD_KINDS, ProfileError

    kind = FIELD_KINDS.get(key, "str")
    if kind == "int":
        stripped = text.strip()
        if not (stripped.isascii() and stripped.isdigit() and len(stripped) <= 18):
            raise ProfileError(f"{key} must be a whole number (the value is not shown)")
        return int(stripped)
    if kind == "bool":
        lowered = text.strip().lower()
        if lowered in {"true", "yes", "1", "on"}:
            return True
        if lowered in {"false", "no", "0", "off"}:
            return False
        raise ProfileError(f"{key} must be true or false (the value is not shown)")
    if kind == "lines":
        stripped = text.strip()
        if stripped.startswith("["):
            try:
                value = tomllib.loads(f"v = {stripped}")["v"]
            except (tomllib.TOMLDecodeError, RecursionError, MemoryError):
                raise ProfileError(f"{key}: not a TOML list of strings") from None
            return value
        return text.split("|")
    return text


@_with_profile
def cmd_edit(args: argparse.Namespace, profile: Profile) -> int:
    from pos.stores.profiles import (
        ProfileError,
        parse_profile,
        profile_from_data,
        save_profile,
    )

    if profile.source == "builtin":
        return _err(args,
            f"the built-in profile {profile.name!r} cannot be edited; copy it with "
            f"'pos profile export {profile.name} FILE', change the name, and import it"
        )
    source = profile.source
    if getattr(args, "printer", None) is not None:
        args.changes = [*args.changes, f"printer={args.printer}"]
    if getattr(args, "language", None) is not None:
        args.changes = [*args.changes, f"language={args.language}"]
    if args.changes:
        changes: list[tuple[str, str]] = []
        for change in args.changes:
            key, sep, value = change.partition("=")
            if not sep:
                # What was typed is not repeated: it could be a secret.
                return _err(args, "--set needs KEY=VALUE (an argument without '=' was given)")
            changes.append((key.strip(), value))
        try:
            data = replace_fields(profile, changes)
        except ProfileError as exc:
            return _err(args, str(exc))
        new, problems = profile_from_data(data, source=source, path=profile.path)
    else:
        new, problems = _edit_in_editor(profile, parse_profile)
        if new is None and not problems:
            print("No changes.")
            return 0
    if new is None:
        print(f"{_prog(args)}: the edited profile is not valid; {profile.path} is unchanged:",
              file=sys.stderr)
        _print_problems(problems)
        return 1
    if new.name != profile.name:
        return _err(args, "the name cannot be changed by editing; export, then import under "
                    "the new name")
    _print_problems(problems)
    try:
        written = save_profile(new, source)
    except ProfileError as exc:
        return _err(args, str(exc))
    print(f"Saved {written}")
    return 0


def _edit_in_editor(profile: Profile, parse: Any) -> tuple[Profile | None, list[Any]]:
    import os
    import shlex
    import subprocess
    import tempfile
    from pathlib import Path

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        editor = "notepad" if os.name == "nt" else "vi"
    original = (
        profile.path.read_text(encoding="utf-8")
        if profile.path is not None and profile.path.exists()
        else profile.to_toml()
    )
    fd, name = tempfile.mkstemp(prefix=f"pos-profile-{profile.name}-", suffix=".toml")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(original)
        command = [*shlex.split(editor, posix=os.name != "nt"), str(tmp)]
        result = subprocess.run(command, check=False)
        if result.returncode != 0:
            return None, [f"the editor exited with status {result.returncode}; nothing saved"]
        edited = tmp.read_text(encoding="utf-8")
    finally:
        tmp.unlink(missing_ok=True)
    if edited == original:
        return None, []
    new, problems = parse(edited, path=profile.path, source=profile.source,
                          default_name=profile.name)
    return new, problems


def cmd_remove(args: argparse.Namespace) -> int:
    from pos.stores.profiles import (
        DEMO_PROFILE_NAME,
        ProfileError,
        load_profiles,
        remove_profile,
    )

    source: Source = "system" if args.system else "user"
    loaded = load_profiles()
    demo = loaded.get(DEMO_PROFILE_NAME)
    if args.name == DEMO_PROFILE_NAME and demo is not None and demo.source == "builtin":
        return _err(args, "the built-in demo profile cannot be removed")
    try:
        path = remove_profile(args.name, source)
    except ProfileError as exc:
        other = loaded.get(args.name)
        if other is not None and other.source != source and other.source != "builtin":
            return _err(args, f"{exc}; it is a {other.source} profile ({other.path}): "
                        f"add --system to remove it")
        return _err(args, str(exc))
    print(f"Removed {path}")
    still = load_profiles().get(args.name)
    if still is not None:
        print(f"Note: the {still.source} profile {args.name!r} is still available"
              + (f" ({still.path})" if still.path else ""))
    if args.delete_token:
        # The token belongs to the store: it is kept while another profile uses it.
        return cmd_delete_token_for_hash(args, loaded)
    return 0


def cmd_delete_token_for_hash(args: argparse.Namespace, loaded: Any) -> int:
    from pos.stores.profiles import load_profiles
    from pos.stores.secrets import KeyringUnavailable, TokenStore

    profile = loaded.get(args.name)
    if profile is None or not profile.needs_token:
        return 0
    users = [p.name for p in load_profiles().profiles if p.store_hash == profile.store_hash]
    if users:
        print(f"Kept the token: profile(s) {', '.join(users)} use the same store.")
        return 0
    try:
        deleted = TokenStore(profile.store_hash).delete_sync()
    except KeyringUnavailable as exc:
        return _err(args, str(exc))
    print("Deleted its token from the keyring." if deleted else "It had no saved token.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pos.stores.profile_loading import ProfileUnreadable, read_profile_text
    from pos.stores.profiles import (
        ProfileError,
        parse_profile,
        profile_path,
        save_profile,
    )

    source: Source = "system" if args.system else "user"
    src = Path(args.file)
    try:
        text = read_profile_text(src)
    except ProfileUnreadable as exc:
        return _err(args, f"cannot read {src}: {exc}")
    profile, problems = parse_profile(text, path=src, source=source, default_name=src.stem)
    if profile is None:
        print(f"{_prog(args)}: {src} is not a valid profile:", file=sys.stderr)
        _print_problems(problems)
        return 1
    _print_problems(problems)
    if args.name:
        import dataclasses

        profile = dataclasses.replace(profile, name=args.name)
    try:
        target = profile_path(profile.name, source)
    except ProfileError as exc:
        return _err(args, str(exc))
    if target.exists() and not args.force:
        return _err(args, f"{target} already exists (use --force to replace it)")
    try:
        written = save_profile(profile, source)
    except ProfileError as exc:
        return _err(args, str(exc))
    print(f"Imported {source} profile {profile.name!r} to {written}")
    _warn_incomplete_pickup(args, profile)
    return 0


@_with_profile
def cmd_export(args: argparse.Namespace, profile: Profile) -> int:
    from pathlib import Path

    from pos.stores.profiles import atomic_write

    text = profile.to_toml()
    if not args.file or args.file == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.file)
    try:
        atomic_write(target, text.encode("utf-8"))
    except OSError as exc:
        return _err(args, f"cannot write {target}: {exc.strerror or exc}")
    print(f"Exported {profile.name!r} to {target} (no token included)", file=sys.stderr)
    return 0


def _read_token() -> str:
    import getpass

    if sys.stdin is None:
        return ""
    if sys.stdin.isatty():
        return getpass.getpass("API token (input hidden): ")
    return sys.stdin.readline()


STRAY_ARGUMENTS_MESSAGE = (
    "the token is never read from the command line; pipe it on stdin or type it at "
    "the prompt"
)


def cmd_set_token(args: argparse.Namespace) -> int:
    from pos.stores.profiles import ProfileError
    from pos.stores.secrets import ENV_TOKEN, KeyringUnavailable, TokenStore

    if getattr(args, "stray", None):
        args.stray = []
        print(f"{_prog(args)}: {STRAY_ARGUMENTS_MESSAGE} (nothing was saved)",
              file=sys.stderr)
        return 2
    try:
        profile = _find(args.name)
    except ProfileError as exc:
        return _err(args, str(exc))
    if not profile.needs_token:
        return _err(args, f"profile {profile.name!r} uses the sandbox store and needs no token")
    store = TokenStore(profile.store_hash)
    try:
        text = _read_token()
    except (EOFError, KeyboardInterrupt):
        return _err(args, "no token given; nothing saved")
    text = text.strip()
    if not text:
        return _err(args, "no token given; nothing saved")
    try:
        store.set_sync(text)
    except KeyringUnavailable as exc:
        return _err(args, f"the token was not saved. {exc}")
    finally:
        text = ""
    print(f"Saved the API token of {profile.name!r} in the OS keyring "
          f"(service {store.service!r}, user 'api-token').")
    if store.env_token() is not None:
        print(f"Note: {ENV_TOKEN} is set in this environment and takes precedence.")
    return 0


@_with_profile
def cmd_delete_token(args: argparse.Namespace, profile: Profile) -> int:
    from pos.stores.secrets import KeyringUnavailable, TokenStore

    if not profile.needs_token:
        return _err(args, f"profile {profile.name!r} uses the sandbox store and has no token")
    if not getattr(args, "force", False):
        from pos.stores.profiles import load_profiles

        others = sorted(p.name for p in load_profiles().profiles
                        if p.store_hash == profile.store_hash and p.name != profile.name
                        and p.needs_token)
        if others:
            return _err(args, f"profile(s) {', '.join(others)} use the same store and its "
                        "token: deleting it stops them too. Add --force to delete it anyway")
    try:
        deleted = TokenStore(profile.store_hash).delete_sync()
    except KeyringUnavailable as exc:
        return _err(args, str(exc))
    print(f"Deleted the API token of {profile.name!r} from the keyring." if deleted
          else f"No saved token for {profile.name!r}.")
    return 0

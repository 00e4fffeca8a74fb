"""Profile files: parsing, validation, broken files, precedence, atomic 0600 writes."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from pos.stores import profiles as P
from pos.stores.profiles import (
    DEMO_PROFILE,
    PickupLocation,
    Profile,
    ProfileError,
    atomic_write,
    data_dir,
    load_profiles,
    parse_profile,
    save_profile,
)

from .conftest import Folders

GOOD = """\
name = "shop"
display_name = "Main Street Shop"
store_hash = "abc123"
channel_id = 2
currency = "EUR"
locale = "fr_FR"
terminal_name = "Till 1"
receipt_header = ["Main Street Shop", "1 Main Street"]
receipt_footer = ["Thank you"]
ca_bundle = "/etc/ssl/extra.pem"
printer = "EPSON_TM_T20"

[pickup_location]
first_name = "Main"
last_name = "Street"
address1 = "1 Main Street"
city = "Austin"
country_code = "US"
email = "shop@example.com"
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_full_profile_parses() -> None:
    profile, problems = parse_profile(GOOD, path=Path("shop.toml"))
    assert problems == []
    assert profile is not None
    assert profile.name == "shop"
    assert profile.title == "Main Street Shop"
    assert profile.channel_id == 2
    assert profile.api_base_url == "https://api.bigcommerce.com"
    assert profile.payments_base_url == "https://payments.bigcommerce.com"
    assert profile.receipt_header == ("Main Street Shop", "1 Main Street")
    assert profile.ca_bundle == Path("/etc/ssl/extra.pem")
    assert profile.pickup_location.city == "Austin"
    assert profile.pickup_location.missing_fields() == []
    assert profile.needs_token


def test_defaults_and_round_trip() -> None:
    profile, problems = parse_profile('store_hash = "abc123"\n', default_name="mini")
    assert problems == []
    assert profile is not None
    assert (profile.name, profile.channel_id, profile.currency, profile.locale) == (
        "mini", 1, "USD", "en_US",
    )
    again, problems = parse_profile(profile.to_toml())
    assert problems == []
    assert again == profile
    full, _ = parse_profile(GOOD)
    assert full is not None
    assert parse_profile(full.to_toml())[0] == full


def test_bad_toml_gives_file_and_line() -> None:
    text = 'name = "shop"\nstore_hash = "abc123\nchannel_id = 1\n'
    profile, problems = parse_profile(text, path=Path("/x/shop.toml"))
    assert profile is None
    [problem] = problems
    assert problem.severity == "error"
    assert problem.line == 2
    assert "not valid TOML" in problem.message
    assert str(problem).startswith("/x/shop.toml:2: error: not valid TOML")


def test_unknown_keys_warn_but_load() -> None:
    text = GOOD.replace('printer = "EPSON_TM_T20"', 'printer = "EPSON_TM_T20"\ncolour = "blue"')
    text += 'country = "US"\n'
    profile, problems = parse_profile(text, path=Path("shop.toml"))
    assert profile is not None
    assert [(p.severity, p.field, p.line) for p in problems] == [
        ("warning", "colour", 12),
        ("warning", "pickup_location.country", 21),
    ]
    assert "unknown key" in problems[0].message


def test_missing_required_key() -> None:
    profile, problems = parse_profile('display_name = "x"\n', default_name="x")
    assert profile is None
    [problem] = problems
    assert (problem.severity, problem.field) == ("error", "store_hash")
    assert "missing required key" in problem.message


@pytest.mark.parametrize(
    ("line", "field", "words"),
    [
        ('channel_id = "two"', "channel_id", "must be an integer, not a string"),
        ("channel_id = 0", "channel_id", "1 or more"),
        ("channel_id = true", "channel_id", "must be an integer, not a boolean"),
        ('receipt_header = "one line"', "receipt_header", "must be a list of strings"),
        ("receipt_footer = [1, 2]", "receipt_footer", "must be a list of strings"),
        ('currency = "usd"', "currency", "three-letter"),
        ('locale = "English"', "locale", "en_US"),
        ('locale = "xx_YY"', "locale", "not a locale the register knows"),
        ('locale = "es_XX"', "locale", "did you mean es_ES"),
        ('currency = "XYZ"', "currency", "not a current ISO 4217"),
        ('api_base_url = "api.bigcommerce.com"', "api_base_url", "http(s) URL"),
        ('api_base_url = "http://api.bigcommerce.com"', "api_base_url", "https://"),
        ('store_hash = "abc/../x"', "store_hash", "letters and digits"),
        ('name = "../evil"', "name", "letters, digits"),
        ("sandbox = 1", "sandbox", "true or false"),
    ],
)
def test_wrong_types_and_values(line: str, field: str, words: str) -> None:
    key = line.split("=")[0].strip()
    base = "\n".join(x for x in GOOD.splitlines() if not x.startswith(f"{key} ="))
    text = f"{line}\n{base}\n"
    profile, problems = parse_profile(text, path=Path("shop.toml"))
    assert profile is None
    errors = [p for p in problems if p.severity == "error"]
    assert [(p.field, p.line) for p in errors] == [(field, 1)]
    assert words in errors[0].message


def test_pickup_field_errors_name_the_table() -> None:
    text = GOOD.replace('city = "Austin"', "city = 78701").replace(
        'country_code = "US"', 'country_code = "usa"'
    )
    profile, problems = parse_profile(text)
    assert profile is None
    assert {(p.field, p.line) for p in problems} == {
        ("pickup_location.city", 17), ("pickup_location.country_code", 18),
    }


def test_a_locale_is_kept_in_cldr_spelling() -> None:
    base = "\n".join(x for x in GOOD.splitlines() if not x.startswith("locale ="))
    profile, problems = parse_profile(f'locale = "fr-ca"\n{base}\n', path=Path("shop.toml"))
    assert profile is not None, problems
    assert profile.locale == "fr_CA"


@pytest.mark.parametrize(
    "key", ["token", "access_token", "api_token", "client_secret", "password", "secret",
            "API-Token"],
)
def test_a_token_in_a_profile_is_an_error_naming_the_line_not_the_value(key: str) -> None:
    secret = "tok-SECRET-value-0123456789"
    text = GOOD.replace('currency = "EUR"', f'currency = "EUR"\n"{key}" = "{secret}"')
    profile, problems = parse_profile(text, path=Path("/x/shop.toml"))
    assert profile is None
    [problem] = problems
    assert (problem.severity, problem.field, problem.line) == ("error", key, 6)
    assert problem.message == (
        "API tokens never go in a profile; run pos profile set-token shop and delete this line"
    )
    for text_out in (str(problem), repr(problem), repr(problem.as_dict())):
        assert secret not in text_out


def test_a_token_in_the_pickup_table_is_an_error_too() -> None:
    text = GOOD + 'password = "hunter2-secret"\n'
    profile, problems = parse_profile(text)
    assert profile is None
    [problem] = problems
    assert problem.field == "pickup_location.password" and problem.severity == "error"
    assert "hunter2" not in str(problem)


def test_a_bad_url_is_not_repeated_in_its_error() -> None:
    secret = "tok-SECRET-pasted-here"
    for value in (secret, f"https://api.example.com/{secret} x"):
        text = f'store_hash = "abc123"\napi_base_url = "{value}"\n'
        profile, problems = parse_profile(text, default_name="shop")
        assert profile is None
        [problem] = problems
        assert problem.field == "api_base_url" and "http(s) URL" in problem.message
        assert secret not in str(problem)


def test_a_broken_user_file_is_reported_as_a_fallback(folders: Folders) -> None:
    system = write(folders.system, "shop", 'store_hash = "abc123"\n')
    broken = write(folders.user, "shop", 'store_hash = "abc123\n')
    named = write(folders.user, "other-file", 'name = "demo"\nstore_hash = 1\n')
    loaded = load_profiles()
    shop = loaded.get("shop")
    assert shop is not None and shop.source == "system" and shop.path == system
    assert broken in loaded.broken_files()
    fallback = loaded.fallback_for("shop")
    assert fallback is not None
    assert (fallback.broken, fallback.broken_source, fallback.used.source) == (
        broken, "user", "system",
    )
    assert "the system profile 'shop'" in str(fallback) and "broken" in str(fallback)
    # A broken file named (inside) after the built-in demo: the demo is used instead.
    demo = loaded.fallback_for("demo")
    assert demo is not None and demo.broken == named and demo.used.source == "builtin"
    # A broken file whose name nothing else serves is not a fallback.
    write(folders.user, "lonely", "store_hash = [\n")
    assert load_profiles().fallback_for("lonely") is None


def test_http_is_allowed_for_loopback_only() -> None:
    text = 'store_hash = "h"\napi_base_url = "http://127.0.0.1:8123"\n'
    profile, problems = parse_profile(text, default_name="local")
    assert problems == []
    assert profile is not None
    assert profile.api_base_url == "http://127.0.0.1:8123"


def test_folders_follow_the_environment(folders: Folders) -> None:
    assert P.user_profiles_dir() == folders.user
    assert P.system_profiles_dir() == folders.system
    assert data_dir(DEMO_PROFILE) == folders.data / "profiles" / "demo"
    with pytest.raises(ProfileError):
        data_dir("../escape")


def test_default_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("POS_PROFILES_DIR", "POS_SYSTEM_PROFILES_DIR", "POS_DATA_DIR"):
        monkeypatch.delenv(var)
    assert P.user_profiles_dir().parts[-2:] == ("bc-pos", "profiles")
    if sys.platform.startswith("linux"):
        assert P.system_profiles_dir() == Path("/etc/xdg/bc-pos/profiles.d")
    monkeypatch.setattr("pos.stores.profile_folders.sys.platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", "C:\\ProgramData")
    assert P.system_profiles_dir() == Path("C:\\ProgramData") / "bc-pos" / "profiles"
    monkeypatch.setattr("pos.stores.profile_folders.sys.platform", "darwin")
    assert P.system_profiles_dir() == Path("/Library/Application Support/bc-pos/profiles")


def test_builtin_demo_is_always_there_and_has_no_url() -> None:
    loaded = load_profiles()
    demo = loaded.get("demo")
    assert demo is DEMO_PROFILE
    assert demo.source == "builtin"
    assert demo.sandbox
    assert not demo.needs_token
    assert "http" not in demo.to_toml()
    assert loaded.problems == ()


def test_user_wins_over_system_and_list_says_where(folders: Folders) -> None:
    write(folders.system, "shop", GOOD.replace("Main Street Shop\"", "Fleet Shop\"", 1))
    write(folders.system, "backroom", 'store_hash = "zzz999"\n')
    user_path = write(folders.user, "shop", GOOD)
    loaded = load_profiles()
    assert loaded.names() == ["backroom", "demo", "shop"]
    shop = loaded.get("shop")
    assert shop is not None
    assert (shop.source, shop.path, shop.title) == ("user", user_path, "Main Street Shop")
    backroom = loaded.get("backroom")
    assert backroom is not None and backroom.source == "system"
    assert [(p.name, p.source) for p in loaded.shadowed] == [("shop", "system")]


def test_a_broken_file_does_not_stop_the_others(folders: Folders) -> None:
    write(folders.user, "good", 'store_hash = "abc123"\n')
    bad = write(folders.user, "bad", 'store_hash = "abc123\n')
    (folders.user / "binary.toml").write_bytes(b"\xff\xfe\x00")
    loaded = load_profiles()
    assert loaded.names() == ["demo", "good"]
    assert bad in loaded.broken_files()
    assert folders.user / "binary.toml" in loaded.broken_files()
    with pytest.raises(ProfileError, match=r"bad\.toml:1: error: not valid TOML"):
        P.get_profile("bad")
    with pytest.raises(ProfileError, match="no profile named 'nope'"):
        P.get_profile("nope")


def test_file_name_is_the_default_name_and_duplicates_are_reported(folders: Folders) -> None:
    write(folders.user, "one", 'store_hash = "a1"\n')
    write(folders.user, "two", 'name = "one"\nstore_hash = "a2"\n')
    loaded = load_profiles()
    one = loaded.get("one")
    assert one is not None and one.store_hash == "a1"
    [problem] = loaded.problems
    assert problem.field == "name" and "already defined" in problem.message


def test_save_is_0600_in_a_0700_folder(folders: Folders) -> None:
    profile, _ = parse_profile(GOOD)
    assert profile is not None
    path = save_profile(profile)
    assert path == folders.user / "shop.toml"
    assert parse_profile(path.read_text())[0] == profile
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(folders.user.stat().st_mode) == 0o700
    with pytest.raises(ProfileError, match="already exists"):
        save_profile(profile, overwrite=False)


def test_system_profiles_stay_readable_by_every_user(folders: Folders) -> None:
    path = save_profile(Profile(name="fleet", store_hash="a1"), "system")
    assert path == folders.system / "fleet.toml"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        assert stat.S_IMODE(folders.system.stat().st_mode) == 0o755


def test_ensure_data_dir_is_private(folders: Folders) -> None:
    path = P.ensure_data_dir("shop")
    assert path.is_dir()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o700


def test_a_crash_before_replace_leaves_the_old_file(
    folders: Folders, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, _ = parse_profile(GOOD)
    assert old is not None
    path = save_profile(old)
    before = path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pos.stores.profile_folders.os.replace", crash)
    new = Profile(name="shop", store_hash="newhash")
    with pytest.raises(ProfileError, match="No space left on device"):
        save_profile(new)
    assert path.read_bytes() == before
    assert sorted(p.name for p in folders.user.iterdir()) == ["shop.toml"]


def test_an_interrupted_write_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.toml"
    target.write_bytes(b"old")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pos.stores.profile_folders.os.fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.toml"]


def test_remove(folders: Folders) -> None:
    save_profile(Profile(name="gone", store_hash="a1"))
    assert P.remove_profile("gone") == folders.user / "gone.toml"
    with pytest.raises(ProfileError, match="no user profile named 'gone'"):
        P.remove_profile("gone")


def test_replace_fields_converts_by_type() -> None:
    from pos.commands.profile import replace_fields

    profile = Profile(name="shop", store_hash="a1", printer="old")
    data = replace_fields(
        profile,
        [
            ("channel_id", "3"),
            ("receipt_header", '["a", "b"]'),
            ("receipt_footer", "x|y"),
            ("pickup_location.city", "Austin"),
            ("printer", ""),
        ],
    )
    new, problems = P.profile_from_data(data)
    assert problems == []
    assert new is not None
    assert new.channel_id == 3
    assert new.receipt_header == ("a", "b")
    assert new.receipt_footer == ("x", "y")
    assert new.pickup_location == PickupLocation(city="Austin")
    assert new.printer is None
    with pytest.raises(ProfileError, match="whole number") as bad:
        replace_fields(profile, [("channel_id", "two")])
    assert "two" not in str(bad.value)
    with pytest.raises(ProfileError, match="unknown field") as unknown:
        replace_fields(profile, [("colour", "blue")])
    assert "blue" not in str(unknown.value)

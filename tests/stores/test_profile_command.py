"""``pos profile ...``: every sub-command, in process and as a real subprocess."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from support.keyrings import MemoryKeyring

from pos.stores.profiles import load_profiles, parse_profile

from .conftest import SHOP_ARGS, Folders, Result

TOKEN = "tok-SECRET-0123456789abcdef"
Cli = Callable[..., Result]


def add_shop(pos_cli: Cli, *extra: str) -> Result:
    result = pos_cli("profile", "add", "shop", *SHOP_ARGS, *extra)
    assert result.code == 0, result.err
    return result


def test_add_list_show(pos_cli: Cli, folders: Folders) -> None:
    result = add_shop(pos_cli, "--receipt-header", "Hello", "--receipt-header", "World")
    assert "Saved user profile 'shop'" in result.out
    assert "pos profile set-token shop" in result.out
    path = folders.user / "shop.toml"
    profile, problems = parse_profile(path.read_text())
    assert problems == [] and profile is not None
    assert profile.receipt_header == ("Hello", "World")
    assert profile.pickup_location.missing_fields() == []
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    listed = pos_cli("profile", "list")
    assert listed.code == 0
    lines = listed.out.splitlines()
    assert any(line.split()[:2] == ["demo", "builtin"] for line in lines)
    assert any(line.split()[:2] == ["shop", "user"] for line in lines)
    assert f"User profiles:   {folders.user}" in listed.out

    shown = pos_cli("profile", "show", "shop")
    assert shown.code == 0
    assert f"# source: user ({path})" in shown.out
    assert "# token: missing (save one with: pos profile set-token shop)" in shown.out
    assert 'store_hash = "abc123"' in shown.out


def test_add_refuses_bad_values_and_duplicates(pos_cli: Cli, folders: Folders) -> None:
    bad = pos_cli("profile", "add", "shop", "--store-hash", "abc123", "--currency", "dollars")
    assert bad.code == 1
    assert "currency: must be a three-letter" in bad.err
    missing = pos_cli("profile", "add", "shop")
    assert missing.code == 1 and "store_hash: missing required key" in missing.err
    assert not (folders.user / "shop.toml").exists()
    add_shop(pos_cli)
    again = pos_cli("profile", "add", "shop", "--store-hash", "zzz")
    assert again.code == 1 and "already exists" in again.err
    assert pos_cli("profile", "add", "shop", "--store-hash", "zzz", "--force").code == 0
    badname = pos_cli("profile", "add", "../x", "--store-hash", "zzz")
    assert badname.code == 1 and "invalid profile name" in badname.err


def test_add_warns_about_a_pickup_address_the_register_cannot_use(
    pos_cli: Cli, folders: Folders
) -> None:
    result = pos_cli("profile", "add", "store-12", "--store-hash", "abc123",
                     "--pickup-company", "Store 12", "--pickup-address1", "1 Main St",
                     "--pickup-city", "Austin", "--pickup-country-code", "US")
    assert result.code == 0
    assert (folders.user / "store-12.toml").exists()
    assert "Saved user profile 'store-12'" in result.out
    assert result.err.startswith("pos profile add: warning: the pickup address lacks "
                                 "first_name, last_name, email, which the register needs")
    assert "--pickup-first-name ... --pickup-last-name ... --pickup-email ..." in result.err
    assert ("pos profile edit store-12 --set pickup_location.first_name=... "
            "--set pickup_location.last_name=... --set pickup_location.email=...") in result.err
    assert "warning" not in result.out

    complete = pos_cli("profile", "add", "shop", *SHOP_ARGS)
    assert complete.code == 0 and complete.err == ""

    exported = folders.root / "store-12.toml"
    assert pos_cli("profile", "export", "store-12", str(exported)).code == 0
    imported = pos_cli("profile", "import", str(exported), "--name", "store-13")
    assert imported.code == 0
    assert "pos profile import: warning: the pickup address lacks" in imported.err


def test_every_error_names_its_action(pos_cli: Cli) -> None:
    for argv, prefix in (
        (("profile", "show", "nosuch"), "pos profile show: "),
        (("profile", "export", "nosuch"), "pos profile export: "),
        (("profile", "edit", "nosuch", "--set", "x=y"), "pos profile edit: "),
        (("profile", "remove", "nosuch"), "pos profile remove: "),
        (("profile", "set-token", "nosuch"), "pos profile set-token: "),
        (("profile", "delete-token", "nosuch"), "pos profile delete-token: "),
        (("profile", "add", "shop"), "pos profile add: "),
        (("profile", "import", "/nonexistent/x.toml"), "pos profile import: "),
    ):
        result = pos_cli(*argv)
        assert result.code == 1, argv
        assert result.err.startswith(prefix), (argv, result.err)


def test_system_profiles_and_precedence(pos_cli: Cli, folders: Folders) -> None:
    assert pos_cli("profile", "add", "shop", "--store-hash", "fleet1", "--system").code == 0
    assert (folders.system / "shop.toml").exists()
    listed = pos_cli("profile", "list", "--json")
    data = json.loads(listed.out)
    assert {p["name"]: p["source"] for p in data["profiles"]} == {
        "demo": "builtin", "shop": "system",
    }
    add_shop(pos_cli)
    data = json.loads(pos_cli("profile", "list", "--json").out)
    assert {p["name"]: p["source"] for p in data["profiles"]} == {
        "demo": "builtin", "shop": "user",
    }
    assert data["shadowed"] == [
        {"name": "shop", "source": "system", "path": str(folders.system / "shop.toml")}
    ]
    text = pos_cli("profile", "list").out
    assert (f"note: the system profile 'shop' ({folders.system / 'shop.toml'}) is "
            f"overridden by the user file {folders.user / 'shop.toml'}, which is used "
            "instead") in text

    removed = pos_cli("profile", "remove", "shop")
    assert removed.code == 0
    assert "the system profile 'shop' is still available" in removed.out
    assert pos_cli("profile", "remove", "shop").code == 1
    hint = pos_cli("profile", "remove", "shop")
    assert "add --system" in hint.err
    assert pos_cli("profile", "remove", "shop", "--system").code == 0
    assert load_profiles().names() == ["demo"]


def test_list_shows_broken_files(pos_cli: Cli, folders: Folders) -> None:
    folders.user.mkdir(parents=True)
    (folders.user / "bad.toml").write_text('store_hash = "abc\n')
    (folders.user / "odd.toml").write_text('store_hash = "abc"\ncolour = "blue"\n')
    (folders.user / "nohash.toml").write_text('display_name = "x"\n')
    result = pos_cli("profile", "list")
    assert result.code == 0
    assert f"{folders.user / 'bad.toml'}:1: error: not valid TOML" in result.out
    assert f"{folders.user / 'odd.toml'}:2: warning: colour: unknown key" in result.out
    assert f"{folders.user / 'nohash.toml'}: error: store_hash: missing required key" in (
        result.out
    )
    assert "odd" in [line.split()[0] for line in result.out.splitlines() if line]
    problems = json.loads(pos_cli("profile", "list", "--json").out)["problems"]
    assert {(p["path"].rsplit("/", 1)[-1], p["severity"], p["line"]) for p in problems} == {
        ("bad.toml", "error", 1), ("odd.toml", "warning", 2), ("nohash.toml", "error", None),
    }
    shown = pos_cli("profile", "show", "bad")
    assert shown.code == 1 and "cannot be used" in shown.err and "not valid TOML" in shown.err


def test_a_token_in_a_profile_file_is_an_error_that_never_shows_it(
    pos_cli: Cli, folders: Folders
) -> None:
    folders.user.mkdir(parents=True)
    path = folders.user / "shop.toml"
    path.write_text(f'name = "shop"\nstore_hash = "abc123"\napi_token = "{TOKEN}"\n')
    result = pos_cli("profile", "list")
    assert result.code == 0
    assert (f"{path}:3: error: api_token: API tokens never go in a profile; run pos profile "
            "set-token shop and delete this line") in result.out
    assert TOKEN not in result.out + result.err
    listed = json.loads(pos_cli("profile", "list", "--json").out)
    assert TOKEN not in json.dumps(listed)
    assert "shop" not in [p["name"] for p in listed["profiles"]]
    shown = pos_cli("profile", "show", "shop")
    assert shown.code == 1 and TOKEN not in shown.err + shown.out


def test_a_broken_user_file_says_the_system_profile_is_used_instead(
    pos_cli: Cli, folders: Folders
) -> None:
    folders.system.mkdir(parents=True)
    system = folders.system / "shop.toml"
    system.write_text('name = "shop"\ndisplay_name = "Fleet Shop"\nstore_hash = "abc123"\n')
    folders.user.mkdir(parents=True)
    user = folders.user / "shop.toml"
    user.write_text('name = "shop"\nstore_hash = "abc123\n')  # an unclosed string
    result = pos_cli("profile", "list")
    assert result.code == 0
    # The broken user file, with its error ...
    assert f"{user}:2: error: not valid TOML" in result.out
    # ... and that the system profile of that name is used because of it.
    [row] = [line for line in result.out.splitlines() if line.startswith("shop ")]
    assert row.split()[1] == "system"
    assert f"used because the user file {user} is broken" in row
    assert (f"note: {user}: the system profile 'shop' ({system}) is used instead, because "
            "this user file is broken") in result.out
    listed = json.loads(pos_cli("profile", "list", "--json").out)
    assert listed["fallbacks"] == [{
        "name": "shop", "broken_path": str(user), "broken_source": "user",
        "used_source": "system", "used_path": str(system),
    }]
    shown = pos_cli("profile", "show", "shop")
    assert shown.code == 0
    assert "# source: system" in shown.out
    assert f"# {user}:2: error: not valid TOML" in shown.out
    assert "is used instead, because this user file is broken" in shown.out


def test_edit_with_set(pos_cli: Cli, folders: Folders) -> None:
    add_shop(pos_cli)
    result = pos_cli(
        "profile", "edit", "shop",
        "--set", "channel_id=7",
        "--set", "pickup_location.city=Dallas",
        "--set", "receipt_footer=Thanks|Come again",
        "--set", "terminal_name=",
    )
    assert result.code == 0, result.err
    profile = load_profiles().get("shop")
    assert profile is not None
    assert profile.channel_id == 7
    assert profile.pickup_location.city == "Dallas"
    assert profile.receipt_footer == ("Thanks", "Come again")
    assert profile.terminal_name == ""
    before = (folders.user / "shop.toml").read_bytes()
    bad = pos_cli("profile", "edit", "shop", "--set", "currency=euro")
    assert bad.code == 1 and "is unchanged" in bad.err and "currency" in bad.err
    assert pos_cli("profile", "edit", "shop", "--set", "nonsense").code == 1
    assert pos_cli("profile", "edit", "shop", "--set", "colour=red").code == 1
    assert (folders.user / "shop.toml").read_bytes() == before
    demo = pos_cli("profile", "edit", "demo", "--set", "currency=EUR")
    assert demo.code == 1 and "built-in" in demo.err


def _editor(tmp_path: Path, script: str) -> str:
    path = tmp_path / "editor.py"
    path.write_text(textwrap.dedent(script))
    return f"{sys.executable} {path}"


def test_edit_in_the_editor(
    pos_cli: Cli, folders: Folders, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_shop(pos_cli)
    monkeypatch.setenv("EDITOR", _editor(tmp_path, f"""
        import sys, pathlib
        p = pathlib.Path(sys.argv[1])
        assert p.parent != pathlib.Path({str(folders.user)!r})
        p.write_text(p.read_text().replace('channel_id = 1', 'channel_id = 5'))
    """))
    result = pos_cli("profile", "edit", "shop")
    assert result.code == 0, result.err
    shop = load_profiles().get("shop")
    assert shop is not None and shop.channel_id == 5

    monkeypatch.setenv("EDITOR", _editor(tmp_path, """
        import sys, pathlib
        p = pathlib.Path(sys.argv[1])
        p.write_text(p.read_text().replace('channel_id = 5', 'channel_id = "five"'))
    """))
    before = (folders.user / "shop.toml").read_bytes()
    result = pos_cli("profile", "edit", "shop")
    assert result.code == 1
    assert "channel_id: must be an integer" in result.err
    assert (folders.user / "shop.toml").read_bytes() == before

    monkeypatch.setenv("EDITOR", _editor(tmp_path, "pass\n"))
    assert "No changes." in pos_cli("profile", "edit", "shop").out
    leftovers = [p for p in folders.user.iterdir() if p.name != "shop.toml"]
    assert leftovers == []


def test_export_and_import(pos_cli: Cli, folders: Folders, tmp_path: Path) -> None:
    add_shop(pos_cli)
    exported = pos_cli("profile", "export", "shop")
    assert exported.code == 0
    assert 'name = "shop"' in exported.out
    target = tmp_path / "out" / "shop-export.toml"
    assert pos_cli("profile", "export", "shop", str(target)).code == 0
    assert target.read_text() == exported.out

    again = pos_cli("profile", "import", str(target))
    assert again.code == 1 and "already exists" in again.err
    renamed = pos_cli("profile", "import", str(target), "--name", "shop2")
    assert renamed.code == 0, renamed.err
    assert pos_cli("profile", "import", str(target), "--system").code == 0
    loaded = load_profiles()
    assert loaded.names() == ["demo", "shop", "shop2"]
    shop2 = loaded.get("shop2")
    shop = loaded.get("shop")
    assert shop2 is not None and shop is not None
    assert shop2.store_hash == shop.store_hash
    assert (folders.system / "shop.toml").exists()

    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x"\nstore_hash = 5\n')
    result = pos_cli("profile", "import", str(broken))
    assert result.code == 1
    assert f"{broken}:2: error: store_hash: must be a string" in result.err
    assert not (folders.user / "x.toml").exists()
    assert pos_cli("profile", "import", str(tmp_path / "none.toml")).code == 1

    demo = pos_cli("profile", "export", "demo")
    assert demo.code == 0 and "sandbox = true" in demo.out and "http" not in demo.out


def test_set_token_from_stdin_and_delete(
    pos_cli: Cli, memory_keyring: MemoryKeyring, folders: Folders
) -> None:
    add_shop(pos_cli)
    result = pos_cli("profile", "set-token", "shop", stdin=f"{TOKEN}\n")
    assert result.code == 0, result.err
    assert memory_keyring.entries == {("bc-pos:abc123", "api-token"): TOKEN}
    assert TOKEN not in result.out + result.err
    shown = pos_cli("profile", "show", "shop")
    assert "# token: present (OS keyring)" in shown.out
    assert TOKEN not in shown.out
    exported = pos_cli("profile", "export", "shop")
    assert TOKEN not in exported.out

    deleted = pos_cli("profile", "delete-token", "shop")
    assert deleted.code == 0 and "Deleted" in deleted.out
    assert memory_keyring.entries == {}
    assert "No saved token" in pos_cli("profile", "delete-token", "shop").out


def test_delete_token_refuses_while_other_profiles_share_it(
    pos_cli: Cli, memory_keyring: MemoryKeyring, folders: Folders
) -> None:
    add_shop(pos_cli)
    second = pos_cli("profile", "add", "till2", *SHOP_ARGS)
    assert second.code == 0, second.err
    assert pos_cli("profile", "set-token", "shop", stdin=f"{TOKEN}\n").code == 0
    refused = pos_cli("profile", "delete-token", "shop")
    assert refused.code != 0
    assert "till2" in refused.err and "--force" in refused.err
    assert memory_keyring.entries == {("bc-pos:abc123", "api-token"): TOKEN}
    forced = pos_cli("profile", "delete-token", "shop", "--force")
    assert forced.code == 0 and "Deleted" in forced.out
    assert memory_keyring.entries == {}


def test_set_token_uses_a_no_echo_prompt_on_a_tty(
    pos_cli: Cli, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_shop(pos_cli)
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return TOKEN

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    result = pos_cli("profile", "set-token", "shop", tty=True)
    assert result.code == 0, result.err
    assert prompts == ["API token (input hidden): "]
    assert memory_keyring.entries[("bc-pos:abc123", "api-token")] == TOKEN


def test_set_token_never_takes_argv(pos_cli: Cli, memory_keyring: MemoryKeyring) -> None:
    add_shop(pos_cli)
    result = pos_cli("profile", "set-token", "shop", TOKEN)
    assert result.code == 2
    assert "never read from the command line" in result.err
    assert "pipe it on stdin or type it at the prompt" in result.err
    assert TOKEN not in result.err + result.out
    for argv in (
        ("profile", "set-token", "shop", "--token", TOKEN),
        ("profile", "set-token", "shop", f"--token={TOKEN}"),
        ("profile", "set-token", "shop", "--token", TOKEN, "extra"),
        ("profile", "set-token", TOKEN, "shop"),
    ):
        refused = pos_cli(*argv)
        assert refused.code == 2, argv
        assert TOKEN not in refused.err + refused.out, argv
    assert memory_keyring.entries == {}


@pytest.mark.parametrize(
    "argv",
    [
        ("profile", "list", TOKEN),  # unrecognized arguments
        ("profile", "list", f"--json={TOKEN}"),  # an option that takes no value
        ("profile", TOKEN),  # invalid choice
        ("profile", "add", "x", "--channel-id", TOKEN),  # invalid int value
        (f"--tok={TOKEN}",),
        ("profile", "edit", "shop", "--set", TOKEN),  # KEY=VALUE without '='
        ("profile", "edit", "shop", "--set", f"token={TOKEN}"),
    ],
)
def test_no_command_line_error_echoes_what_was_typed(pos_cli: Cli, argv: tuple[str, ...]) -> None:
    add_shop(pos_cli)
    result = pos_cli(*argv)
    assert result.code != 0
    assert result.err.strip()
    assert TOKEN not in result.err + result.out


def test_unrecognized_options_are_named_but_values_are_not(pos_cli: Cli) -> None:
    result = pos_cli("profile", "list", "--colour", f"--tok={TOKEN}", TOKEN)
    assert result.code == 2
    assert "unrecognized arguments: --colour, --tok=…; 1 value(s) not shown" in result.err
    assert TOKEN not in result.err


def test_set_token_edit_refuses_a_token_field(pos_cli: Cli, folders: Folders) -> None:
    add_shop(pos_cli)
    result = pos_cli("profile", "edit", "shop", "--set", f"api_token={TOKEN}")
    assert result.code == 1
    assert "pos profile set-token shop" in result.err
    assert TOKEN not in result.err
    assert all(TOKEN not in f.read_text() for f in folders.user.glob("*.toml"))


def test_set_token_refusals(pos_cli: Cli, memory_keyring: MemoryKeyring) -> None:
    add_shop(pos_cli)
    empty = pos_cli("profile", "set-token", "shop", stdin="\n")
    assert empty.code == 1 and "no token given" in empty.err
    demo = pos_cli("profile", "set-token", "demo", stdin=TOKEN)
    assert demo.code == 1 and "needs no token" in demo.err
    unknown = pos_cli("profile", "set-token", "nope", stdin=TOKEN)
    assert unknown.code == 1 and "no profile named 'nope'" in unknown.err
    assert memory_keyring.entries == {}


@pytest.mark.parametrize(
    ("backend", "words"),
    [
        ("fail_keyring", "No keyring backend was found."),
        ("null_keyring", "The keyring is disabled"),
        ("locked_keyring", "The keyring is locked."),
        ("erroring_keyring", "The keyring failed"),
        ("plaintext_keyring", "stores secrets in a plain file"),
    ],
)
def test_set_token_with_an_unusable_keyring(
    pos_cli: Cli, request: pytest.FixtureRequest, backend: str, words: str
) -> None:
    add_shop(pos_cli)
    request.getfixturevalue(backend)
    result = pos_cli("profile", "set-token", "shop", stdin=TOKEN)
    assert result.code == 1
    assert "the token was not saved" in result.err
    assert words in result.err
    assert "POS_TOKEN" in result.err
    assert TOKEN not in result.err + result.out
    shown = pos_cli("profile", "show", "shop")
    [line] = [x for x in shown.out.splitlines() if x.startswith("# token:")]
    assert shown.code == 0 and line.startswith("# token: unknown: ") and words in line


def test_pos_token_shows_as_the_source(
    pos_cli: Cli, monkeypatch: pytest.MonkeyPatch, fail_keyring: None
) -> None:
    add_shop(pos_cli)
    monkeypatch.setenv("POS_TOKEN", TOKEN)
    shown = pos_cli("profile", "show", "shop")
    assert "# token: present (POS_TOKEN environment variable)" in shown.out
    assert TOKEN not in shown.out


def test_remove_with_its_token(pos_cli: Cli, memory_keyring: MemoryKeyring) -> None:
    add_shop(pos_cli)
    assert pos_cli("profile", "set-token", "shop", stdin=TOKEN).code == 0
    assert pos_cli("profile", "import", "/dev/null").code == 1
    assert pos_cli("profile", "add", "shop2", "--store-hash", "abc123").code == 0
    kept = pos_cli("profile", "remove", "shop", "--delete-token")
    assert kept.code == 0 and "Kept the token" in kept.out
    assert memory_keyring.entries
    gone = pos_cli("profile", "remove", "shop2", "--delete-token")
    assert gone.code == 0 and "Deleted its token" in gone.out
    assert memory_keyring.entries == {}
    demo = pos_cli("profile", "remove", "demo")
    assert demo.code == 1 and "cannot be removed" in demo.err


def test_a_real_subprocess(folders: Folders, tmp_path: Path) -> None:
    env = dict(os.environ)
    env.update(
        POS_PROFILES_DIR=str(folders.user),
        POS_SYSTEM_PROFILES_DIR=str(folders.system),
        POS_DATA_DIR=str(folders.data),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    env.pop("POS_TOKEN", None)

    def pos(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pos", "profile", *args],
            input=stdin, capture_output=True, text=True, env=env, timeout=60, check=False,
        )

    added = pos("add", "shop", *SHOP_ARGS)
    assert added.returncode == 0, added.stderr
    listed = pos("list")
    assert listed.returncode == 0
    assert any(line.split()[:2] == ["shop", "user"] for line in listed.stdout.splitlines())
    token = pos("set-token", "shop", stdin=TOKEN)
    assert token.returncode == 1
    assert "The keyring is disabled" in token.stderr
    assert TOKEN not in token.stderr + token.stdout
    exported = pos("export", "shop")
    assert exported.returncode == 0 and 'store_hash = "abc123"' in exported.stdout

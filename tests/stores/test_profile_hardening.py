"""Hostile profile files and values: one clear message, never a traceback, bounded work,
and no credential ever sent to (or echoed for) a host it should not reach."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pos.stores.doctor import Doctor, Status
from pos.stores.profiles import (
    Profile,
    ProfileError,
    data_dir,
    load_profiles,
    parse_profile,
    profile_path,
)

from .conftest import SHOP_ARGS, Folders, Result

Cli = Callable[..., Result]
SECRET = "hunter2-SECRET-77"


def shop_text(**fields: str) -> str:
    lines = ['name = "shop"', 'store_hash = "abc123"']
    lines += [f"{key} = {json.dumps(value)}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------- store URLs


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:80@192.0.2.2",
        "http://localhost:80\\@192.0.2.2",
        f"https://{SECRET}@shop.example.com",
        f"https://user:{SECRET}@shop.example.com",
        f"https://shop.example.com/?key={SECRET}",
        f"https://shop.example.com/#{SECRET}",
        f"http://shop.example.com/{SECRET}",
        "http://127.0.0.1.example.com",
        "http://localhost.example.com:80",
        "ftp://localhost",
        "https://shop example.com",
    ],
)
def test_a_store_url_with_credentials_or_a_foreign_host_is_refused(url: str) -> None:
    for key in ("api_base_url", "payments_base_url"):
        profile, problems = parse_profile(shop_text(**{key: url}))
        assert profile is None
        assert [p.field for p in problems] == [key]
        text = " ".join(str(p) for p in problems)
        assert SECRET not in text and "192.0.2.2" not in text and "example.com" not in text


@pytest.mark.parametrize(
    "url",
    ["http://localhost:8080", "http://127.0.0.1:5000", "http://127.9.9.9", "http://[::1]:8",
     "https://api.bigcommerce.com", "https://store.example.com:8443/api/"],
)
def test_loopback_http_and_https_urls_are_accepted(url: str) -> None:
    profile, problems = parse_profile(shop_text(api_base_url=url))
    assert problems == [] and profile is not None
    assert profile.api_base_url == url.rstrip("/")


def test_edit_refuses_a_credential_in_a_url_without_echoing_it(
    pos_cli: Cli, folders: Folders
) -> None:
    assert pos_cli("profile", "add", "shop", *SHOP_ARGS).code == 0
    before = (folders.user / "shop.toml").read_text()
    for url in (f"https://{SECRET}@api.example.com", f"http://localhost:80@{SECRET}.example"):
        result = pos_cli("profile", "edit", "shop", "--set", f"api_base_url={url}")
        assert result.code == 1
        assert "api_base_url" in result.err
        assert SECRET not in result.out + result.err
    assert (folders.user / "shop.toml").read_text() == before


async def test_the_doctor_never_calls_a_user_info_url_loopback(tmp_path: Path) -> None:
    profile = Profile(name="shop", store_hash="abc123",
                      api_base_url="http://localhost:80@192.0.2.2")
    doctor = Doctor(profile, timeout=2.0)
    assert not await doctor.check_host(profile.api_base_url, "api_host", "Store API")
    (result,) = doctor.report.results
    assert result.status is Status.FAIL
    assert "loopback" not in result.detail and "192.0.2.2" not in result.detail


# -------------------------------------------------------------------- hostile files


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)
    return path


def test_a_deeply_nested_file_is_reported_and_skipped(
    pos_cli: Cli, folders: Folders
) -> None:
    assert pos_cli("profile", "add", "shop", *SHOP_ARGS).code == 0
    nested = _write(folders.user, "x.toml", "x = " + "[" * 500 + "]" * 500 + "\n")
    _write(folders.system, "y.toml", "y = " + "{a = " * 400 + "1" + "}" * 400 + "\n")
    loaded = load_profiles()
    assert {"demo", "shop"} <= set(loaded.names())
    problems = [str(p) for p in loaded.problems if p.path == nested]
    assert problems and "nested too deeply" in problems[0]
    listed = pos_cli("profile", "list")
    assert listed.code == 0 and "x.toml" in listed.out and "Traceback" not in listed.err
    assert any(line.split()[:2] == ["shop", "user"] for line in listed.out.splitlines())
    shown = pos_cli("profile", "show", "shop")
    assert shown.code == 0


def test_an_oversized_file_is_not_read(folders: Folders) -> None:
    big = _write(folders.user, "big.toml", shop_text() + "# " + "x" * 200_000 + "\n")
    loaded = load_profiles()
    (problem,) = [p for p in loaded.problems if p.path == big]
    assert "larger than" in problem.message
    assert "shop" not in loaded.names()


def _pos(folders: Folders, *argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.update(
        POS_PROFILES_DIR=str(folders.user),
        POS_SYSTEM_PROFILES_DIR=str(folders.system),
        POS_DATA_DIR=str(folders.data),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
    )
    return subprocess.run([sys.executable, "-m", "pos", *argv], capture_output=True,
                          text=True, env=env, timeout=60, check=False)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_named_like_a_profile_does_not_hang_the_list(folders: Folders) -> None:
    folders.user.mkdir(parents=True)
    _write(folders.user, "shop.toml", shop_text())
    os.mkfifo(folders.user / "x.toml")
    result = _pos(folders, "profile", "list", "--json")  # a hang ends in TimeoutExpired
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert "shop" in [p["name"] for p in listed["profiles"]]
    (problem,) = [p for p in listed["problems"] if p["path"].endswith("x.toml")]
    assert "not a regular file" in problem["message"]


def test_a_system_folder_that_cannot_be_listed_is_reported(
    pos_cli: Cli, folders: Folders, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(blocker / "profiles.d"))
    assert pos_cli("profile", "add", "shop", *SHOP_ARGS).code == 0
    loaded = load_profiles()
    assert "shop" in loaded.names()
    assert [p.path for p in loaded.unreadable_folders] == [blocker / "profiles.d"]
    listed = pos_cli("profile", "list")
    assert listed.code == 0
    assert f"{blocker / 'profiles.d'}" in listed.out and "cannot list" in listed.out
    as_json = json.loads(pos_cli("profile", "list", "--json").out)
    assert any("cannot list" in p["message"] for p in as_json["problems"])
    doctor = pos_cli("doctor", "shop", "--json")
    checks = {c["check"]: c for c in json.loads(doctor.out)["checks"]}
    assert checks["profile"]["status"] == "warn"
    assert "cannot list the system profile folder" in checks["profile"]["detail"]
    missing = pos_cli("doctor", "fleet-till", "--json")
    checks = {c["check"]: c for c in json.loads(missing.out)["checks"]}
    assert checks["profile"]["status"] == "fail"
    assert "cannot list the system profile folder" in checks["profile"]["detail"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply (not root)")
def test_an_unreadable_system_folder_is_reported(pos_cli: Cli, folders: Folders) -> None:
    _write(folders.system, "fleet.toml", shop_text().replace('"shop"', '"fleet"'))
    folders.system.chmod(0)
    try:
        loaded = load_profiles()
        assert [p.path for p in loaded.unreadable_folders] == [folders.system]
        assert "cannot list" in pos_cli("profile", "list").out
    finally:
        folders.system.chmod(0o755)


@pytest.mark.parametrize("name", ["shop\n", "shop\n\n", "\nshop", "shop ", "shop/x", ""])
def test_a_profile_name_is_matched_whole(name: str) -> None:
    text = f"name = {json.dumps(name)}\nstore_hash = \"abc123\"\n"
    profile, problems = parse_profile(text)
    assert profile is None and [p.field for p in problems] == ["name"]
    with pytest.raises(ProfileError):
        profile_path(name)
    with pytest.raises(ProfileError):
        data_dir(name)


# -------------------------------------------------------------------- edit --set echoes


@pytest.mark.parametrize(
    "change",
    [
        f"channel_id={SECRET}",
        f"sandbox={SECRET}",
        f"colour={SECRET}",
        f"pickup_location.colour={SECRET}",
        f"{SECRET}=x",
        f"receipt_header=[{SECRET}",
    ],
)
def test_edit_never_echoes_a_refused_value(pos_cli: Cli, change: str) -> None:
    assert pos_cli("profile", "add", "shop", *SHOP_ARGS).code == 0
    result = pos_cli("profile", "edit", "shop", "--set", change)
    assert result.code != 0
    assert SECRET not in result.out + result.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_importing_a_fifo_is_refused_without_hanging(folders: Folders, tmp_path: Path) -> None:
    fifo = tmp_path / "shop.toml"
    os.mkfifo(fifo)
    result = _pos(folders, "profile", "import", str(fifo))  # a hang ends in TimeoutExpired
    assert result.returncode == 1
    assert "not a regular file" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("key", "value"),
    [("store_hash", "abc123\n"), ("currency", "USD\n"), ("locale", "en_US\n")],
)
def test_other_patterns_are_matched_whole(key: str, value: str) -> None:
    fields = {"store_hash": "abc123", key: value}
    text = 'name = "shop"\n' + "".join(f"{k} = {json.dumps(v)}\n" for k, v in fields.items())
    profile, problems = parse_profile(text)
    assert profile is None and [p.field for p in problems] == [key]

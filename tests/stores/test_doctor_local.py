"""``pos doctor``: the checks that need no store (profile, token, pickup, data folder, hosts)."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable

import pytest

from pos.stores.doctor import Doctor, Status, render_table
from pos.stores.profiles import Profile, save_profile

from .conftest import SHOP_ARGS, Folders, Result

Cli = Callable[..., Result]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def add_local_shop(pos_cli: Cli, port: int) -> None:
    url = f"http://127.0.0.1:{port}"
    result = pos_cli("profile", "add", "shop", *SHOP_ARGS,
                     "--api-base-url", url, "--payments-base-url", url)
    assert result.code == 0, result.err


def statuses(report_json: str) -> dict[str, str]:
    data = json.loads(report_json)
    return {c["check"]: c["status"] for c in data["checks"]}


def test_unknown_profile(pos_cli: Cli) -> None:
    result = pos_cli("doctor", "nope")
    assert result.code == 1
    assert "FAIL  Profile" in result.out
    assert "no profile named 'nope'" in result.out
    assert "pos profile add nope --store-hash HASH" in result.out
    assert "Not ready to sell" in result.out
    # No file to show: it says where it looked, never "fix the file shown".
    assert "fix the file shown" not in result.out
    assert "looked for" in result.out and "nope.toml" in result.out


def test_a_mistyped_command_suggests_the_known_one(pos_cli: Cli) -> None:
    result = pos_cli("profile", "lst")
    assert result.code == 2
    assert "did you mean 'list'?" in result.err
    assert "lst" not in result.err.replace("'list'", "")  # what was typed is not echoed


def test_broken_profile_names_the_line(pos_cli: Cli, folders: Folders) -> None:
    folders.user.mkdir(parents=True)
    (folders.user / "shop.toml").write_text('store_hash = "abc123"\nchannel_id = "x"\n')
    result = pos_cli("doctor", "--profile", "shop", "--json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["ok"] is False
    [profile] = [c for c in data["checks"] if c["check"] == "profile"]
    assert profile["status"] == "fail"
    assert "shop.toml:2: error: channel_id: must be an integer" in profile["detail"]


def test_no_token_and_unreachable_host(pos_cli: Cli) -> None:
    add_local_shop(pos_cli, closed_port())
    result = pos_cli("doctor", "shop", "--json", "--timeout", "5")
    assert result.code == 1
    got = statuses(result.out)
    assert got["profile"] == "pass"
    assert got["token"] == "fail"
    assert got["pickup_location"] == "pass"
    assert got["data_dir"] == "pass"
    assert got["api_host"] == "fail"
    assert got["token_accepted"] == "skip"
    checks = {c["check"]: c for c in json.loads(result.out)["checks"]}
    assert "pos profile set-token shop" in checks["token"]["fix"]
    assert "cannot connect to 127.0.0.1" in checks["api_host"]["detail"]


@pytest.mark.parametrize(
    ("backend", "words"),
    [("fail_keyring", "No keyring backend was found."), ("locked_keyring", "locked")],
)
def test_keyring_problems_are_reported(
    pos_cli: Cli, request: pytest.FixtureRequest, backend: str, words: str
) -> None:
    add_local_shop(pos_cli, closed_port())
    request.getfixturevalue(backend)
    result = pos_cli("doctor", "shop", "--timeout", "5")
    assert result.code == 1
    [line] = [x for x in result.out.splitlines() if x.startswith("  FAIL  API token")]
    assert words in line
    assert "POS_TOKEN" in result.out


def test_missing_pickup_fields(pos_cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    save_profile(Profile(name="bare", store_hash="abc123",
                         api_base_url=f"http://127.0.0.1:{closed_port()}"))
    monkeypatch.setenv("POS_TOKEN", "env-token-123")
    result = pos_cli("doctor", "bare", "--json", "--timeout", "5")
    checks = {c["check"]: c for c in json.loads(result.out)["checks"]}
    assert checks["token"]["status"] == "pass"
    assert "POS_TOKEN" in checks["token"]["detail"]
    assert checks["pickup_location"]["status"] == "fail"
    assert "first_name" in checks["pickup_location"]["detail"]
    assert "pos profile edit bare --set pickup_location.first_name=..." in (
        checks["pickup_location"]["fix"]
    )


async def test_data_dir_problem_is_reported(folders: Folders) -> None:
    folders.data.parent.mkdir(parents=True, exist_ok=True)
    folders.data.write_text("a file where the folder should be")
    doctor = Doctor(Profile(name="x", store_hash="abc"))
    assert doctor.check_data_dir(Profile(name="x", store_hash="abc")) is False
    [result] = doctor.report.results
    assert result.status is Status.FAIL and "POS_DATA_DIR" in result.fix


def test_render_table_has_fixes() -> None:
    doctor = Doctor("x")
    doctor._add("a", "Alpha", Status.PASS, "fine")
    doctor._add("b", "Beta", Status.FAIL, "broken", "do this")
    text = render_table(doctor.report)
    assert "PASS  Alpha  fine" in text
    assert "FAIL  Beta   broken" in text
    assert "fix: do this" in text
    assert not doctor.report.ok

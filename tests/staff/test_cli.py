"""``pos staff``: the staff list from the command line, deployment through the system
folder, and no PIN anywhere after a run."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest

from pos.staff import Permission, StaffDesk, load_roster
from pos.staff.pins import verify_pin

from .conftest import PINS, Clock, Folders, Runner


def add(pos_cli: Runner, name: str, role: str, *extra: str) -> None:
    result = pos_cli("staff", "add", name, "--role", role, "--profile", "shop", *extra,
                     stdin=PINS[name] + "\n")
    assert result.code == 0, result.err


def test_add_list_set_pin_deactivate_remove(shop: str, pos_cli: Runner, folders: Folders) -> None:
    add(pos_cli, "Ana", "clerk")
    add(pos_cli, "Maria", "manager")
    path = folders.user / "staff" / "shop.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    roster = load_roster("shop")
    assert verify_pin(PINS["Ana"], roster.get("Ana").pin_hash)

    listed = json.loads(pos_cli("staff", "list", "--profile", "shop", "--json").out)
    assert [(s["name"], s["role"], s["active"]) for s in listed["staff"]] == [
        ("Ana", "clerk", True), ("Maria", "manager", True)]
    assert listed["source"] == "user" and "pin_hash" not in json.dumps(listed)
    text = pos_cli("--profile", "shop", "staff", "list").out
    assert "Ana" in text and "manager" in text

    result = pos_cli("staff", "set-pin", "Ana", "--profile", "shop", stdin=PINS["Sam"])
    assert result.code == 0, result.err
    assert verify_pin(PINS["Sam"], load_roster("shop").get("Ana").pin_hash)

    assert pos_cli("staff", "deactivate", "ana", "--profile", "shop").code == 0
    assert not load_roster("shop").get("Ana").active
    assert pos_cli("staff", "remove", "Ana", "--profile", "shop").code == 0
    assert load_roster("shop").find("Ana") is None
    events = [line.split()[1] for line in pos_cli(
        "audit", "show", "--profile", "shop").out.splitlines()]
    assert events == ["staff_added", "staff_added", "staff_pin_set", "staff_deactivated",
                      "staff_removed"]
    assert pos_cli("audit", "verify", "--profile", "shop").code == 0


def test_the_pin_can_be_typed_twice_at_a_hidden_prompt(
    shop: str, pos_cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([PINS["Bob"], PINS["Bob"], PINS["Bob"], PINS["Ana"]])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    result = pos_cli("staff", "add", "Bob", "--profile", "shop", tty=True)
    assert result.code == 0, result.err
    result = pos_cli("staff", "set-pin", "Bob", "--profile", "shop", tty=True)
    assert result.code == 1 and "the two PINs differ" in result.err
    assert verify_pin(PINS["Bob"], load_roster("shop").get("Bob").pin_hash)


@pytest.mark.parametrize("argv,stdin,message", [
    (("staff", "add", "Bob", PINS["Bob"], "--profile", "shop"), None,
     "a PIN is never read from the command line"),
    (("staff", "add", PINS["Bob"], "--profile", "shop"), PINS["Bob"],
     "cannot be only digits"),
    (("staff", "add", "Bob", "--profile", "shop"), "12\n", "a PIN is 4 to 8 digits"),
    (("staff", "add", "Bob", "--profile", "shop"), "", "no PIN given"),
    (("staff", "add", "Bob", "--role", "owner", "--profile", "shop"), PINS["Bob"],
     "unknown role 'owner'"),
    (("staff", "add", "Bob"), PINS["Bob"], "name a profile"),
    (("staff", "add", "Bob", "--profile", "nowhere"), PINS["Bob"], "no profile named"),
    (("staff", "set-pin", "Nobody", "--profile", "shop"), PINS["Bob"], "no staff member"),
    (("staff", "remove", "Nobody", "--profile", "shop"), None, "no staff member"),
    (("staff", "list", "--profile", "shop", "--jsn"), None, "unrecognized arguments"),
])
def test_bad_input_is_one_message_and_a_nonzero_exit(
    shop: str, pos_cli: Runner, argv: tuple[str, ...], stdin: str | None, message: str
) -> None:
    result = pos_cli(*argv, stdin=stdin)
    assert result.code != 0
    assert message in result.err and "Traceback" not in result.err
    assert PINS["Bob"] not in result.err + result.out


def test_a_broken_staff_file_is_named_and_its_values_not_repeated(
    shop: str, pos_cli: Runner, folders: Folders
) -> None:
    path = folders.user / "staff" / "shop.toml"
    path.parent.mkdir(parents=True)
    path.write_text(f'[[staff]]\nname = "Ana"\nrole = "clerk"\npin = "{PINS["Ana"]}"\n')
    result = pos_cli("staff", "list", "--profile", "shop")
    assert result.code == 1
    assert str(path) in result.err and "unknown key(s) pin" in result.err
    assert PINS["Ana"] not in result.err
    path.write_text('[roles.cashier]\npermissions = ["fly"]\n')
    result = pos_cli("staff", "list", "--profile", "shop")
    assert result.code == 1 and "unknown permission 'fly'" in result.err


def test_custom_roles_from_the_staff_file(shop: str, pos_cli: Runner, folders: Folders,
                                          clock: Clock) -> None:
    add(pos_cli, "Ana", "clerk")
    path = folders.user / "staff" / "shop.toml"
    text = path.read_text()
    path.write_text('[roles.shift-lead]\npermissions = ["no_sale", "void"]\n\n' + text)
    add(pos_cli, "Bob", "shift-lead")
    roster = load_roster("shop")
    assert roster.role_of(roster.get("Bob")).permissions == {Permission.NO_SALE,
                                                              Permission.VOID}
    assert "[roles.shift-lead]" in path.read_text()  # kept when the file is rewritten
    desk = StaffDesk(roster, clock=clock)
    bob = desk.sign_in("Bob", PINS["Bob"])
    assert desk.gate(Permission.VOID, bob).granted
    assert desk.gate(Permission.REFUND, bob).needs_approver


def test_staff_deployed_through_the_system_folder(
    shop: str, pos_cli: Runner, folders: Folders, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(pos_cli, "Maria", "manager", "--system")
    add(pos_cli, "Ana", "clerk", "--system")
    path = folders.system / "staff" / "shop.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    # Another register of the fleet: the file copied by IT, nothing in the user folder.
    other = folders.root / "other-system"
    (other / "staff").mkdir(parents=True)
    (other / "staff" / "shop.toml").write_bytes(path.read_bytes())
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(other))
    roster = load_roster("shop")
    assert (roster.source, roster.path) == ("system", other / "staff" / "shop.toml")
    desk = StaffDesk(roster, clock=clock)
    assert desk.required
    ana = desk.sign_in("Ana", PINS["Ana"])
    approval = desk.gate(Permission.REFUND, ana)
    desk.approve(approval, "Maria", PINS["Maria"])
    approval.use(Permission.REFUND)
    listed = json.loads(pos_cli("staff", "list", "--profile", "shop", "--json").out)
    assert listed["source"] == "system"
    # A user-folder change would hide the fleet's list: refused with what to do.
    result = pos_cli("staff", "add", "Bob", "--profile", "shop", stdin=PINS["Bob"])
    assert result.code == 1 and "--system" in result.err


def test_a_users_staff_file_is_used_instead_of_the_systems(
    shop: str, pos_cli: Runner, folders: Folders
) -> None:
    add(pos_cli, "Maria", "manager", "--system")
    staff_dir = folders.user / "staff"
    staff_dir.mkdir(parents=True)
    (staff_dir / "shop.toml").write_text("[settings]\nidle_lock_seconds = 60\n")
    roster = load_roster("shop")
    assert roster.source == "user" and not roster.has_staff
    assert roster.settings.idle_lock_seconds == 60


def test_no_pin_in_any_file_log_output_or_argv_after_a_run(
    shop: str, pos_cli: Runner, folders: Folders, clock: Clock,
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    outputs: list[str] = []
    for name, role in (("Ana", "clerk"), ("Bob", "supervisor"), ("Maria", "manager")):
        result = pos_cli("staff", "add", name, "--role", role, "--profile", "shop",
                         stdin=PINS[name])
        outputs += [result.out, result.err]
    result = pos_cli("staff", "set-pin", "Bob", "--profile", "shop", stdin=PINS["Sam"])
    outputs += [result.out, result.err]
    desk = StaffDesk(load_roster("shop"), clock=clock)
    for wrong in (PINS["Bob"], PINS["Maria"], PINS["Sam"]):
        with pytest.raises(Exception) as caught:
            desk.sign_in("Ana", wrong)
        outputs.append(str(caught.value))
    clock.advance(hours=1)
    ana = desk.sign_in("Ana", PINS["Ana"])
    approval = desk.gate(Permission.VOID, ana)
    desk.approve(approval, "Maria", PINS["Maria"])
    approval.use(Permission.VOID)
    desk.sign_out()
    for argv in (("staff", "list", "--profile", "shop", "--json"),
                 ("audit", "show", "--profile", "shop", "--json"),
                 ("audit", "verify", "--profile", "shop")):
        result = pos_cli(*argv)
        assert result.code == 0, result.err
        outputs += [result.out, result.err]
    captured = capsys.readouterr()
    outputs += [captured.out, captured.err, caplog.text]

    files = [p for p in folders.root.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"shop.toml", "audit.jsonl", "staff-lockouts.json"}
    for pin in PINS.values():
        for path in files:
            assert pin.encode() not in path.read_bytes(), f"a PIN was found in {path}"
        for argv in pos_cli.argvs:
            assert pin not in argv
        for text in outputs:
            assert pin not in text
    for path in files:
        if path.is_relative_to(folders.data) or path.is_relative_to(folders.user / "staff"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert Path(folders.data / "profiles" / "shop" / "audit.jsonl").read_text().count(
        "\n") >= 9


def test_a_new_pin_lifts_this_registers_lockout(shop: str, pos_cli: Runner,
                                                clock: Clock) -> None:
    add(pos_cli, "Ana", "clerk")
    desk = StaffDesk(load_roster("shop"), clock=clock)
    for _ in range(3):
        with pytest.raises(Exception, match="wrong name or PIN"):
            desk.sign_in("Ana", "1111")
    assert desk.lock_state("Ana").is_locked(clock.now)
    assert pos_cli("staff", "set-pin", "Ana", "--profile", "shop", stdin=PINS["Sam"]).code == 0
    desk = StaffDesk(load_roster("shop"), clock=clock)
    assert desk.sign_in("Ana", PINS["Sam"]).name == "Ana"

"""The profile's hardware fields: printer URI, drawer pin, paper width, displays."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pos.hardware.settings import HardwareSettings
from pos.hardware.uri import PrinterUri
from pos.stores.profiles import profile_from_data


def _data(**fields: object) -> dict[str, object]:
    return {"name": "shop", "store_hash": "abc123", **fields}


def test_hardware_fields_round_trip_and_reach_the_settings() -> None:
    profile, problems = profile_from_data(_data(
        printer="tcp://192.168.1.50:9100", drawer_pin=5, paper_width=58,
        customer_display=True, pole_display=True, locale="es_ES", currency="EUR"))
    assert profile is not None and problems == []
    again, _ = profile_from_data(profile.to_data())
    assert again == profile
    settings = HardwareSettings.from_profile(profile)
    assert settings.printer == PrinterUri("tcp", host="192.168.1.50", port=9100)
    assert (settings.drawer_pin, settings.paper_width) == (5, 58)
    assert settings.customer_display and settings.pole_display
    assert settings.receipt.locale == "es_ES"


def test_defaults_are_not_written() -> None:
    profile, _ = profile_from_data(_data())
    assert profile is not None
    data = profile.to_data()
    assert not {"drawer_pin", "paper_width", "customer_display", "pole_display"} & set(data)


def test_a_bare_printer_name_is_the_system_printer() -> None:
    profile, problems = profile_from_data(_data(printer="EPSON_TM_T20"))
    assert profile is not None and problems == []
    assert HardwareSettings.from_profile(profile).printer == PrinterUri("qt", name="EPSON_TM_T20")


@pytest.mark.parametrize(
    ("fields", "key", "words"),
    [
        ({"printer": "lpt://1"}, "printer", "unknown printer scheme"),
        ({"printer": "tcp://host:70000"}, "printer", "port"),
        ({"printer": "usb://epson"}, "printer", "hexadecimal"),
        ({"drawer_pin": 3}, "drawer_pin", "2 or 5"),
        ({"paper_width": 110}, "paper_width", "80 or 58"),
        ({"customer_display": "yes"}, "customer_display", "true or false"),
    ],
)
def test_bad_hardware_fields_are_refused(fields: dict[str, object], key: str, words: str) -> None:
    profile, problems = profile_from_data(_data(**fields))
    assert profile is None
    assert [p.field for p in problems] == [key]
    assert words in problems[0].message


def test_profile_add_checks_the_printer_uri(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "POS_PROFILES_DIR": str(tmp_path / "profiles"),
           "POS_DATA_DIR": str(tmp_path / "data")}

    def pos(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pos", "profile", *args],
                              capture_output=True, text=True, env=env, timeout=60, check=False)

    bad = pos("add", "shop", "--store-hash", "abc123", "--printer", "tcp://printer:99999")
    assert bad.returncode == 1
    assert "printer" in bad.stderr and "port" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "profiles" / "shop.toml").exists()
    good = pos("add", "shop", "--store-hash", "abc123", "--printer", "usb://04b8:0202",
               "--drawer-pin", "5", "--paper-width", "58")
    assert good.returncode == 0, good.stderr
    text = (tmp_path / "profiles" / "shop.toml").read_text()
    assert 'printer = "usb://04b8:0202"' in text and "drawer_pin = 5" in text
    edit = pos("edit", "shop", "--set", "printer=serial:///dev/ttyUSB0?baud=7")
    assert edit.returncode == 1 and "baud" in edit.stderr and "Traceback" not in edit.stderr
    edit = pos("edit", "shop", "--printer", "cups://")
    assert edit.returncode == 1 and "queue" in edit.stderr and "Traceback" not in edit.stderr
    edit = pos("edit", "shop", "--printer", "tcp://10.0.0.9")
    assert edit.returncode == 0, edit.stderr
    assert 'printer = "tcp://10.0.0.9"' in (tmp_path / "profiles" / "shop.toml").read_text()

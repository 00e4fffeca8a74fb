"""``pos --self-test`` from the source tree: one line per check, honest exit code.

These run the self-test in a child process (as a clerk or CI would), offscreen, against
the in-process sandbox store it starts itself.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKS = (
    "bundle", "qt", "icons", "translations", "demo data", "locale data", "keyring", "sandbox",
    "wizard", "sale",
)
LINE = re.compile(r"^(PASS|WARN|FAIL)  (\S+(?: data)?)\s+(.*)$")


def _env(**overrides: str | None) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_API="pyside6")
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
        timeout=120,
    )


def _report(stdout: str) -> dict[str, tuple[str, str]]:
    found = {}
    for line in stdout.splitlines():
        match = LINE.match(line)
        if match:
            found[match.group(2)] = (match.group(1), match.group(3))
    return found


@pytest.fixture(scope="module")
def full_run() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos", "--self-test"], capture_output=True, text=True,
        env=_env(), cwd=ROOT, timeout=180,
    )


def test_every_check_reports_one_line(full_run: subprocess.CompletedProcess[str]) -> None:
    report = _report(full_run.stdout)
    assert list(report) == list(CHECKS), full_run.stdout + full_run.stderr
    assert full_run.stdout.splitlines()[-1].startswith("self-test ")


def test_exit_code_follows_the_report(full_run: subprocess.CompletedProcess[str]) -> None:
    failed = [name for name, (status, _) in _report(full_run.stdout).items() if status == "FAIL"]
    assert full_run.returncode == (1 if failed else 0), full_run.stdout


def test_the_self_test_passes_from_source(full_run: subprocess.CompletedProcess[str]) -> None:
    """Every check passes (a WARN is allowed only for a headless keyring)."""
    report = _report(full_run.stdout)
    problems = {
        name: detail
        for name, (status, detail) in report.items()
        if status == "FAIL" or (status == "WARN" and name != "keyring")
    }
    assert problems == {}, full_run.stdout + full_run.stderr
    assert full_run.returncode == 0


def test_no_card_number_in_the_report(full_run: subprocess.CompletedProcess[str]) -> None:
    from pos.sandbox.payments import APPROVED

    for number in APPROVED:
        assert number not in full_run.stdout
        assert number not in full_run.stderr


def test_the_demo_sale_pays_an_order_on_the_sandbox() -> None:
    """The sale check alone, with the sandbox it needs: status 11 after a card payment."""
    code = (
        "import sys; from pos.self_test import run; "
        "r = run(only={'sandbox', 'sale'}); "
        "sys.exit(0 if all(x.status == 'PASS' for x in r) else 1)"
    )
    result = _run(code, _env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"PASS  sale\s+order \d+ paid .* status 11", result.stdout), result.stdout


def test_headless_keyring_is_a_warning_with_the_reason() -> None:
    """No D-Bus session: keyring falls back to its 'fail' backend; say so, do not fail."""
    code = (
        "import sys; from pos.self_test import run; "
        "r = run(only={'keyring'}); sys.exit(0 if r[0].status == 'WARN' else 1)"
    )
    env = _env(
        DBUS_SESSION_BUS_ADDRESS=None,
        XDG_RUNTIME_DIR=None,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    result = _run(code, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no D-Bus session" in result.stdout


def test_a_disabled_keyring_fails_with_the_fix() -> None:
    """The 'null' backend (keyring switched off) is a configuration error: FAIL, say why."""
    code = (
        "import sys; from pos.self_test import run; "
        "r = run(only={'keyring'}); sys.exit(0 if r[0].status == 'FAIL' else 1)"
    )
    env = _env(PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    result = _run(code, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL  keyring" in result.stdout
    assert "disabled" in result.stdout


def test_a_missing_ui_is_a_clear_failure_not_a_pass() -> None:
    """If the wizard cannot be imported, the line says so and the exit code is 1."""
    code = (
        "import sys; sys.modules['pos.ui.wizard'] = None; "
        "from pos.self_test import main; sys.exit(main())"
    )
    result = _run(code, _env())
    assert result.returncode == 1
    assert re.search(r"FAIL  wizard\s+the clerk's wizard \(pos.ui.wizard\) cannot be imported",
                     result.stdout), result.stdout


def test_a_missing_sale_engine_is_a_clear_failure() -> None:
    code = (
        "import sys; sys.modules['pos.sale.sale'] = None; "
        "from pos.self_test import run; "
        "r = run(only={'sandbox', 'sale'}); sys.exit(0 if r[-1].status == 'FAIL' else 1)"
    )
    result = _run(code, _env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL  sale          the sale engine (pos.sale.sale) cannot be imported" in result.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Secret Service is Linux's")
def test_missing_secret_service_libraries_fail_even_headless() -> None:
    """Without secretstorage the bundle could never save a token: FAIL, even where no
    D-Bus session would otherwise make the keyring line a warning."""
    code = (
        "import sys; sys.modules['secretstorage'] = None; from pos.self_test import run; "
        "r = run(only={'keyring'}); sys.exit(0 if r[0].status == 'FAIL' else 1)"
    )
    env = _env(
        DBUS_SESSION_BUS_ADDRESS=None,
        XDG_RUNTIME_DIR=None,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    result = _run(code, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"FAIL  keyring\s+.*not installed: secretstorage", result.stdout), (
        result.stdout
    )


def test_a_page_that_cannot_initialise_fails_the_wizard_check() -> None:
    """Each page is initialised as when the clerk reaches it; an exception there is a FAIL."""
    code = (
        "import sys; import pos.ui.pages.customer as c\n"
        "def broken(self): raise RuntimeError('no customer form')\n"
        "c.CustomerPage.initializePage = broken\n"
        "from pos.self_test import run\n"
        "r = run(only={'qt', 'sandbox', 'wizard'})\n"
        "sys.exit(0 if r[-1].status == 'FAIL' else 1)"
    )
    result = _run(code, _env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(
        r"FAIL  wizard\s+wizard pages fail to initialise: Customer \(RuntimeError: no customer",
        result.stdout,
    ), result.stdout

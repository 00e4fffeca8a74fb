"""Random JSON, random bytes and random TOML thrown at ``pos sale``'s spec and card readers
and at the profile it loads: one JSON object with a clear message, a non-zero exit, and
nothing sent to the store (the command stops before any store is reached)."""

from __future__ import annotations

import io
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos.cli import main

_counter = itertools.count()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
spec_like = st.fixed_dictionaries(
    {},
    optional={
        "items": json_values | st.lists(st.dictionaries(
            st.sampled_from(["sku", "upc", "quantity"]), json_values, max_size=3), max_size=3),
        "billing_address": json_values | st.dictionaries(
            st.sampled_from(["first_name", "city", "email", "country_code"]), json_values),
        "consignments": json_values,
        "payment": json_values | st.just({"card": "stdin"}),
        "customer": json_values,
        "coupon": json_values,
    },
)
hostile_bytes = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    json_values.map(lambda v: json.dumps(v).encode()),
    spec_like.map(lambda v: json.dumps(v).encode()),
    st.integers(1, 5000).map(lambda n: ("[" * n + "]" * n).encode()),
    st.integers(20, 6000).map(lambda n: ('{"expiry_month": ' + "9" * n + "}").encode()),
    st.just(b'{"expiry_month": 1e999}'),
    st.just(b'{"number": "\\ud800"}'),
)


def run_sale(argv: list[str], stdin: bytes, capsys: pytest.CaptureFixture[str]) -> tuple[
        int, list[dict[str, Any]]]:
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        code = main(["sale", *argv])
    finally:
        sys.stdin = old
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines() if line.strip()]


def assert_refused(code: int, out: list[dict[str, Any]]) -> None:
    assert code != 0
    assert len(out) == 1, out
    assert out[0]["outcome"] == "error" and out[0]["message"].strip()
    assert out[0]["order_id"] is None and out[0]["transaction_id"] is None


GOOD_SPEC = {
    "items": [{"sku": "X-1", "quantity": 1}],
    "billing_address": {"first_name": "Ana", "last_name": "Diaz", "email": "a@example.com",
                        "address1": "1 Main St", "city": "Austin", "country_code": "US",
                        "state_or_province": "TX", "postal_code": "78701"},
    "payment": {"card": "stdin"},
}
NO_PROFILE = "hypothesis-no-such-profile"


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=hostile_bytes)
def test_any_spec_is_refused_before_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    spec = tmp_path / f"spec{next(_counter)}.json"
    spec.write_bytes(data)
    code, out = run_sale(["--profile", NO_PROFILE, "--spec", str(spec)], b"", capsys)
    assert_refused(code, out)
    # Refused for what it is, before any profile (and so any store) is looked at.
    assert NO_PROFILE not in out[0]["message"]


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=hostile_bytes)
def test_any_card_on_stdin_is_refused_before_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(GOOD_SPEC))
    code, out = run_sale(["--profile", NO_PROFILE, "--spec", str(spec)], data, capsys)
    assert_refused(code, out)
    assert NO_PROFILE not in out[0]["message"]


toml_values = st.recursive(
    st.booleans() | st.integers() | st.text(max_size=20) | st.floats(allow_nan=False),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4),
    max_leaves=20,
)
toml_documents = st.dictionaries(
    st.sampled_from(["name", "store_hash", "api_base_url", "payments_base_url", "channel_id",
                     "currency", "locale", "sandbox", "token"]),
    toml_values, max_size=8,
).map(tomli_w.dumps).map(str.encode)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), toml_documents,
                      st.integers(1, 3000).map(lambda n: ("x = " + "[" * n + "]" * n).encode())))
def test_any_profile_file_is_refused_before_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    folder = tmp_path / f"profiles{next(_counter)}"
    folder.mkdir()
    (folder / "fuzz.toml").write_bytes(data)
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(GOOD_SPEC))
    card = (b'{"number": "4242424242424242", "cvv": "123", "expiry_month": 12, '
            b'"expiry_year": 2031, "cardholder_name": "Ana Diaz"}')
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POS_PROFILES_DIR", str(folder))
        mp.setenv("POS_DATA_DIR", str(tmp_path / "data"))
        mp.setenv("POS_TOKEN", "")
        mp.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
        code, out = run_sale(["--profile", "fuzz", "--spec", str(spec)], card, capsys)
    assert_refused(code, out)


def spec_with(**changes: Any) -> dict[str, Any]:
    spec = json.loads(json.dumps(GOOD_SPEC))
    for key, value in changes.items():
        spec["billing_address"][key] = value
    return spec


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\xff\xfe{\"items\": []}", "UTF-8"),
        (b'{"items": [{"sku": "X", "quantity": ' + b"9" * 5000 + b"}]}", "too large"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (json.dumps(spec_with(first_name=123)).encode(), "first_name must be text"),
        (json.dumps(spec_with(city=["x"])).encode(), "city must be text"),
    ],
    ids=["not-utf8", "5000-digits", "deep", "first-name-int", "city-list"],
)
def test_bad_specs_are_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, words: str
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_bytes(content)
    code, out = run_sale(["--profile", NO_PROFILE, "--spec", str(spec)], b"", capsys)
    assert_refused(code, out)
    assert words in out[0]["message"]


def test_dev_zero_as_the_spec_is_refused_after_a_bounded_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = run_sale(["--profile", NO_PROFILE, "--spec", "/dev/zero"], b"", capsys)
    assert_refused(code, out)
    assert "too large" in out[0]["message"]


@pytest.mark.parametrize(
    ("card", "words"),
    [
        (b'{"number": "4242424242424242", "cvv": "123", "expiry_month": 1e999, '
         b'"expiry_year": 2031, "cardholder_name": "A"}', "too large"),
        (b'{"number": "4242424242424242", "expiry_month": ' + b"1" * 5000 + b"}", "too large"),
        (b"[" * 2000, "nested too deeply"),
        (b'{"number": 4242424242424242, "cvv": "123", "expiry_month": 12, '
         b'"expiry_year": 2031, "cardholder_name": "A"}', "number must be text"),
    ],
    ids=["1e999", "5000-digits", "deep", "number-int"],
)
def test_bad_cards_are_one_clear_message_never_echoed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], card: bytes, words: str
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(GOOD_SPEC))
    code, out = run_sale(["--profile", NO_PROFILE, "--spec", str(spec)], card, capsys)
    assert_refused(code, out)
    assert words in out[0]["message"] and "4242" not in out[0]["message"]


@pytest.mark.parametrize("flag", ["--timeout", "--unpaid-confirm"])
@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_timeouts_must_be_finite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str
) -> None:
    code, out = run_sale(["--profile", NO_PROFILE, "--resume", f"{flag}={value}"], b"", capsys)
    assert_refused(code, out)
    assert flag in out[0]["message"]


def test_a_demo_db_that_is_not_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "not-a-db.sqlite3"
    db.write_bytes(b"this is not SQLite" * 100)
    code, out = run_sale(["--demo", "--demo-db", str(db), "--resume",
                          "--data-dir", str(tmp_path / "data")], b"", capsys)
    assert_refused(code, out)
    assert "not a demo store" in out[0]["message"]
    assert db.read_bytes() == b"this is not SQLite" * 100

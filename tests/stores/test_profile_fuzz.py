"""Random bytes and random TOML thrown at the profile loader: it never raises, a broken
file is reported and skipped, and the other profiles still load."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos.stores.profiles import load_profiles, parse_profile

from .conftest import Folders

GOOD = 'name = "shop"\nstore_hash = "abc123"\n'
_counter = itertools.count()

toml_values = st.recursive(
    st.none().map(lambda _: "") | st.booleans() | st.integers() | st.text(max_size=20)
    | st.floats(allow_nan=False),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4),
    max_leaves=20,
)
toml_documents = st.dictionaries(
    st.sampled_from(["name", "store_hash", "api_base_url", "payments_base_url", "channel_id",
                     "currency", "locale", "pickup_location", "receipt_header", "sandbox",
                     "token", "x"]) | st.text(min_size=1, max_size=12),
    toml_values,
    max_size=8,
).map(tomli_w.dumps)
hostile = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    toml_documents.map(str.encode),
    st.integers(1, 3000).map(lambda n: ("x = " + "[" * n + "]" * n).encode()),
    st.integers(1, 3000).map(lambda n: ("x = " + "{a=" * n + "1" + "}" * n).encode()),
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=hostile)
def test_any_file_is_loaded_or_reported(folders: Folders, data: bytes) -> None:
    folder = folders.root / f"run{next(_counter)}"
    folder.mkdir(parents=True)
    (folder / "good.toml").write_text(GOOD)
    (folder / "x.toml").write_bytes(data)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POS_PROFILES_DIR", str(folder))
        loaded = load_profiles()
    assert "shop" in loaded.names()
    broken = folder / "x.toml"
    loaded_from_x = [p for p in loaded.profiles if p.path == broken]
    errors = [p for p in loaded.problems if p.path == broken and p.severity == "error"]
    assert bool(loaded_from_x) != bool(errors)


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300))
def test_parse_profile_never_raises(text: str) -> None:
    profile, problems = parse_profile(text, path=Path("x.toml"))
    assert profile is not None or any(p.severity == "error" for p in problems)

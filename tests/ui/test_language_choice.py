"""The register speaks the store profile's language; without one, the system's (``LANG``).

Each case starts the register in a process of its own (the system's language is read once,
when Qt starts), on a sandbox store whose profile names the language, and prints the title
of the Items page once the window is usable.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CODE = (
    "import dataclasses, sys, tempfile\n"
    "from pathlib import Path\n"
    "from pos.composition import build_engine, demo_profile\n"
    "from pos.sandbox.server import SandboxServer\n"
    "from pos.ui.app import run_register_window\n"
    "from pos.ui.profile import screen_profile_for\n"
    "def started(window):\n"
    "    print('ITEMS-TITLE', window.wizard.items_page.title(), flush=True)\n"
    "with tempfile.TemporaryDirectory() as tmp, SandboxServer(seed=1, catalog_size=5) as store:\n"
    "    profile = dataclasses.replace(demo_profile(store), language=sys.argv[1])\n"
    "    engine = build_engine(profile, store.token, Path(tmp))\n"
    "    sys.exit(run_register_window(screen_profile_for(profile, demo=True), engine,\n"
    "                                 on_started=started, store_profile=profile,\n"
    "                                 data_dir=Path(tmp)))\n"
)


def _items_title(tmp_path, language: str, lang_env: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POS_STARTUP_PROBE": "1",
           "LANG": lang_env, "LC_ALL": lang_env, "LC_MESSAGES": lang_env, "LANGUAGE": "",
           "POS_PROFILES_DIR": str(tmp_path / "user"),
           "POS_SYSTEM_PROFILES_DIR": str(tmp_path / "system"),
           "POS_DATA_DIR": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-c", CODE, language], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    titles = [line.split(" ", 1)[1] for line in result.stdout.splitlines()
              if line.startswith("ITEMS-TITLE ")]
    assert len(titles) == 1, result.stdout
    return titles[0]


@pytest.mark.parametrize(("language", "lang_env", "title"), [
    ("es", "en_US.UTF-8", "Artículos"),  # the profile's language wins over LANG
    ("en", "es_ES.UTF-8", "Items"),
    ("", "es_ES.UTF-8", "Artículos"),  # no choice in the profile: the system's language
    ("", "en_US.UTF-8", "Items"),
])
def test_the_profile_language_is_used_in_preference_to_lang(tmp_path, language, lang_env,
                                                            title):
    assert _items_title(tmp_path, language, lang_env) == title

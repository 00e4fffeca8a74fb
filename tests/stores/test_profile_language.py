"""The profile's ``language``: the register's screens in the language the store chose,
checked against the translations the register ships, set with ``pos profile add|edit``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pos.locales import UnknownLanguage, check_interface_language, interface_languages
from pos.stores.profiles import parse_profile, profile_from_data

from .conftest import SHOP_ARGS, Folders, Result

Cli = Callable[..., Result]


def test_the_languages_are_english_and_those_translated():
    assert interface_languages() >= {"en", "es"}
    assert check_interface_language("es") == "es"
    assert check_interface_language("es-mx") == "es_MX"
    assert check_interface_language("EN") == "en"
    with pytest.raises(UnknownLanguage) as refused:
        check_interface_language("fr")
    assert "en, es" in str(refused.value)
    with pytest.raises(UnknownLanguage):
        check_interface_language("xx_YY")


def test_a_translation_folder_decides_what_is_shipped(tmp_path):
    (tmp_path / "pos_de.qm").write_bytes(b"")
    (tmp_path / "qtbase_fr.qm").write_bytes(b"")
    assert interface_languages(tmp_path) == {"en", "de"}


def test_the_profile_keeps_a_language_and_refuses_an_unshipped_one():
    profile, problems = profile_from_data({"name": "shop", "sandbox": True, "language": "es"})
    assert problems == [] and profile is not None
    assert profile.language == "es"
    assert 'language = "es"' in profile.to_toml()
    again, _ = parse_profile(profile.to_toml())
    assert again is not None and again.language == "es"
    plain, _ = profile_from_data({"name": "shop", "sandbox": True})
    assert plain is not None and plain.language == "" and "language" not in plain.to_data()
    bad, problems = profile_from_data({"name": "shop", "sandbox": True, "language": "fr"})
    assert bad is None
    assert [str(p.field) for p in problems] == ["language"]
    assert "choose one of en, es" in problems[0].message


def test_add_and_edit_set_the_language(pos_cli: Cli, folders: Folders) -> None:
    added = pos_cli("profile", "add", "shop", *SHOP_ARGS, "--language", "es")
    assert added.code == 0, added.err
    path = folders.user / "shop.toml"
    profile, _ = parse_profile(path.read_text())
    assert profile is not None and profile.language == "es"

    refused = pos_cli("profile", "edit", "shop", "--language", "klingon")
    assert refused.code == 1
    assert "language: is not a language the register speaks" in refused.err
    assert "Traceback" not in refused.err
    assert parse_profile(path.read_text())[0].language == "es"

    edited = pos_cli("profile", "edit", "shop", "--language", "en")
    assert edited.code == 0, edited.err
    assert parse_profile(path.read_text())[0].language == "en"
    cleared = pos_cli("profile", "edit", "shop", "--language", "")
    assert cleared.code == 0, cleared.err
    assert parse_profile(path.read_text())[0].language == ""


def test_add_refuses_an_unshipped_language(pos_cli: Cli, folders: Folders) -> None:
    refused = pos_cli("profile", "add", "shop", *SHOP_ARGS, "--language", "fr")
    assert refused.code == 1
    assert "language: is not a language the register speaks; choose one of en, es" in refused.err
    assert not (folders.user / "shop.toml").exists()

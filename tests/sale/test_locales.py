"""Locale names: CLDR's list through Babel, with the nearest matches for unknown names."""

from __future__ import annotations

import pytest

from pos.locales import (
    UnknownLocale,
    babel_locale,
    check_locale,
    known_locales,
    language_of,
    locale_suggestions,
    normalise_locale,
    sort_key,
)


def test_normalise_locale() -> None:
    assert normalise_locale("en-us") == "en_US"
    assert normalise_locale("fr_CA.UTF-8") == "fr_CA"
    assert normalise_locale("de_DE@euro") == "de_DE"
    assert normalise_locale("FR") == "fr"
    assert normalise_locale("sr-latn-rs") == "sr_Latn_RS"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("en_US", "en_US"), ("es-es", "es_ES"), ("de_CH", "de_CH"), ("fr_CA.UTF-8", "fr_CA"),
     ("ja_JP", "ja_JP"), ("ar_EG", "ar_EG"), ("hi_IN", "hi_IN"), ("fr", "fr"),
     ("zh_Hant_TW", "zh_Hant_TW")],
)  # fmt: skip
def test_known_locales_are_accepted_in_cldrs_spelling(given: str, expected: str) -> None:
    assert check_locale(given) == expected


@pytest.mark.parametrize(
    ("given", "first"),
    [("es_XX", "es_ES"), ("en_XX", "en_US"), ("de_XX", "de_DE"), ("sp_ES", "es_ES")],
)
def test_unknown_locales_are_refused_with_the_nearest_matches(given: str, first: str) -> None:
    with pytest.raises(UnknownLocale) as caught:
        check_locale(given)
    assert caught.value.suggestions[0] == first
    assert len(caught.value.suggestions) <= 5
    assert all(s in known_locales() for s in caught.value.suggestions)
    assert f"did you mean {first}" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_nothing_near_means_no_suggestions() -> None:
    with pytest.raises(UnknownLocale) as caught:
        check_locale("xx_YY")
    assert caught.value.suggestions == ()
    assert str(caught.value) == "unknown locale 'xx_YY'"
    for bad in ("", "   ", "_"):
        with pytest.raises(UnknownLocale):
            check_locale(bad)


def test_suggestions_for_a_language_stay_in_the_language() -> None:
    assert all(s.startswith("fr_") for s in locale_suggestions("fr_XX"))


def test_the_list_is_cldrs() -> None:
    assert len(known_locales()) > 500
    assert {"en_US", "de_CH", "ar_EG", "hi_IN", "ja_JP"} <= known_locales()
    assert "root" not in known_locales()


def test_babel_locale_falls_back_to_the_language_then_english() -> None:
    assert str(babel_locale("fr_CA")) == "fr_CA"
    assert str(babel_locale("fr_XX")) == "fr"
    assert str(babel_locale("xx_YY")) == "en"
    assert language_of("es-MX") == "es"


def test_sort_key_puts_accented_names_among_their_letters() -> None:
    names = ["Zambia", "Égypte", "Estonie", "Eswatini", "Éire", "autriche"]
    assert sorted(names, key=sort_key) == [
        "autriche",
        "Égypte",
        "Éire",
        "Estonie",
        "Eswatini",
        "Zambia",
    ]

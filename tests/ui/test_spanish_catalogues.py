"""Every message catalogue in Spanish, with no English left: the Qt strings of
``pos_es.ts``, the engine's clerk messages (``SaleMessages``) and phrases (``SaleWords``),
and the validation messages the engine and the profiles build, said as the clerk sees them.

A Spanish text may equal its English source only when the words are the same in both
languages (:data:`SAME_IN_BOTH`: brand names, "OK", codes, numbers).
"""

from __future__ import annotations

import datetime as dt
import re
import string
import xml.etree.ElementTree as ET

import pytest
from support.english import english_words

import pos.sale.journal_recovery
import pos.sale.sale
import pos.sale.scans
import pos.sale.script
import pos.stores.doctor  # noqa: F401 (and the profiles and their doctor theirs)
from pos.sale import addresses, cards
from pos.ui import translations
from pos.ui.wording import say
from pos.wording import Words, phrasebooks

#: Words that are the same in Spanish and English: a text made only of these (and of
#: parameters, numbers and signs) may read the same in both.
SAME_IN_BOTH = frozenset({
    "OK", "Total", "Subtotal", "SKU", "CVV", "PIN", "PDF", "pdf", "Visa", "Mastercard",
    "American", "Express", "Discover", "JCB", "Diners", "Club", "UnionPay", "Maestro", "ID",
    "URL", "Token", "Terminal", "Error", "Local", "Eircode",
})
#: English that is quoted on purpose: the names of BigCommerce's control panel, which is
#: in English, and the fields of a sale script's payment, written as typed.
QUOTED = ("Settings > API accounts", "Settings > Shipping", "Settings > Payments",
          "Pickup in store", "'read-only'", "'modify'", '"name"')


def _same_in_both(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", re.sub(r"\{\w+\}|%\d|&", "", text))
    return all(w in SAME_IN_BOTH for w in words)


def _messages() -> list[tuple[str, str, str, str]]:
    """``(context, source, English, Spanish)`` of every finished message of pos_es.ts."""
    tree = ET.parse(translations.TRANSLATIONS_DIR / "pos_es.ts")  # noqa: S314 (our own file)
    out = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            english = message.findtext("extracomment") or source
            translation = message.find("translation")
            forms = [] if translation is None else [f.text or "" for f in translation.iter(
                "numerusform")]
            texts = forms or [message.findtext("translation") or ""]
            out += [(name, source, english, text) for text in texts]
    return out


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_qt_string_and_engine_message_reads_in_spanish():
    english_left = []
    same = []
    for context, source, english, spanish in _messages():
        if context == "AddressForm" and source == "en":
            continue  # the language code itself ("es")
        words = english_words(re.sub(r"\{\w+\}|%\d", " ", spanish), ignore=QUOTED)
        if words:
            english_left.append(f"{context}: {spanish!r} {words}")
        if spanish == english and not _same_in_both(english):
            same.append(f"{context}: {english!r}")
    assert english_left == []
    assert same == []


def test_every_phrase_of_the_engine_and_the_profiles_has_its_spanish_entry():
    entries = {(c, s): (e, t) for c, s, e, t in _messages()}
    books = phrasebooks()
    assert {"SaleWords", "StoreWords"} <= set(books)
    missing, stale, broken = [], [], []
    for context, book in books.items():
        for key, phrase in book.phrases().items():
            found = entries.get((context, key))
            if found is None:
                missing.append(f"{context} {key}: {phrase.template!r}")
                continue
            english, spanish = found
            if english != phrase.template:  # reworded in the code: translate it again
                stale.append(f"{context} {key}: {english!r} is now {phrase.template!r}")
            if _fields(spanish) != phrase.fields:
                broken.append(f"{context} {key}: {spanish!r}")
    assert missing == []
    assert stale == []
    assert broken == []


def _sample(value_name: str) -> str:
    return {"code": "X-42", "count": "3", "limit": "50", "item": "«Producto»"}.get(
        value_name, "7")


def test_every_phrase_is_said_in_spanish(spanish):
    english_left = []
    for book in phrasebooks().values():
        for key, phrase in book.phrases().items():
            words = phrase(**{name: _sample(name) for name in phrase.fields})
            said = say(words)
            found = english_words(said, ignore=QUOTED)
            if found or (said == str(words) and not _same_in_both(phrase.template)):
                english_left.append(f"{key}: {said!r} {found}")
    assert english_left == []


def _validation_errors() -> list:
    """Every kind of field error the engine's checks give, on bad input."""
    errors = []
    errors += addresses.validate_address({}).errors
    errors += addresses.validate_address({"country_code": "ZZZ"}).errors
    errors += addresses.validate_address({
        "country_code": "US", "email": "nope", "postal_code": "1",
        "state_or_province": "Atlantis", "phone": "012", "first_name": "x" * 300,
    }).errors
    errors += addresses.validate_address({"country_code": "US", "postal_code": "10001",
                                          "state_or_province_code": "TX"}).errors
    errors += addresses.validate_address({"country_code": "IE", "postal_code": "?"}).errors
    errors += addresses.validate_address({"country_code": "US", "phone": "1"}).errors
    today = dt.date(2026, 6, 1)
    for number in ("", "42x", "1234567890123", "4242424242424241", "378282246310005",
                   "42424242424242"):
        errors += cards.validate_number(number)
    for cvv, brand in (("", None), ("1a", None), ("12", cards.CardBrand.AMEX),
                       ("12", None)):
        errors += cards.validate_cvv(cvv, brand)
    for month, year in (("13", "2030"), ("1", "30"), ("1", "2020"), ("1", "2099")):
        errors += cards.validate_expiry(month, year, today=today)
    for name in ("", "x" * 300, "Ana 2"):
        errors += cards.validate_cardholder_name(name)
    return errors


def test_every_validation_message_is_said_in_spanish(spanish):
    errors = _validation_errors()
    assert len(errors) > 30
    assert all(isinstance(e.message, Words) for e in errors), [
        e.message for e in errors if not isinstance(e.message, Words)]
    said = {e.message: say(e.message) for e in errors}
    english_left = {e: (s, english_words(s)) for e, s in said.items() if english_words(s)}
    assert english_left == {}
    assert all(s != e for e, s in said.items())
    # The examples of the report, and a country named in the clerk's language (CLDR).
    assert said["Enter the first name."] == "Introduzca el nombre."
    assert said["The card has expired."] == "La tarjeta ha caducado."
    postal = next(s for e, s in said.items() if e.key == "address.postal_invalid"
                  and "United States" in e)
    assert "Estados Unidos" in postal


def test_a_locked_keyring_is_explained_in_spanish(spanish, use_keyring):
    from support.keyrings import LockedKeyring

    from pos.stores.secrets import KeyringUnavailable, TokenStore
    from pos.ui.wording import problem_and_fix

    use_keyring(LockedKeyring())
    with pytest.raises(KeyringUnavailable) as locked:
        TokenStore("abc123", environ={}).get_sync()
    said = problem_and_fix(locked.value)
    assert said.startswith("El llavero está bloqueado")
    assert english_words(said) == []
    assert str(locked.value).startswith("The keyring is locked")  # the command line's words


def test_an_address_names_its_country_in_the_clerks_language(spanish):
    from pos.ui.pages.customer import address_summary

    line = address_summary({"first_name": "Ana", "address1": "1 Main St", "city": "Austin",
                            "postal_code": "78701", "country_code": "US"})
    assert line == "Ana, 1 Main St, Austin, 78701, Estados Unidos"
    assert addresses.countries("es")[0][1] == "Afganistán"  # the country list of the form


def test_the_doctors_findings_show_in_spanish_in_the_store_set_up(qtbot, spanish, tmp_path):
    """A check of the store set-up that failed, as the dialog lists it: the doctor's own
    words (its detail and its fix) in Spanish."""
    from pos.stores.doctor import Doctor
    from pos.stores.profiles import PICKUP_FIELDS, profile_from_data
    from pos.ui.store_setup import CheckList

    profile, _ = profile_from_data({"name": "shop", "store_hash": "abc123"})
    assert profile is not None
    doctor = Doctor(profile, environ={})
    assert not doctor.check_pickup_location(profile)  # no pickup address in the profile
    found = doctor.report.results[-1]
    assert found.detail.startswith("missing ")
    checks = CheckList()
    qtbot.addWidget(checks)
    checks.result(found)
    text = checks.rows[found.key].text(2)
    assert text.startswith("faltan ")
    # The profile's field names (first_name, city...) are written as in the file.
    assert english_words(text, ignore=PICKUP_FIELDS) == []

"""The address form: the country's format, and names in the register's language (offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCollator, QLocale

from pos.ui.widgets.address_form import AddressForm, register_language


def _items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def _label(form: AddressForm, name: str) -> str:
    return form._rows[name].text().replace("&", "")


def test_the_spanish_wizard_names_countries_and_states_in_spanish(register, spanish):
    assert register_language() == "es"
    win = register(catalog=False)
    form = win.wizard.customer_page.form
    assert form.country.currentText() == "Estados Unidos"
    names = _items(form.country)
    assert "United States" not in names and "Alemania" in names and "Reino Unido" in names
    # Sorted the Spanish way: accents among their letter, Ñ after N.
    collator = QCollator(QLocale("es"))
    assert names == sorted(names, key=collator.sortKey)
    assert names.index("Egipto") < names.index("España") < names.index("Estados Unidos")
    states = _items(form.state_combo)
    assert {"Texas", "Nueva York", "Carolina del Norte"} <= set(states)
    assert _label(form, "postal_code") == "Código postal"
    assert _label(form, "state_or_province") == "Estado"
    # The store still gets the state's own name and code.
    form.state_combo.setCurrentIndex(form.state_combo.findText("Nueva York"))
    address = form.address()
    assert (address["state_or_province_code"], address["state_or_province"]) == (
        "NY", "New York"
    )
    # Errors in Spanish, under the field.
    form.set_address({"first_name": "Ana", "last_name": "Díaz", "email": "ana@example.com",
                      "address1": "1 Main St", "city": "Austin", "country_code": "US",
                      "state_or_province_code": "TX", "postal_code": "7870"})  # fmt: skip
    check = form.validate()
    assert [e.field for e in check.errors] == ["postal_code"]
    assert form.errors["postal_code"].text() == (
        "No es válido en Estados Unidos (por ejemplo, 95014)."
    )


def test_canadas_provinces_in_french(qtbot):
    form = AddressForm(default_country="CA", language="fr")
    qtbot.addWidget(form)
    assert form.country.currentText() == "Canada"
    assert "Québec" in _items(form.state_combo)
    assert "États-Unis" in _items(form.country)
    form.state_combo.setCurrentIndex(form.state_combo.findText("Québec"))
    assert form.address()["state_or_province_code"] == "QC"


@pytest.mark.parametrize(
    ("country", "order", "postal", "state", "city"),
    [
        ("US", ["city", "country_code", "state_or_province", "postal_code"], "ZIP code",
         "State", "City"),
        ("GB", ["city", "country_code", "postal_code"], "Postal code", None, "Post town"),
        ("CA", ["city", "country_code", "state_or_province", "postal_code"], "Postal code",
         "Province", "City"),
        ("DE", ["address2", "country_code", "postal_code", "city"], "Postal code", None,
         "City"),
        ("JP", ["address2", "city", "country_code", "state_or_province", "postal_code"],
         "Postal code", "Prefecture", "City"),
        ("BR", ["city", "country_code", "state_or_province", "postal_code"], "Postal code",
         "State", "City"),
    ],
)  # fmt: skip
def test_the_form_follows_the_countrys_format(
    qtbot, country: str, order: list[str], postal: str, state: str | None, city: str
) -> None:
    form = AddressForm(default_country="US", language="en")
    qtbot.addWidget(form)
    form.set_country(country)
    shown = form.shown_fields()
    assert shown[: 4] == ["first_name", "last_name", "email", "phone"]
    assert shown[-len(order):] == order
    assert _label(form, "postal_code") == postal
    assert _label(form, "city") == city
    if state is None:
        assert "state_or_province" not in shown
        assert form._rows["state_or_province"].isHidden()
    else:
        assert _label(form, "state_or_province") == state
        assert form.state.currentWidget() is form.state_combo
        assert form.state_combo.count() > 1
    # Required fields come from the country's format: an empty form says so under each.
    check = form.validate()
    missing = {e.field for e in check.errors}
    assert {"address1", "city", "postal_code", "email"} <= missing
    assert ("state_or_province" in missing) is (state is not None)


def test_hidden_fields_are_not_sent(qtbot):
    form = AddressForm(default_country="US", language="en")
    qtbot.addWidget(form)
    form.state_combo.setCurrentIndex(form.state_combo.findData("TX"))
    assert form.address()["state_or_province_code"] == "TX"
    form.set_country("GB")
    assert "state_or_province" not in form.address()
    assert "state_or_province_code" not in form.address()


def test_e_mail_shown_but_optional(qtbot):
    form = AddressForm(default_country="US", language="en", email_required=False)
    qtbot.addWidget(form)
    assert "email" in form.shown_fields()
    assert "email" not in {e.field for e in form.validate().errors}
    without = AddressForm(default_country="US", language="en", with_email=False)
    qtbot.addWidget(without)
    assert "email" not in without.shown_fields()
    assert "email" not in {e.field for e in without.validate().errors}

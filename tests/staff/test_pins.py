from __future__ import annotations

import pytest

from pos.staff.pins import (
    DEFAULT_PARAMS,
    PinError,
    ScryptParams,
    check_pin,
    hash_pin,
    needs_rehash,
    parse_hash,
    verify_pin,
)

from .conftest import FAST


def test_a_pin_is_stored_as_a_salted_scrypt_hash_with_its_parameters() -> None:
    stored = hash_pin("4815", FAST)
    assert stored.startswith("scrypt$n=1024,r=8,p=1$")
    assert "4815" not in stored.split("$", 2)[1]
    params, salt, key = parse_hash(stored)
    assert params == FAST and len(salt) == 16 and len(key) == 32
    assert hash_pin("4815", FAST) != stored  # a fresh salt each time


def test_the_default_cost_is_the_documented_one() -> None:
    assert ScryptParams(n=2**15, r=8, p=1) == DEFAULT_PARAMS
    assert DEFAULT_PARAMS.memory_bytes == 32 * 2**20
    stored = hash_pin("48151623")
    assert verify_pin("48151623", stored)
    assert not needs_rehash(stored)
    assert needs_rehash(hash_pin("48151623", FAST))


def test_the_right_pin_verifies_and_any_other_does_not() -> None:
    stored = hash_pin("90210377", FAST)
    assert verify_pin("90210377", stored)
    for wrong in ("90210378", "9021037", "902103770", "", "abcd", "90210377 ", "٩٠٢١"):
        assert not verify_pin(wrong, stored)


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", " 1234", "１２３４", "12.4"])
def test_a_pin_is_four_to_eight_ascii_digits_and_the_error_never_repeats_it(pin: str) -> None:
    with pytest.raises(PinError) as caught:
        check_pin(pin)
    assert str(caught.value) == "a PIN is 4 to 8 digits (0-9)"
    with pytest.raises(PinError):
        hash_pin(pin, FAST)


@pytest.mark.parametrize("stored", ["", "plain1234", "scrypt$n=3,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
                                    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"])
def test_an_unreadable_hash_is_an_error_not_a_match(stored: str) -> None:
    with pytest.raises(PinError):
        verify_pin("1234", stored)

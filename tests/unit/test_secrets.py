"""Salted scrypt hashes for PINs and code words."""

import pytest

from app.security.secrets import (
    DEFAULT_COST,
    DEMO_COST,
    InvalidSecretHash,
    ScryptCost,
    hash_pin,
    hash_secret,
    is_valid_pin,
    needs_rehash,
    normalise_secret,
    parse_encoding,
    verify_pin,
    verify_secret,
)


def test_encoding_is_self_describing() -> None:
    encoded = hash_secret("tigre", cost=DEMO_COST)
    scheme, n, r, p, salt, digest = encoded.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", DEMO_COST.n, DEMO_COST.r, DEMO_COST.p)
    assert parse_encoding(encoded)[0] == DEMO_COST
    assert "tigre" not in encoded


def test_same_secret_gets_a_fresh_salt_each_time() -> None:
    first = hash_secret("tigre", cost=DEMO_COST)
    second = hash_secret("tigre", cost=DEMO_COST)
    assert first != second
    assert verify_secret("tigre", first) and verify_secret("tigre", second)


def test_default_cost_round_trip() -> None:
    encoded = hash_pin("4821")
    assert parse_encoding(encoded)[0] == DEFAULT_COST
    assert verify_pin("4821", encoded)
    assert not verify_pin("4822", encoded)


@pytest.mark.parametrize(
    "spoken",
    ["tigre", "Tigre ", "  TIGRE", "ＴＩＧＲＥ", "tigre\t"],
)
def test_code_words_match_however_typed(spoken: str) -> None:
    assert verify_secret(spoken, hash_secret("Tigre", cost=DEMO_COST))


def test_inner_spaces_are_collapsed_but_words_still_matter() -> None:
    encoded = hash_secret("Tigre  Rouge", cost=DEMO_COST)
    assert verify_secret("tigre rouge", encoded)
    assert not verify_secret("tigrerouge", encoded)
    assert not verify_secret("tigre", encoded)


def test_case_folding_handles_more_than_ascii() -> None:
    assert normalise_secret("STRASSE") == normalise_secret("straße")
    assert verify_secret("Straße", hash_secret("STRASSE", cost=DEMO_COST))


def test_wrong_and_empty_secrets_never_match() -> None:
    encoded = hash_secret("tigre", cost=DEMO_COST)
    assert not verify_secret("lion", encoded)
    assert not verify_secret("", encoded)
    assert not verify_secret("   ", encoded)


def test_empty_secret_cannot_be_hashed() -> None:
    with pytest.raises(ValueError):
        hash_secret("  ", cost=DEMO_COST)


@pytest.mark.parametrize("pin", ["1234", "00000000", "１２３４"])
def test_valid_pins(pin: str) -> None:
    assert is_valid_pin(pin)


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", "12 34", "½234"])
def test_invalid_pins_are_refused_and_never_match(pin: str) -> None:
    assert not is_valid_pin(pin)
    with pytest.raises(ValueError):
        hash_pin(pin, cost=DEMO_COST)


def test_verify_pin_rejects_a_non_pin_even_if_it_normalises_to_the_secret() -> None:
    # A code word hash checked through verify_pin: letters are never a PIN.
    encoded = hash_secret("abcd", cost=DEMO_COST)
    assert verify_secret("abcd", encoded)
    assert not verify_pin("abcd", encoded)


def test_hashes_made_with_any_cost_verify() -> None:
    cheap = ScryptCost(n=2**4, r=1, p=1)
    assert verify_secret("tigre", hash_secret("tigre", cost=cheap))
    assert needs_rehash(hash_secret("tigre", cost=DEMO_COST))
    assert not needs_rehash(hash_secret("tigre", cost=DEMO_COST), DEMO_COST)


@pytest.mark.parametrize(
    "encoded",
    [
        "",
        "bcrypt$2$1$1$AAAA$AAAA",
        "scrypt$64$8$1$AAAA",
        "scrypt$abc$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 44,
        "scrypt$100$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 43 + "=",  # n not a power of 2
        "scrypt$2097152$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 43 + "=",  # n too large
        "scrypt$64$8$1$not base64!$" + "A" * 43 + "=",
        "scrypt$64$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",  # digest too short
    ],
)
def test_malformed_encodings_are_reported_not_treated_as_a_mismatch(encoded: str) -> None:
    with pytest.raises(InvalidSecretHash):
        verify_secret("tigre", encoded)


def test_tampered_digest_does_not_match() -> None:
    encoded = hash_secret("tigre", cost=DEMO_COST)
    head, digest = encoded.rsplit("$", 1)
    flipped = ("B" if digest[0] == "A" else "A") + digest[1:]
    assert not verify_secret("tigre", f"{head}${flipped}")

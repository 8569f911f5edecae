"""PIN verifiers (Argon2id) and code-word hashes (scrypt)."""

import pytest

from app.security.secrets import (
    DEFAULT_COST,
    DEMO_COST,
    DEMO_PIN_COST,
    PIN_COST,
    InvalidSecretHash,
    PinCost,
    ScryptCost,
    hash_demo_pin,
    hash_pin,
    hash_secret,
    is_valid_new_pin,
    is_valid_pin,
    needs_rehash,
    normalise_secret,
    parse_encoding,
    pin_needs_rehash,
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
    encoded = hash_secret("tigre")
    assert parse_encoding(encoded)[0] == DEFAULT_COST
    assert verify_secret("tigre", encoded)


def test_a_pin_verifier_is_argon2id_at_the_default_cost() -> None:
    encoded = hash_pin("482193")
    assert encoded.startswith("$argon2id$v=19$m=32768,t=3,p=1$")
    assert not pin_needs_rehash(encoded)
    assert verify_pin("482193", encoded)
    assert not verify_pin("482194", encoded)
    assert verify_pin("４８２１９３", encoded)  # full-width digits normalise


def test_a_new_pin_has_six_digits_at_least() -> None:
    assert not is_valid_new_pin("2468") and not is_valid_new_pin("24681")
    assert is_valid_new_pin("246813")
    with pytest.raises(ValueError):
        hash_pin("2468", cost=DEMO_PIN_COST)
    # Only the demo property keeps its published 4-digit PIN.
    assert verify_pin("2468", hash_demo_pin("2468", cost=DEMO_PIN_COST))


def test_pins_hashed_with_scrypt_before_still_verify() -> None:
    legacy = hash_secret("4821", cost=DEMO_COST)
    assert verify_pin("4821", legacy) and not verify_pin("4822", legacy)
    assert pin_needs_rehash(legacy)
    assert pin_needs_rehash(hash_demo_pin("4821", cost=DEMO_PIN_COST), PIN_COST)


@pytest.mark.parametrize(
    "encoded",
    [
        "$argon2id$v=19$m=32768,t=3,p=1$nosalt",
        "$argon2id$v=19$m=4194304,t=3,p=1$AAAAAAAAAAAAAAAAAAAAAA$" + "A" * 43,  # 4 GiB
        "$argon2id$v=19$m=256,t=99,p=1$AAAAAAAAAAAAAAAAAAAAAA$" + "A" * 43,
    ],
)
def test_a_malformed_or_too_costly_pin_verifier_is_reported(encoded: str) -> None:
    with pytest.raises(InvalidSecretHash):
        verify_pin("246813", encoded)


def test_a_cheaper_argon2_cost_still_verifies() -> None:
    cheap = PinCost(time_cost=1, memory_kib=64)
    assert verify_pin("246813", hash_pin("246813", cost=cheap))


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
        hash_demo_pin(pin, cost=DEMO_PIN_COST)


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

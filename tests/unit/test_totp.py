"""TOTP second factor: RFC 4226 / RFC 6238 test vectors, drift window, replay refusal."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from app.security.totp import (
    DEFAULT_PARAMS,
    Algorithm,
    InMemoryStepLedger,
    InvalidTotpSecret,
    TotpParams,
    TotpVerifier,
    decode_secret,
    generate_secret,
    hotp,
    matching_step,
    provisioning_uri,
    time_step,
    totp,
)

# RFC 6238 appendix B: the seed per algorithm and the 8-digit codes.
SEEDS = {
    Algorithm.SHA1: b"12345678901234567890",
    Algorithm.SHA256: b"12345678901234567890123456789012",
    Algorithm.SHA512: b"1234567890123456789012345678901234567890123456789012345678901234",
}
RFC6238 = [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]
RFC4226 = ["755224", "287082", "359152", "969429", "338314"]
RFC4226 += ["254676", "287922", "162583", "399871", "520489"]

T = datetime(2026, 11, 27, 4, 0, 0, tzinfo=UTC)  # on a step boundary (divisible by 30)
KEY = SEEDS[Algorithm.SHA1]
SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of KEY


def at(unix: int) -> datetime:
    return datetime.fromtimestamp(unix, UTC)


@pytest.mark.parametrize(("unix", "sha1", "sha256", "sha512"), RFC6238)
def test_rfc6238_vectors(unix: int, sha1: str, sha256: str, sha512: str) -> None:
    for algorithm, expected in zip(Algorithm, (sha1, sha256, sha512), strict=True):
        params = TotpParams(digits=8, algorithm=algorithm)
        assert totp(SEEDS[algorithm], at(unix), params) == expected


@pytest.mark.parametrize(("counter", "expected"), list(enumerate(RFC4226)))
def test_rfc4226_hotp_vectors(counter: int, expected: str) -> None:
    assert hotp(KEY, counter) == expected


def test_secrets_are_random_base32_and_decode() -> None:
    first, second = generate_secret(), generate_secret()
    assert first != second
    assert len(first) == 32 and "=" not in first
    assert len(decode_secret(first)) == 20
    assert decode_secret(SECRET) == KEY
    assert decode_secret("gezd gnbv-gy3t qojq gezdgnbvgy3tqojq") == KEY
    with pytest.raises(ValueError):
        generate_secret(10)


@pytest.mark.parametrize(
    "bad", ["", "GEZDGNBV", "not base32!", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1", "ÄÖ"]
)
def test_bad_secrets_are_refused_without_echoing_them(bad: str) -> None:
    with pytest.raises(InvalidTotpSecret) as caught:
        decode_secret(bad)
    assert not bad or bad not in str(caught.value)


def test_provisioning_uri() -> None:
    uri = provisioning_uri(SECRET, "H001@crown-vip", "VIP Host Console")
    parts = urlsplit(uri)
    assert (parts.scheme, parts.netloc) == ("otpauth", "totp")
    assert unquote(parts.path) == "/VIP Host Console:H001@crown-vip"
    query = parse_qs(parts.query)
    # pyotp leaves out the defaults every app assumes (SHA1, 6 digits, 30 s).
    assert query == {"secret": [SECRET], "issuer": ["VIP Host Console"]}
    other = TotpParams(digits=8, algorithm=Algorithm.SHA256)
    query = parse_qs(urlsplit(provisioning_uri(SECRET, "H001", "VIP", other)).query)
    assert (query["algorithm"], query["digits"]) == (["SHA256"], ["8"])
    with pytest.raises(ValueError):
        provisioning_uri(SECRET, "H001", "Casino: VIP")
    with pytest.raises(InvalidTotpSecret):
        provisioning_uri("short", "H001", "VIP")


def test_time_steps() -> None:
    assert time_step(at(59)) == 1
    assert time_step(at(60)) == 2
    with pytest.raises(ValueError):
        time_step(datetime(2026, 11, 27, 4, 0))  # naive
    with pytest.raises(ValueError):
        TotpParams(digits=4)
    with pytest.raises(ValueError):
        TotpParams(period=0)


def test_one_step_of_drift_either_side_is_accepted() -> None:
    step = time_step(T)
    for offset in (-1, 0, 1):
        code = hotp(KEY, step + offset)
        assert matching_step(KEY, code, T) == step + offset
    assert matching_step(KEY, hotp(KEY, step + 2), T) is None
    assert matching_step(KEY, hotp(KEY, step - 2), T) is None
    strict = TotpParams(window=0)
    assert matching_step(KEY, hotp(KEY, step + 1), T, strict) is None


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "12345a", "abcdef"])
def test_malformed_codes_never_match(typed: str) -> None:
    assert matching_step(KEY, typed, T) is None


def test_codes_typed_with_a_space_or_full_width_digits_match() -> None:
    code = totp(KEY, T)
    spaced = f"{code[:3]} {code[3:]}"
    full_width = code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert matching_step(KEY, spaced, T) == time_step(T)
    assert matching_step(KEY, full_width, T) == time_step(T)


def test_a_code_is_accepted_once_then_refused() -> None:
    ledger = InMemoryStepLedger()
    verifier = TotpVerifier(ledger)
    code = totp(KEY, T)
    assert verifier.verify("H001", SECRET, code, T)
    assert ledger.last_used_step("H001") == time_step(T)
    assert not verifier.verify("H001", SECRET, code, T)  # replayed in the same step
    assert not verifier.verify("H001", SECRET, code, T + timedelta(seconds=25))  # still valid
    # Another staff member's ledger entry is their own.
    assert verifier.verify("H002", SECRET, code, T)


def test_an_older_code_is_refused_once_a_newer_one_was_used() -> None:
    ledger = InMemoryStepLedger()
    verifier = TotpVerifier(ledger)
    newer = totp(KEY, T + timedelta(seconds=30))  # the phone runs 30 s fast
    older = totp(KEY, T)
    assert verifier.verify("H001", SECRET, newer, T)
    assert not verifier.verify("H001", SECRET, older, T + timedelta(seconds=5))
    later = T + timedelta(seconds=60)
    assert verifier.verify("H001", SECRET, totp(KEY, later), later)


def test_a_wrong_code_records_nothing() -> None:
    ledger = InMemoryStepLedger()
    verifier = TotpVerifier(ledger, DEFAULT_PARAMS)
    window = {hotp(KEY, time_step(T) + offset) for offset in (-1, 0, 1)}
    wrong = next(c for c in ("000000", "111111", "222222", "333333") if c not in window)
    assert not verifier.verify("H001", SECRET, wrong, T)
    assert ledger.last_used_step("H001") is None


def test_a_corrupt_stored_secret_is_an_error_not_a_wrong_code() -> None:
    verifier = TotpVerifier(InMemoryStepLedger())
    with pytest.raises(InvalidTotpSecret):
        verifier.verify("H001", "!!!", "123456", T)


def test_the_ledger_is_any_object_with_the_two_methods() -> None:
    class StoreBacked:
        def __init__(self) -> None:
            self.rows: dict[str, int] = {}
            self.writes = 0

        def last_used_step(self, staff_id: str) -> int | None:
            return self.rows.get(staff_id)

        def record_used_step(self, staff_id: str, step: int) -> None:
            self.rows[staff_id] = step
            self.writes += 1

    ledger = StoreBacked()
    verifier = TotpVerifier(ledger, TotpParams(digits=8, algorithm=Algorithm.SHA256))
    code = totp(KEY, T, verifier.params)
    assert len(code) == 8
    assert verifier.verify("P001", SECRET, code, T)
    assert not verifier.verify("P001", SECRET, code, T)
    assert ledger.writes == 1

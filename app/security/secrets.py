"""Salted hashes for staff PINs and guest code words (SPEC §2, §10).

The secret itself is never stored: only ``scrypt$n$r$p$salt_b64$hash_b64``,
a self-describing string that carries its own cost, so hashes made with a
cheaper cost (demo data) and the default cost verify with the same code.

Before hashing, a secret is normalised so that what a guest says matches what
was enrolled however it was typed: Unicode NFKC (full-width digits and letters
become plain ones), outer whitespace stripped, inner runs of whitespace
collapsed to one space, case folded. "Tigre " therefore matches "tigre" and
"ＴＩＧＲＥ". PINs are additionally restricted to ASCII digits.
"""

import base64
import binascii
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass

SCHEME = "scrypt"
SALT_BYTES = 16
HASH_BYTES = 32
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8

# Upper bounds accepted when reading an encoding: a tampered or corrupt row
# must not make a verification allocate gigabytes or run for minutes.
_MAX_LOG2_N = 20
_MAX_R = 32
_MAX_P = 16


class InvalidSecretHash(ValueError):
    """A stored hash string that is not a well-formed scrypt encoding."""


@dataclass(frozen=True, slots=True)
class ScryptCost:
    """scrypt work factors: ``n`` (CPU/memory, a power of two), ``r`` (block size), ``p``."""

    n: int
    r: int
    p: int

    def __post_init__(self) -> None:
        if self.n < 2 or self.n & (self.n - 1) or self.n > 2**_MAX_LOG2_N:
            raise ValueError(f"scrypt n must be a power of two in [2, 2**{_MAX_LOG2_N}]")
        if not 1 <= self.r <= _MAX_R or not 1 <= self.p <= _MAX_P:
            raise ValueError(f"scrypt r must be in [1, {_MAX_R}] and p in [1, {_MAX_P}]")

    @property
    def max_memory(self) -> int:
        # scrypt needs 128 * r * n bytes per lane; leave headroom for OpenSSL's bookkeeping.
        return 128 * self.r * self.n * self.p + 2 * 1024 * 1024


# About 50 ms on a current laptop core (16 MiB): slow enough to make guessing
# a stolen hash expensive, fast enough for a sign-in on a floor tablet.
DEFAULT_COST = ScryptCost(n=2**14, r=8, p=1)

# For generated demo data only (100,000 guests' code words): about 0.1 ms per
# hash, so seeding stays quick. Still a real, salted scrypt hash; real
# enrolment always uses DEFAULT_COST.
DEMO_COST = ScryptCost(n=2**6, r=8, p=1)


def normalise_secret(secret: str) -> str:
    """The canonical form that is hashed: NFKC, trimmed, single-spaced, case-folded."""
    text = unicodedata.normalize("NFKC", secret)
    return " ".join(text.split()).casefold()


def is_valid_pin(pin: str) -> bool:
    """A PIN is 4 to 8 digits (full-width digits count, they normalise to ASCII)."""
    digits = normalise_secret(pin)
    return digits.isascii() and digits.isdigit() and PIN_MIN_DIGITS <= len(digits) <= PIN_MAX_DIGITS


def hash_secret(secret: str, *, cost: ScryptCost = DEFAULT_COST) -> str:
    """Hash a code word (or any secret) with a fresh random salt."""
    normalised = normalise_secret(secret)
    if not normalised:
        raise ValueError("an empty secret cannot be hashed")
    salt = os.urandom(SALT_BYTES)
    digest = _scrypt(normalised, salt, cost)
    return "$".join(
        (SCHEME, str(cost.n), str(cost.r), str(cost.p), _b64encode(salt), _b64encode(digest))
    )


def hash_pin(pin: str, *, cost: ScryptCost = DEFAULT_COST) -> str:
    """Hash a staff PIN; raises ``ValueError`` unless it is 4 to 8 digits."""
    if not is_valid_pin(pin):
        raise ValueError(f"a PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits")
    return hash_secret(pin, cost=cost)


def verify_secret(secret: str, encoded: str) -> bool:
    """True when ``secret`` (normalised) matches ``encoded``; compared in constant time.

    Raises ``InvalidSecretHash`` when ``encoded`` is not a well-formed encoding:
    a corrupt stored hash is a data problem to surface, not a wrong guess.
    """
    cost, salt, expected = parse_encoding(encoded)
    normalised = normalise_secret(secret)
    if not normalised:
        return False
    return hmac.compare_digest(_scrypt(normalised, salt, cost), expected)


def verify_pin(pin: str, encoded: str) -> bool:
    """Like ``verify_secret`` but anything that is not a well-formed PIN never matches."""
    if not is_valid_pin(pin):
        # Still spend the hashing time, so a malformed PIN is not faster to reject.
        verify_secret("0" * PIN_MIN_DIGITS, encoded)
        return False
    return verify_secret(pin, encoded)


def needs_rehash(encoded: str, cost: ScryptCost = DEFAULT_COST) -> bool:
    """True when ``encoded`` was made with a different cost (e.g. demo data)."""
    return parse_encoding(encoded)[0] != cost


def parse_encoding(encoded: str) -> tuple[ScryptCost, bytes, bytes]:
    """Split ``scrypt$n$r$p$salt$hash`` into its cost, salt and digest."""
    parts = encoded.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        raise InvalidSecretHash("not a scrypt$n$r$p$salt$hash encoding")
    try:
        cost = ScryptCost(n=int(parts[1]), r=int(parts[2]), p=int(parts[3]))
        salt = _b64decode(parts[4])
        digest = _b64decode(parts[5])
    except (ValueError, binascii.Error) as exc:
        raise InvalidSecretHash(f"malformed scrypt encoding: {exc}") from None
    if not salt or len(digest) != HASH_BYTES:
        raise InvalidSecretHash("scrypt encoding has an empty salt or a wrong-sized hash")
    return cost, salt, digest


def _scrypt(normalised: str, salt: bytes, cost: ScryptCost) -> bytes:
    return hashlib.scrypt(
        normalised.encode("utf-8"),
        salt=salt,
        n=cost.n,
        r=cost.r,
        p=cost.p,
        maxmem=cost.max_memory,
        dklen=HASH_BYTES,
    )


def _b64encode(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)

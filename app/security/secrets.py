"""Salted hashes for staff PINs and guest code words (SPEC §2, §10).

The secret itself is never stored, only a self-describing encoding that carries
its own cost, so hashes made with a cheaper cost (demo data, tests) and the
default cost verify with the same code:

* **PIN verifiers**: Argon2id (argon2-cffi), memory-hard: ``$argon2id$v=19$m=…``.
  ``PIN_COST`` (32 MiB, 3 passes) takes about 100 ms per guess on the 2-core
  development machine (docs/security.md has the figure), so the million 6-digit PINs
  cost a stolen verifier's thief more than a day of one core each. A new PIN has at
  least 6 digits (``hash_pin``); PINs of 4 and 5 digits still verify (stores made
  before) and are hashed only for the demo property (``hash_demo_pin``).
  Verifiers made with scrypt before (``scrypt$…``) still verify.
* **Code words**: ``scrypt$n$r$p$salt_b64$hash_b64`` (a guest says it; not a guess
  target of the same kind: a desk agent checks it with the guest in front of them).

Before hashing, a secret is normalised so that what a guest says matches what
was enrolled however it was typed: Unicode NFKC (full-width digits and letters
become plain ones), outer whitespace stripped, inner runs of whitespace
collapsed to one space, case folded. "Tigre " therefore matches "tigre" and
"ＴＩＧＲＥ". PINs are additionally restricted to ASCII digits.
"""

import base64
import binascii
import functools
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

# argon2 (with cffi and platform) is imported at the first PIN hashed or verified: the
# console's start, which verifies none, imported it for its log redaction (~4 ms).
if TYPE_CHECKING:
    import argon2

SCHEME = "scrypt"
ARGON2_PREFIX = "$argon2id$"
SALT_BYTES = 16
HASH_BYTES = 32
PIN_MIN_DIGITS = 4  # what still verifies (stores and demo data made before)
NEW_PIN_MIN_DIGITS = 6  # what a new staff member's PIN must have
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


@dataclass(frozen=True, slots=True)
class PinCost:
    """Argon2id work factors of a PIN verifier: passes, memory (KiB), lanes."""

    time_cost: int
    memory_kib: int
    parallelism: int = 1

    def hasher(self) -> "argon2.PasswordHasher":
        import argon2
        from argon2.low_level import Type

        return argon2.PasswordHasher(
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=HASH_BYTES,
            salt_len=SALT_BYTES,
            type=Type.ID,
        )


# About 100 ms per guess on the development machine (measured in docs/security.md):
# a floor tablet signs in within a blink, a thief guesses ten PINs a second per core.
PIN_COST = PinCost(time_cost=3, memory_kib=32 * 1024)
# Tests and the demo helpdesk's seeding only: still a real, salted Argon2id verifier.
DEMO_PIN_COST = PinCost(time_cost=1, memory_kib=256)

# Verifying reads the cost from the encoding; these bound what a tampered row may ask.
_MAX_ARGON2_MEMORY_KIB = 256 * 1024


@functools.cache
def _verifier() -> "argon2.PasswordHasher":
    import argon2

    return argon2.PasswordHasher()


def normalise_secret(secret: str) -> str:
    """The canonical form that is hashed: NFKC, trimmed, single-spaced, case-folded."""
    text = unicodedata.normalize("NFKC", secret)
    return " ".join(text.split()).casefold()


def is_valid_pin(pin: str, *, min_digits: int = PIN_MIN_DIGITS) -> bool:
    """A PIN is 4 (new ones: 6) to 8 digits (full-width digits normalise to ASCII)."""
    digits = normalise_secret(pin)
    return digits.isascii() and digits.isdigit() and min_digits <= len(digits) <= PIN_MAX_DIGITS


def is_valid_new_pin(pin: str) -> bool:
    """What a new staff member's PIN must be: 6 to 8 digits."""
    return is_valid_pin(pin, min_digits=NEW_PIN_MIN_DIGITS)


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


def hash_pin(pin: str, *, cost: PinCost = PIN_COST) -> str:
    """The Argon2id verifier of a new PIN; ``ValueError`` unless it is 6 to 8 digits."""
    if not is_valid_new_pin(pin):
        raise ValueError(f"a new PIN is {NEW_PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits")
    return cost.hasher().hash(normalise_secret(pin))


def hash_demo_pin(pin: str, *, cost: PinCost = PIN_COST) -> str:
    """The verifier of the demo property's published PIN (4 digits allowed): demo data
    and test fixtures only; a real staff member's PIN goes through ``hash_pin``."""
    if not is_valid_pin(pin):
        raise ValueError(f"a PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits")
    return cost.hasher().hash(normalise_secret(pin))


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
    """True when ``pin`` matches the verifier ``encoded`` (Argon2id, or scrypt made
    before); anything that is not a well-formed PIN never matches.

    Raises ``InvalidSecretHash`` for a malformed verifier (a data problem)."""
    well_formed = is_valid_pin(pin)
    # A malformed PIN still spends the hashing time, so it is not faster to reject.
    typed = pin if well_formed else "0" * PIN_MIN_DIGITS
    if not encoded.startswith(ARGON2_PREFIX):
        return verify_secret(typed, encoded) and well_formed
    import argon2

    _check_argon2_cost(encoded)
    try:
        matches: bool = _verifier().verify(encoded, normalise_secret(typed))
    except argon2.exceptions.VerifyMismatchError:
        matches = False
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError) as exc:
        raise InvalidSecretHash(f"malformed Argon2id verifier: {type(exc).__name__}") from None
    return matches and well_formed


def _check_argon2_cost(encoded: str) -> None:
    import argon2

    try:
        parameters = argon2.extract_parameters(encoded)
    except argon2.exceptions.InvalidHashError:
        raise InvalidSecretHash("malformed Argon2id verifier") from None
    if parameters.memory_cost > _MAX_ARGON2_MEMORY_KIB or parameters.time_cost > 16:
        raise InvalidSecretHash("Argon2id verifier asks for more work than any PIN gets")


def needs_rehash(encoded: str, cost: ScryptCost = DEFAULT_COST) -> bool:
    """True when the scrypt ``encoded`` was made with a different cost (e.g. demo data)."""
    return parse_encoding(encoded)[0] != cost


def pin_needs_rehash(encoded: str, cost: PinCost = PIN_COST) -> bool:
    """True when a PIN verifier is not Argon2id at ``cost`` (scrypt, or cheaper)."""
    return not encoded.startswith(ARGON2_PREFIX) or cost.hasher().check_needs_rehash(encoded)


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

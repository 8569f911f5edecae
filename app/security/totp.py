"""Second factor for staff sign-in: time-based one-time passwords (SPEC §10).

The codes themselves come from pyotp (RFC 6238 TOTP over RFC 4226 HOTP, the
library every Python authenticator server uses); this module keeps what pyotp
leaves to its caller: refusing a code used before, forgiving how a code or a
secret is typed, and never logging either. The defaults are what every
authenticator app reads from a QR code: SHA-1, 6 digits, 30-second steps, T0 = 0.

* ``generate_secret()`` -> a fresh random secret (160 bits), base32 without
  padding, as authenticator apps expect it.
* ``provisioning_uri(secret, account, issuer)`` -> the ``otpauth://totp/...``
  URI to show as a QR code at enrolment.
* ``TotpVerifier(ledger).verify(staff_id, secret, code, at)`` -> True once per
  time step: codes of the current step and of one step either side (clock
  drift, ``window``) are accepted, **only for a step later than the last one
  this staff member used**. So a code is refused the second time (replay), and
  so is an older code once a newer one was used.

The last used step per staff member lives wherever the caller keeps it: the
verifier reads and writes it through a ``UsedStepLedger`` (two methods, any
store): the console's encrypted store, the helpdesk's database. Call ``verify``
inside the same unit of work as that ledger so two sign-ins cannot both use
one step. ``InMemoryStepLedger`` is for tests and single-process use.
"""

import base64
import binascii
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

SECRET_BYTES = 20  # 160 bits, RFC 4226's recommended length
MIN_SECRET_BYTES = 16  # 128 bits, RFC 4226's minimum


class Algorithm(StrEnum):
    SHA1 = "SHA1"
    SHA256 = "SHA256"
    SHA512 = "SHA512"


_DIGESTS = {
    Algorithm.SHA1: hashlib.sha1,
    Algorithm.SHA256: hashlib.sha256,
    Algorithm.SHA512: hashlib.sha512,
}


class InvalidTotpSecret(ValueError):
    """A stored secret that is not base32 or is too short. The message never holds it."""


@dataclass(frozen=True, slots=True)
class TotpParams:
    digits: int = 6
    period: int = 30  # seconds per time step
    algorithm: Algorithm = Algorithm.SHA1
    window: int = 1  # steps accepted on either side of the current one
    t0: int = 0  # Unix time of step 0

    def __post_init__(self) -> None:
        if not 6 <= self.digits <= 10:
            raise ValueError("TOTP codes have 6 to 10 digits")
        if self.period <= 0 or self.window < 0:
            raise ValueError("the TOTP period must be positive and the window not negative")


DEFAULT_PARAMS = TotpParams()


class UsedStepLedger(Protocol):
    """Where the last time step each staff member used is kept (replay protection)."""

    def last_used_step(self, staff_id: str) -> int | None: ...
    def record_used_step(self, staff_id: str, step: int) -> None: ...


class InMemoryStepLedger:
    """A ``UsedStepLedger`` in a dict: for tests and single-process use."""

    def __init__(self) -> None:
        self._steps: dict[str, int] = {}

    def last_used_step(self, staff_id: str) -> int | None:
        return self._steps.get(staff_id)

    def record_used_step(self, staff_id: str, step: int) -> None:
        self._steps[staff_id] = step


def generate_secret(nbytes: int = SECRET_BYTES) -> str:
    """A fresh random secret, base32 without padding (e.g. for a QR code)."""
    if nbytes < MIN_SECRET_BYTES:
        raise ValueError(f"a TOTP secret needs at least {MIN_SECRET_BYTES} bytes")
    return base64.b32encode(secrets.token_bytes(nbytes)).decode("ascii").rstrip("=")


def decode_secret(secret: str) -> bytes:
    """The key bytes of a base32 secret; spaces, hyphens, case and padding are forgiven."""
    text = "".join(c for c in secret if c not in " -\t").upper().rstrip("=")
    text += "=" * (-len(text) % 8)
    try:
        key = base64.b32decode(text.encode("ascii"), casefold=False)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise InvalidTotpSecret("the TOTP secret is not valid base32") from None
    if len(key) < MIN_SECRET_BYTES:
        raise InvalidTotpSecret(f"the TOTP secret is shorter than {MIN_SECRET_BYTES} bytes")
    return key


def _base32(key: bytes) -> str:
    return base64.b32encode(key).decode("ascii")


def hotp(
    key: bytes, counter: int, *, digits: int = 6, algorithm: Algorithm = Algorithm.SHA1
) -> str:
    """RFC 4226 HOTP value of ``counter``, zero-padded to ``digits`` (pyotp)."""
    if counter < 0:
        raise ValueError("the HOTP counter cannot be negative")
    import pyotp  # at the first code checked, not at the console's start (~1.5 ms)

    return pyotp.HOTP(_base32(key), digits=digits, digest=_DIGESTS[algorithm]).at(counter)


def time_step(at: datetime, params: TotpParams = DEFAULT_PARAMS) -> int:
    """The RFC 6238 time step (T) that ``at`` falls in."""
    if at.tzinfo is None:
        raise ValueError("TOTP needs an aware datetime")
    return (int(at.timestamp()) - params.t0) // params.period


def totp(key: bytes, at: datetime, params: TotpParams = DEFAULT_PARAMS) -> str:
    """The code an authenticator shows at ``at``."""
    return hotp(key, time_step(at, params), digits=params.digits, algorithm=params.algorithm)


def provisioning_uri(
    secret: str, account: str, issuer: str, params: TotpParams = DEFAULT_PARAMS
) -> str:
    """``otpauth://totp/Issuer:account?secret=...``: the enrolment QR code's content."""
    key = decode_secret(secret)  # refuse a bad secret before it reaches a phone
    if ":" in issuer or ":" in account:
        raise ValueError("the issuer and account of a TOTP label cannot contain ':'")
    import pyotp

    generator = pyotp.TOTP(
        _base32(key).rstrip("="),
        digits=params.digits,
        digest=_DIGESTS[params.algorithm],
        interval=params.period,
    )
    # pyotp leaves out the parameters that are the defaults apps assume.
    return generator.provisioning_uri(name=account, issuer_name=issuer)


def matching_step(
    key: bytes,
    code: str,
    at: datetime,
    params: TotpParams = DEFAULT_PARAMS,
    *,
    after_step: int | None = None,
) -> int | None:
    """The step within the window whose code is ``code`` (later than ``after_step``), or None.

    ``code`` may be typed with spaces or full-width digits. Every step of the
    window is computed and compared in constant time, whatever matches.
    """
    typed = "".join(unicodedata.normalize("NFKC", code).split())
    if len(typed) != params.digits or not (typed.isascii() and typed.isdigit()):
        return None
    current = time_step(at, params)
    found: int | None = None
    for step in range(current - params.window, current + params.window + 1):
        if step < 0:
            continue
        expected = hotp(key, step, digits=params.digits, algorithm=params.algorithm)
        fresh = after_step is None or step > after_step
        if hmac.compare_digest(expected, typed) and fresh and found is None:
            found = step
    return found


class TotpVerifier:
    """Checks second-factor codes; a time step is accepted once per staff member."""

    def __init__(self, ledger: UsedStepLedger, params: TotpParams = DEFAULT_PARAMS) -> None:
        self._ledger = ledger
        self._params = params

    @property
    def params(self) -> TotpParams:
        return self._params

    def verify(self, staff_id: str, secret: str, code: str, at: datetime) -> bool:
        """True when ``code`` is right at ``at`` and its step was not used before.

        On success the step is recorded in the ledger. Raises
        ``InvalidTotpSecret`` for a corrupt stored secret (a data problem, not
        a wrong code).
        """
        key = decode_secret(secret)
        last = self._ledger.last_used_step(staff_id)
        step = matching_step(key, code, at, self._params, after_step=last)
        if step is None:
            return False
        self._ledger.record_used_step(staff_id, step)
        return True

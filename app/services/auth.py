"""Staff sign-in with a PIN, fully offline against the local store (SPEC §10).

Lockout policy: the 5th consecutive wrong PIN locks the staff id for 5 minutes;
every further 5th failure locks it again for twice as long as the previous
lock (5, 10, 20, 40 min ...), at most 8 hours. A successful sign-in clears the
count. While locked, attempts are refused without checking the PIN and do not
count. The count lives in the store (``PinState``), so restarting the app does
not reset it.

An unknown or deactivated staff id answers exactly like a wrong PIN (same
message, same counting, same hashing time) so ids cannot be enumerated. Its
count and audit rows are keyed by a pseudonym (``unknown-<hash>``), never by
the text typed, because people sometimes type their PIN into the id field.

Second factor: when the property sets ``require_totp``, a right PIN is not
enough: ``sign_in`` also wants the staff member's authenticator code
(``totp_code``) and raises ``SecondFactorRequired`` without one, or with a
wrong, replayed or unenrolled one. Each such attempt counts toward the lockout
like a wrong PIN. Secrets come through the ``TotpSecrets`` port; until the
encrypted store keeps them (and the used time steps), the caller injects a
provider and the verifier's ledger lives in memory.

``sign_in`` hashes with scrypt (tens of milliseconds): the UI calls it off the
GUI thread.
"""

import functools
import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from app.actor import Actor
from app.clock import Clock
from app.domain import Staff
from app.permissions import Action, allowed
from app.ports import AuditEntry, PinState, Store, UnitOfWork
from app.security.secrets import InvalidSecretHash, hash_pin, verify_pin
from app.security.totp import InvalidTotpSecret, TotpVerifier
from app.services.errors import (
    AccountLocked,
    PermissionDenied,
    SecondFactorRequired,
    SignInFailed,
)

log = logging.getLogger(__name__)

MAX_FAILED_ATTEMPTS = 5
BASE_LOCKOUT = timedelta(minutes=5)
MAX_LOCKOUT = timedelta(hours=8)


def lockout_duration(failed_attempts: int) -> timedelta:
    """How long the lock set at ``failed_attempts`` (a multiple of 5) lasts."""
    lock_number = max(failed_attempts // MAX_FAILED_ATTEMPTS, 1)
    if lock_number > 16:  # far past the cap; avoid a huge power of two
        return MAX_LOCKOUT
    return min(BASE_LOCKOUT * (1 << (lock_number - 1)), MAX_LOCKOUT)


@functools.cache
def _decoy_pin_hash() -> str:
    # Verified against when the staff id is unknown, so that case costs the same time.
    return hash_pin("00000000")


def _pseudonym(typed_staff_id: str) -> str:
    digest = hashlib.sha256(b"vip-console unknown staff id\0" + typed_staff_id.casefold().encode())
    return "unknown-" + digest.hexdigest()[:16]


class TotpSecrets(Protocol):
    """Where each staff member's TOTP secret (base32) is kept; None: not enrolled."""

    def secret_for(self, staff_id: str) -> str | None: ...


@dataclass(frozen=True, slots=True)
class _Outcome:
    actor: Actor | None = None
    error: SignInFailed | AccountLocked | SecondFactorRequired | None = None


class AuthService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        device_id: str,
        *,
        require_totp: bool = False,
        totp_secrets: TotpSecrets | None = None,
        totp_verifier: TotpVerifier | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._device_id = device_id
        self._require_totp = require_totp
        self._totp_secrets = totp_secrets
        # Without injected parts, secrets and used steps live in the (encrypted) store,
        # read and written in the sign-in's own unit of work.
        self._totp = totp_verifier

    @property
    def requires_totp(self) -> bool:
        return self._require_totp

    def sign_in(self, staff_id: str, pin: str, totp_code: str | None = None) -> Actor:
        """The signed-in actor, or ``SignInFailed`` / ``AccountLocked`` /
        ``SecondFactorRequired``.

        The attempt, its audit row and the new failure count are committed
        together before the error is raised.
        """
        now = self._clock.now()
        typed = staff_id.strip()
        with self._store.unit_of_work() as uow:
            outcome = self._attempt(uow, typed, pin, totp_code, now)
        if outcome.error is not None:
            raise outcome.error
        assert outcome.actor is not None
        return outcome.actor

    def sign_out(self, actor: Actor) -> None:
        with self._store.unit_of_work() as uow:
            self._audit(uow, actor.staff_id, actor.role.value, "auth.sign_out", self._clock.now())

    def sign_out_locked(
        self, locked: Actor, staff_id: str, pin: str, totp_code: str | None = None
    ) -> Actor:
        """End ``locked``'s session from the lock screen; returns who proved it.

        ``staff_id`` and ``pin`` prove who asks, under the sign-in's lockout rules: the
        locked staff member themselves, or a supervisor (``SESSION_END_OTHERS``);
        anyone else gets ``PermissionDenied`` (audited). The sign-out is audited
        with who ended it."""
        proof = self.sign_in(staff_id, pin, totp_code)
        now = self._clock.now()
        with self._store.unit_of_work() as uow:
            if proof.staff_id != locked.staff_id and not allowed(proof, Action.SESSION_END_OTHERS):
                detail = f"refused: sign out {locked.staff_id} from the lock screen"
                self._audit(uow, proof.staff_id, proof.role.value, "permission.denied", now, detail)
                denied = PermissionDenied(
                    proof.role.value, Action.SESSION_END_OTHERS.value, "not_in_role"
                )
            else:
                detail = f"from the lock screen by {proof.staff_id}"
                self._audit(uow, locked.staff_id, locked.role.value, "auth.sign_out", now, detail)
                return proof
        raise denied

    def _attempt(
        self, uow: UnitOfWork, typed: str, pin: str, totp_code: str | None, now: datetime
    ) -> _Outcome:
        staff = _find_staff(uow, typed) if typed else None
        key = staff.id if staff is not None else _pseudonym(typed)
        role = staff.role.value if staff is not None else ""
        state = uow.staff.pin_state(key)

        if state.locked_until is not None and now < state.locked_until:
            detail = f"refused, locked until {state.locked_until.isoformat()}"
            self._audit(uow, key, role, "auth.sign_in_refused", now, detail)
            log.info("sign-in refused on %s: %s is locked", self._device_id, key)
            return _Outcome(error=AccountLocked(state.locked_until))

        problem = self._check_pin(staff, pin)
        second_factor = False
        if problem is None and self._require_totp:
            assert staff is not None
            problem = self._check_totp(uow, staff, totp_code, now)
            second_factor = problem is not None
        if problem is None:
            assert staff is not None
            uow.staff.set_pin_state(key, PinState())
            self._audit(uow, key, role, "auth.sign_in", now)
            log.info("%s signed in on %s", key, self._device_id)
            return _Outcome(actor=self._actor_for(staff))

        failed = state.failed_attempts + 1
        if failed % MAX_FAILED_ATTEMPTS == 0:
            until = now + lockout_duration(failed)
            uow.staff.set_pin_state(key, PinState(failed, until))
            detail = f"{problem}, {failed} failures, locked until {until.isoformat()}"
            self._audit(uow, key, role, "auth.account_locked", now, detail)
            log.warning("%s locked until %s after %d failures", key, until, failed)
            return _Outcome(error=AccountLocked(until))
        uow.staff.set_pin_state(key, PinState(failed, state.locked_until))
        attempts_left = MAX_FAILED_ATTEMPTS - failed % MAX_FAILED_ATTEMPTS
        detail = f"{problem}, {failed} failures, {attempts_left} left"
        self._audit(uow, key, role, "auth.sign_in_failed", now, detail)
        log.info("sign-in failed for %s on %s", key, self._device_id)
        if second_factor:
            invalid = bool(totp_code and totp_code.strip())
            return _Outcome(error=SecondFactorRequired(attempts_left, invalid=invalid))
        return _Outcome(error=SignInFailed(attempts_left))

    def _check_pin(self, staff: Staff | None, pin: str) -> str | None:
        """None when the PIN is right, else why not (for the audit row only)."""
        if staff is None:
            verify_pin(pin, _decoy_pin_hash())
            return "unknown staff id"
        try:
            matches = verify_pin(pin, staff.pin_hash)
        except InvalidSecretHash:
            log.error("staff %s has a corrupt PIN hash; sign-in refused", staff.id)
            return "corrupt PIN hash"
        if not matches:
            return "wrong PIN"
        if not staff.active:
            return "inactive account"
        return None

    def _check_totp(
        self, uow: UnitOfWork, staff: Staff, code: str | None, now: datetime
    ) -> str | None:
        """None when the authenticator code is right, else why not (audit only)."""
        if not code or not code.strip():
            return "authenticator code required"
        if self._totp_secrets is not None:
            secret = self._totp_secrets.secret_for(staff.id)
        else:
            secret = uow.staff.totp_secret(staff.id)
        verifier = self._totp or TotpVerifier(uow.staff)
        if secret is None:
            log.warning("staff %s has no TOTP secret enrolled; sign-in refused", staff.id)
            return "no authenticator enrolled"
        try:
            if verifier.verify(staff.id, secret, code, now):
                return None
        except InvalidTotpSecret:
            log.error("staff %s has a corrupt TOTP secret; sign-in refused", staff.id)
            return "corrupt TOTP secret"
        return "wrong or reused authenticator code"

    def _actor_for(self, staff: Staff) -> Actor:
        return Actor(
            staff_id=staff.id,
            role=staff.role,
            device_id=self._device_id,
            name=staff.name,
            covering_for=staff.covering_for,
            tables=staff.tables,
        )

    def _audit(
        self,
        uow: UnitOfWork,
        staff_key: str,
        role: str,
        action: str,
        at: datetime,
        detail: str = "",
    ) -> None:
        uow.audit.append(
            AuditEntry(
                at=at,
                staff_id=staff_key,
                role=role,
                device_id=self._device_id,
                action=action,
                target=staff_key,
                detail=detail,
            )
        )


def _find_staff(uow: UnitOfWork, typed: str) -> Staff | None:
    # Ids are printed in upper case ("H001"); accept them typed in lower case too.
    return uow.staff.by_id(typed) or uow.staff.by_id(typed.upper())

"""Staff sign-in with a PIN, offline first, vouched for online (SPEC §10).

A sign-in is checked here against the verifiers this device keeps for its own staff
(``GET /v1/staff/verifiers``, in the encrypted store), under the lockout of
``app.security.lockout``: the count lives in the store, so restarting the app does
not reset it. An unknown or deactivated staff id, and a staff member without a
verifier on this device, answer exactly like a wrong PIN (same message, counting
and hashing time) under a pseudonym, never the text typed.

Second factor: when the property sets ``require_totp``, the authenticator code is
asked for (``SecondFactorRequired``) before the PIN is looked at, so that answer
says nothing about the PIN; a wrong PIN and a wrong code are one ``SignInFailed``.

A successful check opens a session (``app.sync.sessions.open_session``): signed by
the device, it vouches for the sign-in when the link returns. When the console is
online (``online``, given by the sync) the PIN is also checked by the helpdesk,
which answers a staff token bound to this device; a helpdesk that refuses (another
device's lockout, a PIN changed centrally, an assignment removed) refuses the
sign-in here too. Offline, the session waits for its token.

``sign_in`` hashes with Argon2id (~100 ms) and may wait for the helpdesk: the UI
calls it off the GUI thread.
"""

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from app.actor import Actor
from app.clock import Clock
from app.domain import Staff
from app.permissions import Action, allowed
from app.ports import AuditEntry, PinState, Store, UnitOfWork
from app.security.lockout import (
    MAX_FAILED_ATTEMPTS,
    after_failure,
    decoy_pin_hash,
    lockout_duration,
    pseudonym,
)
from app.security.secrets import InvalidSecretHash, verify_pin
from app.security.totp import InvalidTotpSecret, TotpVerifier
from app.services.errors import (
    AccountLocked,
    PermissionDenied,
    SecondFactorRequired,
    SignInFailed,
)
from app.sync.sessions import open_session

log = logging.getLogger(__name__)

__all__ = ["MAX_FAILED_ATTEMPTS", "AuthService", "OnlineVerdict", "lockout_duration"]


class Online(StrEnum):
    GRANTED = "granted"  # a staff token for this device
    REFUSED = "refused"  # the helpdesk says no: the sign-in is refused here too
    LOCKED = "locked"  # locked at the helpdesk (wrong attempts on any device)
    UNREACHABLE = "unreachable"  # no answer: the session waits for its token


@dataclass(frozen=True, slots=True)
class OnlineVerdict:
    outcome: Online
    token: str | None = None
    expires_at: datetime | None = None
    locked_until: datetime | None = None


# (staff id, PIN, authenticator code, session id) -> what the helpdesk says.
OnlineSignIn = Callable[[str, str, str | None, str], OnlineVerdict]
SessionListener = Callable[[Actor | None], None]


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
        self.online: OnlineSignIn | None = None  # set by the sync when there is a helpdesk
        self._listeners: list[SessionListener] = []
        self._current: str | None = None  # the session signed in now

    def add_session_listener(self, listener: SessionListener) -> None:
        """``listener(actor)`` after each sign-in, ``listener(None)`` when the session
        signed in now ends; called on the thread that signed in or out."""
        self._listeners.append(listener)

    def remove_session_listener(self, listener: SessionListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    @property
    def requires_totp(self) -> bool:
        return self._require_totp

    def sign_in(self, staff_id: str, pin: str, totp_code: str | None = None) -> Actor:
        """The signed-in actor in a new session, or ``SignInFailed`` / ``AccountLocked``
        / ``SecondFactorRequired``.

        The attempt, its audit row and the new failure count are committed
        together before the error is raised.
        """
        proof = self.check(staff_id, pin, totp_code)
        session_id = str(uuid.uuid4())
        verdict = self._ask_helpdesk(proof, pin, totp_code, session_id)
        now = self._clock.now()
        with self._store.unit_of_work() as uow:
            if verdict.outcome in (Online.REFUSED, Online.LOCKED):
                detail = f"refused by the helpdesk ({verdict.outcome})"
                self._audit(
                    uow, proof.staff_id, proof.role.value, "auth.sign_in_refused", now, detail
                )
            else:
                session = open_session(
                    uow,
                    proof.staff_id,
                    self._device_id,
                    now,
                    session_id=session_id,
                    token=verdict.token,
                    token_expires_at=verdict.expires_at,
                )
        if verdict.outcome is Online.LOCKED:
            raise AccountLocked(verdict.locked_until or now)
        if verdict.outcome is Online.REFUSED:
            raise SignInFailed(None)
        actor = replace(proof, session_id=session.session_id)
        self._current = session.session_id
        for listener in list(self._listeners):
            listener(actor)
        return actor

    def check(self, staff_id: str, pin: str, totp_code: str | None = None) -> Actor:
        """Who ``staff_id`` and ``pin`` (and the code) prove to be, here, under the
        lockout; no session is opened (the lock screen's sign-out proof)."""
        if self._require_totp and not (totp_code and totp_code.strip()):
            # Asked before the PIN is looked at: the answer says nothing about the PIN.
            raise SecondFactorRequired(MAX_FAILED_ATTEMPTS, invalid=False)
        now = self._clock.now()
        typed = staff_id.strip()
        with self._store.unit_of_work() as uow:
            outcome = self._attempt(uow, typed, pin, totp_code, now)
        if outcome.error is not None:
            raise outcome.error
        assert outcome.actor is not None
        return outcome.actor

    def _ask_helpdesk(
        self, proof: Actor, pin: str, code: str | None, session_id: str
    ) -> OnlineVerdict:
        if self.online is None:
            return OnlineVerdict(Online.UNREACHABLE)
        try:
            return self.online(proof.staff_id, pin, code, session_id)
        except Exception:  # the helpdesk's trouble never stops an offline-first sign-in
            log.exception("online sign-in check failed; signing in offline")
            return OnlineVerdict(Online.UNREACHABLE)

    def sign_out(self, actor: Actor) -> None:
        now = self._clock.now()
        with self._store.unit_of_work() as uow:
            if actor.session_id:
                uow.staff_sessions.end(actor.session_id, now)
            self._audit(uow, actor.staff_id, actor.role.value, "auth.sign_out", now)
        self._ended(actor)

    def sign_out_locked(
        self, locked: Actor, staff_id: str, pin: str, totp_code: str | None = None
    ) -> Actor:
        """End ``locked``'s session from the lock screen; returns who proved it.

        ``staff_id`` and ``pin`` prove who asks, under the sign-in's lockout rules: the
        locked staff member themselves, or a supervisor (``SESSION_END_OTHERS``);
        anyone else gets ``PermissionDenied`` (audited). The sign-out is audited
        with who ended it."""
        proof = self.check(staff_id, pin, totp_code)
        now = self._clock.now()
        with self._store.unit_of_work() as uow:
            if proof.staff_id != locked.staff_id and not allowed(proof, Action.SESSION_END_OTHERS):
                detail = f"refused: sign out {locked.staff_id} from the lock screen"
                self._audit(uow, proof.staff_id, proof.role.value, "permission.denied", now, detail)
                denied = PermissionDenied(
                    proof.role.value, Action.SESSION_END_OTHERS.value, "not_in_role"
                )
            else:
                if locked.session_id:
                    uow.staff_sessions.end(locked.session_id, now)
                detail = f"from the lock screen by {proof.staff_id}"
                self._audit(uow, locked.staff_id, locked.role.value, "auth.sign_out", now, detail)
                denied = None
        if denied is not None:
            raise denied
        self._ended(locked)
        return proof

    def _ended(self, actor: Actor) -> None:
        """The session signed in now ended: the feed stops reading for it."""
        if actor.session_id and actor.session_id == self._current:
            self._current = None
            for listener in list(self._listeners):
                listener(None)

    def _attempt(
        self, uow: UnitOfWork, typed: str, pin: str, totp_code: str | None, now: datetime
    ) -> _Outcome:
        staff = _find_staff(uow, typed) if typed else None
        key = staff.id if staff is not None else pseudonym(typed)
        role = staff.role.value if staff is not None else ""
        state = uow.staff.pin_state(key)

        if state.locked_until is not None and now < state.locked_until:
            detail = f"refused, locked until {state.locked_until.isoformat()}"
            self._audit(uow, key, role, "auth.sign_in_refused", now, detail)
            log.info("sign-in refused on %s: %s is locked", self._device_id, key)
            return _Outcome(error=AccountLocked(state.locked_until))

        problem = self._check_pin(staff, pin)
        if problem is None and self._require_totp:
            assert staff is not None
            problem = self._check_totp(uow, staff, totp_code, now)
        if problem is None:
            assert staff is not None
            uow.staff.set_pin_state(key, PinState())
            self._audit(uow, key, role, "auth.sign_in", now)
            log.info("%s signed in on %s", key, self._device_id)
            return _Outcome(actor=self._actor_for(staff))

        failure = after_failure(state.failed_attempts, state.locked_until, now)
        failed, until = failure.failed, failure.locked_until
        uow.staff.set_pin_state(key, PinState(failed, until))
        if failure.attempts_left == 0 and until is not None:
            detail = f"{problem}, {failed} failures, locked until {until.isoformat()}"
            self._audit(uow, key, role, "auth.account_locked", now, detail)
            log.warning("%s locked until %s after %d failures", key, until, failed)
            return _Outcome(error=AccountLocked(until))
        detail = f"{problem}, {failed} failures, {failure.attempts_left} left"
        self._audit(uow, key, role, "auth.sign_in_failed", now, detail)
        log.info("sign-in failed for %s on %s", key, self._device_id)
        # A wrong PIN and a wrong code are one answer: neither tells which was right.
        return _Outcome(error=SignInFailed(failure.attempts_left))

    def _check_pin(self, staff: Staff | None, pin: str) -> str | None:
        """None when the PIN is right, else why not (for the audit row only)."""
        if staff is None or not staff.pin_hash:
            verify_pin(pin, decoy_pin_hash())  # the same time as a wrong PIN
            return "unknown staff id" if staff is None else "no verifier on this device"
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

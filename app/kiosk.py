"""Kiosk operation (issue 17): when the console may run as a kiosk, and its way out.

A kiosk shows the console full screen with no way to the desktop; only IT's PIN (a
device setting, ``it_pin_verifier``: an Argon2id verifier like a staff PIN, never the
PIN) lets the window close. A demo data directory uses the published ``DEMO_IT_PIN``
when none is set; a real one refuses to start as a kiosk until IT sets one at
provisioning (``vip-console kiosk set-it-pin``): there is no demo fallback in
production. Every exit and every refused attempt is audited; wrong PINs count and
lock the way out as wrong staff PINs lock a staff id (app/security/lockout.py).
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.clock import Clock, SystemClock
from app.ports import AuditEntry, PinState, Store, UnitOfWork
from app.security.lockout import after_failure
from app.security.secrets import InvalidSecretHash, hash_demo_pin, hash_pin, verify_pin
from app.settings import Settings, load_settings, save_settings

DEMO_IT_PIN = "975310"  # published with the demo data, like the staff's demo PIN
IT_PIN_KEY = "kiosk-it-pin"  # its failed attempts, beside the staff ids' in the store
IT_ACTOR = "it"
NO_IT_PIN = (
    "Kiosk mode needs an IT PIN on this device, and none is set. IT sets it at "
    "provisioning: vip-console kiosk set-it-pin --data-dir DIR"
)


class KioskRefused(ValueError):
    """The console may not start as a kiosk; the message says what IT must do."""


@dataclass(frozen=True, slots=True)
class ExitAnswer:
    """What a PIN typed at the kiosk's exit got: ``allowed``, or refused (and why)."""

    allowed: bool
    locked_until: datetime | None = None
    attempts_left: int = 0


def wants_kiosk(settings: Settings, window_mode: str) -> bool:
    """The device's ``kiosk`` setting or ``run --kiosk`` / ``--window kiosk``."""
    return window_mode == "kiosk" or bool(settings.get("kiosk"))


def it_pin_verifier(settings: Settings, *, demo: bool) -> str:
    """The verifier the kiosk's exit checks; ``KioskRefused`` when a real device has none."""
    verifier = str(settings.get("it_pin_verifier"))
    if verifier:
        return verifier
    if demo:
        return _demo_verifier()
    raise KioskRefused(NO_IT_PIN)


_DEMO_VERIFIER: list[str] = []


def _demo_verifier() -> str:
    if not _DEMO_VERIFIER:
        from app.security.secrets import DEMO_PIN_COST

        _DEMO_VERIFIER.append(hash_demo_pin(DEMO_IT_PIN, cost=DEMO_PIN_COST))
    return _DEMO_VERIFIER[0]


def set_it_pin(data_dir: Path, pin: str, store: Store) -> None:
    """Store the verifier of IT's new PIN (6 to 8 digits) in the device's settings, and
    audit the change in ``store``."""
    settings = load_settings(data_dir)
    values = {**settings.values, "it_pin_verifier": hash_pin(pin)}
    save_settings(data_dir, Settings(values))
    with store.unit_of_work() as uow:
        device = str(settings.get("device_id"))
        uow.audit.append(
            AuditEntry(SystemClock().now(), IT_ACTOR, IT_ACTOR, device, "kiosk.it_pin_set", "kiosk")
        )


class KioskExit:
    """The kiosk's only way out: IT's PIN, checked, counted and audited."""

    def __init__(self, store: Store, clock: Clock, device_id: str, verifier: str) -> None:
        self._store, self._clock = store, clock
        self._device_id, self._verifier = device_id, verifier

    def try_exit(self, pin: str) -> ExitAnswer:
        """Slow on purpose (Argon2id): call it off the GUI thread."""
        now = self._clock.now()
        with self._store.unit_of_work() as uow:
            state = uow.staff.pin_state(IT_PIN_KEY)
            if state.locked_until is not None and now < state.locked_until:
                until = state.locked_until.isoformat()
                self._audit(uow, "kiosk.exit_refused", now, f"locked until {until}")
                return ExitAnswer(False, locked_until=state.locked_until)
            try:
                right = verify_pin(pin, self._verifier)
            except InvalidSecretHash:
                self._audit(uow, "kiosk.exit_refused", now, "corrupt IT PIN verifier")
                return ExitAnswer(False)
            if right:
                uow.staff.set_pin_state(IT_PIN_KEY, PinState())
                self._audit(uow, "kiosk.exit", now)
                return ExitAnswer(True)
            failure = after_failure(state.failed_attempts, state.locked_until, now)
            uow.staff.set_pin_state(IT_PIN_KEY, PinState(failure.failed, failure.locked_until))
            detail = f"wrong IT PIN, {failure.failed} failures"
            self._audit(uow, "kiosk.exit_refused", now, detail)
            return ExitAnswer(False, failure.locked_until, failure.attempts_left)

    def _audit(self, uow: UnitOfWork, action: str, at: datetime, detail: str = "") -> None:
        uow.audit.append(
            AuditEntry(at, IT_ACTOR, IT_ACTOR, self._device_id, action, "kiosk", detail)
        )

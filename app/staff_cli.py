"""``vip-console staff totp-enrol STAFF_ID``: give a staff member an authenticator.

The secret is stored only in the (encrypted) local store and shown once, as the
``otpauth://`` URI the staff member's authenticator app reads (as a QR code or typed).
"""

import sys
from pathlib import Path

from app.clock import SystemClock
from app.ports import AuditEntry, Store


def enrol_totp(store: Store, data_dir: Path, staff_id: str) -> int:
    """Enrol ``staff_id`` in ``store`` (opened and closed by the caller, ``app.cli``)."""
    from app.security.totp import generate_secret, provisioning_uri
    from app.settings import load_settings

    settings = load_settings(data_dir)
    with store.unit_of_work() as uow:
        staff = uow.staff.by_id(staff_id)
        if staff is None:
            print(f"vip-console: no staff member {staff_id}", file=sys.stderr)
            return 1
        secret = generate_secret()
        uow.staff.set_totp_secret(staff.id, secret)
        uow.audit.append(
            AuditEntry(
                at=SystemClock().now(),
                staff_id="operator",
                role="operator",
                device_id=settings.get("device_id"),
                action="auth.totp_enrol",
                target=staff.id,
            )
        )
    issuer = settings.get("property_name")
    print(f"Authenticator for {staff.name} ({staff.id}); add it in the app, then keep no copy:")
    print(provisioning_uri(secret, staff.id, issuer))
    return 0

"""``vip-console staff totp-enrol STAFF_ID``: give a staff member an authenticator.

The secret is stored only in the (encrypted) local store and shown once, as the
``otpauth://`` URI the staff member's authenticator app reads (as a QR code or typed).
"""

import argparse
import sys

from app.clock import SystemClock
from app.ports import AuditEntry


def enrol_totp(args: argparse.Namespace) -> int:
    from app.security.store_key import resolve_store_key
    from app.security.totp import generate_secret, provisioning_uri
    from app.settings import load_settings
    from offline_cache import open_store, resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    try:
        store = open_store(data_dir, key=resolve_store_key(data_dir))
    except ValueError as error:  # StoreKeyUnavailable, StoreKeyError
        print(f"vip-console: {error}", file=sys.stderr)
        return 2
    settings = load_settings(data_dir)
    try:
        with store.unit_of_work() as uow:
            staff = uow.staff.by_id(args.staff_id)
            if staff is None:
                print(f"vip-console: no staff member {args.staff_id}", file=sys.stderr)
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
    finally:
        store.close()
    issuer = settings.get("property_name")
    print(f"Authenticator for {staff.name} ({staff.id}); add it in the app, then keep no copy:")
    print(provisioning_uri(secret, staff.id, issuer))
    return 0

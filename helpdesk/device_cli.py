"""``vip-console helpdesk device add|list|revoke``: IT provisions tablets.

``add`` issues a single-use, expiring enrolment code for one device id and prints it,
with a QR code of ``vip-enrol:<id>?code=…`` on the terminal (and as a PNG with
``--png``); ``list`` shows every device and outstanding code; ``revoke`` ends a
device's token and any unused code. They write the helpdesk's database directly
(safe while it serves: one writer at a time).
"""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

from app.sync.enrolment_uri import enrolment_uri
from helpdesk.config import Settings
from helpdesk.db import Database
from helpdesk.enrolment import (
    DeviceLive,
    IssuedCode,
    format_code,
    issue_code,
    list_devices,
    parse_role_scope,
    revoke_device,
)
from helpdesk.models import DEFAULT_PROPERTY
from helpdesk.properties import by_code, list_properties


def run_device_command(args: argparse.Namespace, db_url: str) -> int:
    settings = Settings(db_url=db_url)
    database = Database(db_url)
    try:
        database.create_schema(settings.ticket_first_number, settings.default_property())
        if args.device_command == "add":
            valid_for = args.valid_for and timedelta(hours=args.valid_for)
            return _add(database, args, valid_for or settings.enrolment_code_ttl)
        if args.device_command == "list":
            return _list(database)
        return _revoke(database, args.device_id)
    finally:
        database.dispose()


def _add(database: Database, args: argparse.Namespace, ttl: timedelta) -> int:
    try:
        roles = parse_role_scope(args.role_scope)
        property_id = _property_id(database, args.property)
        issued = issue_code(
            database, args.device_id, ttl=ttl, role_scope=roles, property_id=property_id
        )
    except DeviceLive:
        print(
            f"helpdesk: {args.device_id} is enrolled and live. If the tablet is lost or "
            f"replaced, revoke it first: vip-console helpdesk device revoke {args.device_id}",
            file=sys.stderr,
        )
        return 1
    except ValueError as error:
        print(f"helpdesk: {error}", file=sys.stderr)
        return 2
    _print_code(issued, args.helpdesk_url or "", args.png)
    return 0


def _property_id(database: Database, code: str | None) -> int:
    """The id of the property ``code`` names (None: the default property)."""
    if code is None:
        return DEFAULT_PROPERTY
    with database.read() as session:
        found = by_code(session, code)
    if found is None:
        raise ValueError(f"no property {code!r}: `vip-console helpdesk property list`")
    return found.id


def _print_code(issued: IssuedCode, helpdesk_url: str, png: Path | None) -> None:
    import segno

    expires = issued.expires_at.strftime("%Y-%m-%d %H:%M UTC")
    print(f"Device {issued.device_id}: enrolment code {format_code(issued.code)}")
    print(f"Good once, until {expires}; roles: {', '.join(issued.role_scope)}.")
    if issued.replaced:
        print("The code issued earlier for this device no longer works.")
    print("Type it on the tablet's provisioning screen, start the console with")
    print(f"--enrol {issued.code}, or scan this QR code:")
    qr = segno.make(enrolment_uri(issued.device_id, issued.code, helpdesk_url), error="m")
    try:
        qr.terminal(out=sys.stdout, compact=True)
    except UnicodeEncodeError:  # a terminal without block characters
        print("(this terminal cannot draw the QR code: use --png)")
    if png is not None:
        qr.save(str(png), scale=8, border=4)
        print(f"QR code written to {png}")


def _list(database: Database) -> int:
    rows = list_devices(database)
    if not rows:
        print("No devices: issue a code with `vip-console helpdesk device add TAB-…`.")
        return 0
    codes = {found.id: found.code for found in list_properties(database)}
    header = f"{'device':<20} {'property':<10} {'state':<13} {'since / until':<17}"
    print(f"{header} {'checkpoint key':<14} roles")
    for row in rows:
        moment = row.code_expires_at or row.revoked_at or row.enrolled_at
        when = moment.strftime("%Y-%m-%d %H:%M") if moment is not None else "—"
        key = "bound" if row.checkpoint_key else "—"
        roles = ",".join(row.role_scope)
        code = codes.get(row.property_id, "?")
        print(f"{row.device_id:<20} {code:<10} {row.state:<13} {when:<17} {key:<14} {roles}")
    return 0


def _revoke(database: Database, device_id: str) -> int:
    revoked = revoke_device(database, device_id)
    if not revoked.token and not revoked.code:
        print(f"helpdesk: {device_id} has no live token and no unused code", file=sys.stderr)
        return 1
    done = []
    if revoked.token:
        done.append("its device token no longer works")
    if revoked.code:
        done.append("its unused enrolment code was withdrawn")
    if revoked.certificates:
        done.append(
            f"its {revoked.certificates} act-signing certificate(s) are revoked from now "
            "(acts it signs later fail verification)"
        )
    print(f"Device {device_id} revoked: {'; '.join(done)}.")
    print(f"To provision it again: vip-console helpdesk device add {device_id}")
    return 0

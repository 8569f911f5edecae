"""``vip-console helpdesk staff …``: the property's staff at the helpdesk.

- ``add STAFF_ID --name NAME --role ROLE [--device TAB-…]…``: a new staff member; the
  PIN (6 to 8 digits) is read from standard input, never from the command line.
- ``assign`` / ``unassign STAFF_ID DEVICE``: where they may sign in (and which
  devices keep their PIN verifier for offline sign-in).
- ``totp-enrol STAFF_ID``: a new authenticator secret, printed once as its URI.
- ``unlock STAFF_ID``: clears the online lockout (a supervisor's decision).

Only the standard library at import time (``app.cli`` builds its parser from here).
"""

import argparse
import getpass
import sys
from typing import Any

ROLES = ("host", "pit_boss", "vip_desk", "concierge", "duty_manager")  # app.domain.Role


def add_arguments(commands: Any, database: Any) -> None:
    """The ``staff`` command under ``vip-console helpdesk``; ``database`` adds ``--db``."""
    staff = commands.add_parser("staff", help="staff members, their devices, authenticators")
    actions = staff.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="a new staff member (the PIN is read from stdin)")
    add.add_argument("staff_id")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--device", action="append", default=[], help="a device they work on")
    add.add_argument("--property", metavar="CODE", help="their property (default: the default one)")
    add.add_argument(
        "--group-scope",
        action="store_true",
        help="a group duty manager: may read every property's KPIs, incidents and guests "
        "(never write there)",
    )
    for name, text in (("assign", "may sign in on DEVICE"), ("unassign", "no longer on it")):
        parser = actions.add_parser(name, help=f"the staff member {text}")
        parser.add_argument("staff_id")
        parser.add_argument("device_id")
    for name, text in (
        ("totp-enrol", "a new authenticator secret, printed once"),
        ("unlock", "clear the online lockout"),
    ):
        actions.add_parser(name, help=text).add_argument("staff_id")
    for parser in actions.choices.values():
        database(parser)


def run(args: argparse.Namespace, db_url: str) -> int:
    from helpdesk.staff_admin import StaffAdmin, StaffAdminError

    admin = StaffAdmin(db_url)
    try:
        command = args.staff_command
        if command == "add":
            pin = _read_pin()
            admin.add(
                args.staff_id,
                args.name,
                args.role,
                pin,
                args.device,
                property_code=args.property,
                group_scope=args.group_scope,
            )
            print(f"staff {args.staff_id} added ({args.role}); devices: {args.device or 'none'}")
        elif command == "assign":
            admin.assign(args.staff_id, args.device_id)
        elif command == "unassign":
            admin.unassign(args.staff_id, args.device_id)
        elif command == "totp-enrol":
            print(admin.enrol_totp(args.staff_id))
        elif command == "unlock":
            admin.unlock(args.staff_id)
    except StaffAdminError as error:
        print(f"helpdesk: {error}", file=sys.stderr)
        return 1
    finally:
        admin.close()
    return 0


def _read_pin() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("PIN (6 to 8 digits): ")
    return sys.stdin.readline().strip()

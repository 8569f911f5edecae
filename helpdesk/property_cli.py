"""``vip-console helpdesk property add|list``: the group's properties at the helpdesk.

- ``add CODE --name NAME --timezone ZONE [--ticket-prefix P-]``: a new property; its
  tablets are enrolled with ``device add TAB-… --property CODE``, its staff added with
  ``staff add … --property CODE``. Its tickets are numbered ``<prefix><n>``.
- ``list``: every property, the default one (id 1) first.

Only the standard library at import time (``app.cli`` builds its parser from here).
"""

import argparse
import sys
from typing import Any


def add_arguments(commands: Any, database: Any) -> None:
    """The ``property`` command under ``vip-console helpdesk``; ``database`` adds ``--db``."""
    prop = commands.add_parser("property", help="the group's properties (casinos)")
    actions = prop.add_subparsers(dest="property_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="a new property of the group")
    add.add_argument("code", help="2 to 16 capitals or digits, e.g. RIV")
    add.add_argument("--name", required=True)
    add.add_argument("--timezone", required=True, help="an IANA zone, e.g. Europe/London")
    add.add_argument("--ticket-prefix", help="its ticket numbers' prefix (default: CODE-)")
    actions.add_parser("list", help="every property")
    for parser in actions.choices.values():
        database(parser)


def run(args: argparse.Namespace, db_url: str) -> int:
    from helpdesk.config import Settings
    from helpdesk.context import open_context
    from helpdesk.properties import PropertyError, create_property, list_properties

    settings = Settings(db_url=db_url)
    context = open_context(settings)
    try:
        if args.property_command == "add":
            made = create_property(
                context.db,
                args.code,
                args.name,
                args.timezone,
                ticket_prefix=args.ticket_prefix,
                configured_prefix=settings.ticket_prefix,
                first_ticket_number=settings.ticket_first_number,
            )
            print(
                f"property {made.code} added ({made.name}, {made.timezone}); tickets "
                f"{made.ticket_prefix}{settings.ticket_first_number}…; enrol its tablets with "
                f"`vip-console helpdesk device add TAB-… --property {made.code}`"
            )
            return 0
        print(f"{'code':<16} {'name':<30} {'time zone':<20} tickets")
        for found in list_properties(context.db):
            prefix = found.ticket_prefix or settings.ticket_prefix
            print(f"{found.code:<16} {found.name:<30} {found.timezone:<20} {prefix}…")
        return 0
    except PropertyError as error:
        print(f"helpdesk: {error}", file=sys.stderr)
        return 1
    finally:
        context.db.dispose()

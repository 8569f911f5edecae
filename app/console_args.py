"""The console start's command line: the global options and ``run``, parsed alone.

``vip-console`` has some twenty commands; building every one's parser (and importing
the helpdesk's, the acts', the reports' and the updates' argument modules) cost each
console start tens of milliseconds for arguments it never has. ``console_start_args``
parses a console start with only its own parser; anything else, or anything it is not
sure of, is left to the full parser (``app.cli.build_parser``), whose result and
messages are then the usual ones.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from app import __version__

# How the console's window shows (ui.window_mode makes "auto" concrete).
WINDOW_MODES = ("auto", "fullscreen", "maximised", "windowed", "kiosk")
# The global options, as typed in full: anything else (an abbreviation, -h) goes the
# full parser's way.
_FLAGS = frozenset({"-v", "--verbose", "--no-helpdesk"})
_WITH_VALUE = frozenset(
    {"--data-dir", "--policy", "--device-id", "--window", "--helpdesk", "--enrol"}
)


def add_console_arguments(
    parser: argparse.ArgumentParser,
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The global options and the ``run`` command on ``parser``; returns its commands."""
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="where the local store lives (default: $VIP_CONSOLE_DATA_DIR, "
        "else the platform's user data directory)",
    )
    parser.add_argument("--policy", type=Path, help="the property's SLA policy file (TOML)")
    parser.add_argument("--device-id", help="this tablet's device id (default: from the store)")
    parser.add_argument(
        "--window",
        choices=WINDOW_MODES,
        default="auto",
        help="how the console shows: auto (full screen on a tablet-sized screen, else "
        "maximised), fullscreen, maximised, windowed, or kiosk (full screen, no frame)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--helpdesk",
        dest="helpdesk_url",
        metavar="URL",
        help="the property's central helpdesk, or 'embedded' for the reference service "
        "in-process (default: embedded for a demo store, else none)",
    )
    where.add_argument("--no-helpdesk", action="store_true", help="work offline only")
    parser.add_argument(
        "--enrol",
        metavar="CODE",
        help="enrol this tablet with the helpdesk using the single-use code IT issued for "
        "its device id (`vip-console helpdesk device add`) instead of the provisioning screen",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="start the console (the default)")
    # The cold-start benchmark's finish line: quit once the start is complete.
    run.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    # The packaged build's smoke test: quit once the provisioning screen is painted.
    run.add_argument("--exit-at-provisioning", action="store_true", help=argparse.SUPPRESS)
    run.add_argument(
        "--kiosk",
        action="store_true",
        help="run as a kiosk: full screen, no frame, no way out but IT's PIN "
        "(the same as --window kiosk, or the device's kiosk setting)",
    )
    return commands


def console_start_args(argv: Sequence[str] | None = None) -> argparse.Namespace | None:
    """``argv`` parsed, when it surely starts the console (``run``, or no command);
    None when the full parser must decide: another command, help, an error."""
    import sys

    tokens = list(sys.argv[1:] if argv is None else argv)
    if not _starts_console(tokens):
        return None
    parser = _ConsoleParser(prog="vip-console")
    add_console_arguments(parser)
    try:
        args = parser.parse_args(tokens)
    except _LeftToFullParser:
        return None
    if args.command is None:
        args.command = "run"
    return args


def _starts_console(tokens: list[str]) -> bool:
    """Only known global options before ``run`` or the end; no help asked anywhere."""
    if "-h" in tokens or "--help" in tokens:
        return False
    at = 0
    while at < len(tokens):
        token = tokens[at]
        if token in _FLAGS:
            at += 1
        elif token in _WITH_VALUE and at + 1 < len(tokens):
            at += 2
        elif token.partition("=")[0] in _WITH_VALUE and "=" in token:
            at += 1
        else:
            return token == "run"
    return True


class _LeftToFullParser(Exception):
    pass


class _ConsoleParser(argparse.ArgumentParser):
    """Leaves every error to the full parser: its message names every command."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _LeftToFullParser(message)

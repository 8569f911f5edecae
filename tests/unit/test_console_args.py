"""A console start is parsed without the other commands' parsers, to the same result."""

import pytest

from app.cli import build_parser, parse_args
from app.console_args import console_start_args

CONSOLE_STARTS = [
    [],
    ["run"],
    ["--data-dir", "d", "run", "--exit-when-ready"],
    ["--data-dir=d", "--window", "kiosk", "-v", "run", "--kiosk"],
    ["--helpdesk", "http://127.0.0.1:8000", "--enrol", "ABC", "--device-id", "TAB-1"],
    ["--no-helpdesk", "--policy", "p.toml", "--verbose", "run", "--exit-at-provisioning"],
]


@pytest.mark.parametrize("argv", CONSOLE_STARTS)
def test_a_console_start_parses_as_the_full_parser_would(argv: list[str]) -> None:
    alone = console_start_args(argv)
    full = build_parser().parse_args(argv)
    full.command = full.command or "run"
    assert alone == full


@pytest.mark.parametrize(
    "argv",
    [
        ["demo-data", "--out", "d"],
        ["--data-dir", "d", "policy", "show-default"],
        ["--data", "run", "demo-data", "--out", "d"],  # an abbreviation: not ours to judge
        ["run", "--help"],
        ["--version"],
        ["--window", "sideways", "run"],  # an error: the full parser's message
        ["--helpdesk", "http://h", "--no-helpdesk"],
        ["run", "--unknown"],
        ["--data-dir"],
    ],
)
def test_anything_else_is_left_to_the_full_parser(argv: list[str]) -> None:
    assert console_start_args(argv) is None


def test_another_command_still_parses_in_full() -> None:
    args = parse_args(["--data-dir", "d", "demo-data", "--out", "o", "--guests", "5"])
    assert (args.command, args.guests) == ("demo-data", 5)

"""Which helpdesk the console syncs with: --helpdesk URL, --no-helpdesk, or the default."""

import pytest

from app.cli import helpdesk_choice, parse_args


@pytest.mark.parametrize(
    ("argv", "demo_store", "expected"),
    [
        ([], True, "embedded"),  # make run: the demo property syncs with its own helpdesk
        ([], False, None),  # a real store never starts a fake helpdesk by itself
        (["--helpdesk", "http://10.0.0.5:8765"], False, "http://10.0.0.5:8765"),
        (["--helpdesk", "http://10.0.0.5:8765"], True, "http://10.0.0.5:8765"),
        (["--helpdesk", "embedded"], False, "embedded"),
        (["--no-helpdesk"], True, None),
    ],
)
def test_the_helpdesk_choice(argv: list[str], demo_store: bool, expected: str | None) -> None:
    assert helpdesk_choice(parse_args([*argv, "run"]), demo_store) == expected


def test_a_url_and_no_helpdesk_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["--helpdesk", "http://127.0.0.1:1", "--no-helpdesk"])
    assert "not allowed with argument" in capsys.readouterr().err


@pytest.mark.parametrize("url", ["htp:/pki", "http://pki:port", "pki.example", ""])
@pytest.mark.parametrize(
    "argv",
    [
        ["report", "daily", "--date", "2026-12-01", "--out", "r.pdf", "--timestamps"],
        ["helpdesk", "serve", "--report-timestamps"],
    ],
    ids=["report", "helpdesk-serve"],
)
def test_a_timestamps_url_that_is_no_url_is_a_usage_error(
    argv: list[str], url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_args([*argv, url])
    assert exited.value.code == 2  # argparse's usage error, before anything is made
    assert "URL" in capsys.readouterr().err

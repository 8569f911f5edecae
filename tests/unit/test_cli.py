"""The command line: policy checks and logging set-up, as an operator runs them."""

import logging
from pathlib import Path

import pytest

from app.cli import configure_logging, main


def test_policy_check_accepts_the_shipped_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["policy", "show-default"]) == 0
    policy = tmp_path / "policy.toml"
    policy.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["policy", "check", str(policy)]) == 0
    assert "OK" in capsys.readouterr().out


def test_policy_check_names_the_bad_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "show-default"]) == 0
    text = capsys.readouterr().out
    policy = tmp_path / "policy.toml"
    policy.write_text(text.replace("[priorities.P1", "[priorities.P9", 1), encoding="utf-8")
    assert main(["policy", "check", str(policy)]) == 1
    assert "P9" in capsys.readouterr().err


def test_the_console_logs_to_a_rotating_file(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        configure_logging(False, tmp_path / "log")
        logging.getLogger("app.test").warning("hello from the floor")
        for handler in root.handlers:
            handler.flush()
        assert "hello from the floor" in (tmp_path / "log" / "vip-console.log").read_text()
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()

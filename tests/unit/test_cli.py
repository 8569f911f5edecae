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


def test_staff_totp_enrol_stores_the_secret_it_shows_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.security.store_key import DEMO_STORE_KEY
    from offline_cache import open_store

    # A demo directory as its user runs it: no key given (one given would win over it).
    monkeypatch.delenv("VIP_CONSOLE_STORE_KEY")

    data = tmp_path / "demo"
    assert main(["demo-data", "--guests", "3", "--out", str(data)]) == 0
    assert main(["staff", "totp-enrol", "NOBODY", "--data-dir", str(data)]) == 1
    assert "no staff member NOBODY" in capsys.readouterr().err
    assert main(["staff", "totp-enrol", "H001", "--data-dir", str(data)]) == 0
    shown = capsys.readouterr().out
    store = open_store(data, key=DEMO_STORE_KEY)
    try:
        with store.unit_of_work() as uow:
            secret = uow.staff.totp_secret("H001")
            actions = [entry.action for entry in uow.audit.recent(5)]
    finally:
        store.close()
    assert secret is not None and f"secret={secret}" in shown
    assert actions[0] == "auth.totp_enrol"  # newest first

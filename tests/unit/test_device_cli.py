"""``vip-console helpdesk device add|list|revoke`` as IT runs them, on a SQLite file."""

from pathlib import Path

import pytest

from app.cli import main
from app.sync.enrolment_uri import enrolment_uri, parse_enrolment_uri
from helpdesk.db import Database
from helpdesk.enrolment import code_hash, normalise_code
from helpdesk.models import EnrolmentCode


def _code(output: str) -> str:
    line = next(line for line in output.splitlines() if "enrolment code" in line)
    return line.rsplit(" ", 1)[1]


def _stored(db: Path) -> list[EnrolmentCode]:
    from sqlalchemy import select

    database = Database(f"sqlite:///{db}")
    try:
        with database.read() as session:
            return list(session.scalars(select(EnrolmentCode)))
    finally:
        database.dispose()


def test_add_prints_a_code_and_its_qr_and_keeps_only_its_hash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, png = tmp_path / "helpdesk.db", tmp_path / "tab.png"
    args = ["helpdesk", "device", "add", "TAB-0042", "--db", str(db)]
    assert main([*args, "--role-scope", "host,pit_boss", "--png", str(png)]) == 0
    out = capsys.readouterr().out
    code = _code(out)
    assert len(normalise_code(code)) == 16 and "roles: host, pit_boss" in out
    assert "█" in out or "▀" in out  # the terminal QR code
    assert png.read_bytes().startswith(b"\x89PNG")
    [row] = _stored(db)
    assert row.code_sha256 == code_hash(code) and code not in row.code_sha256
    assert row.role_scope == "host,pit_boss" and row.used_at is None
    assert normalise_code(code) not in db.read_bytes().decode("latin-1")


def test_add_refuses_an_unknown_role_and_a_second_code_replaces_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "helpdesk.db")
    assert main(["helpdesk", "device", "add", "TAB-1", "--db", db, "--role-scope", "chef"]) == 2
    assert "unknown role 'chef'" in capsys.readouterr().err
    assert main(["helpdesk", "device", "add", "TAB-1", "--db", db]) == 0
    first = _code(capsys.readouterr().out)
    assert main(["helpdesk", "device", "add", "TAB-1", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "no longer works" in out
    [row] = _stored(tmp_path / "helpdesk.db")
    assert row.code_sha256 == code_hash(_code(out)) != code_hash(first)


def test_list_and_revoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "helpdesk.db")
    assert main(["helpdesk", "device", "list", "--db", db]) == 0
    assert "No devices" in capsys.readouterr().out
    assert main(["helpdesk", "device", "add", "TAB-1", "--db", db, "--valid-for", "2"]) == 0
    capsys.readouterr()
    assert main(["helpdesk", "device", "list", "--db", db]) == 0
    [row] = [line for line in capsys.readouterr().out.splitlines() if "TAB-1" in line]
    assert "code issued" in row and "host,pit_boss,vip_desk,concierge" in row
    assert main(["helpdesk", "device", "revoke", "TAB-1", "--db", db]) == 0
    assert "unused enrolment code was withdrawn" in capsys.readouterr().out
    assert _stored(tmp_path / "helpdesk.db") == []
    assert main(["helpdesk", "device", "revoke", "TAB-1", "--db", db]) == 1
    assert "no live token" in capsys.readouterr().err


def test_the_qr_code_carries_the_device_id_and_the_code() -> None:
    uri = enrolment_uri("TAB-0042", "K7QM4XPA9RTE2WDN", "https://helpdesk.example:8765")
    ticket = parse_enrolment_uri(uri)
    assert ticket is not None
    assert (ticket.device_id, ticket.code) == ("TAB-0042", "K7QM4XPA9RTE2WDN")
    assert ticket.helpdesk_url == "https://helpdesk.example:8765"
    assert parse_enrolment_uri("K7QM-4XPA-9RTE-2WDN") is None
    assert normalise_code("k7qm-4xpa 9rte-2wdn") == normalise_code("K7QM4XPA9RTE2WDN")

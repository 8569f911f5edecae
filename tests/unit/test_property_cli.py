"""``vip-console helpdesk property add|list`` and the ``--property`` of ``device add`` and
``staff add``, as IT runs them on a SQLite file."""

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from helpdesk.db import Database
from helpdesk.models import EnrolmentCode, StaffRow


def _rows(db: Path, model: type[EnrolmentCode] | type[StaffRow]) -> dict[str, int]:
    database = Database(f"sqlite:///{db}")
    try:
        with database.read() as session:
            return {
                row.device_id if isinstance(row, EnrolmentCode) else row.id: row.property_id
                for row in session.scalars(select(model))
            }
    finally:
        database.dispose()


def test_a_property_is_added_listed_and_given_its_devices_and_staff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "helpdesk.db")
    add = ["helpdesk", "property", "add", "RIV", "--db", db, "--name", "Riverside"]
    assert main([*add, "--timezone", "Australia/Sydney"]) == 0
    assert "tickets RIV-20001" in capsys.readouterr().out
    assert main([*add, "--timezone", "Australia/Sydney"]) == 1  # the code is taken
    assert "has that code" in capsys.readouterr().err
    assert (
        main(
            [
                "helpdesk",
                "property",
                "add",
                "SEA",
                "--db",
                db,
                "--name",
                "Sea",
                "--timezone",
                "Mars/Olympus",
            ]
        )
        == 1
    )
    assert "unknown time zone" in capsys.readouterr().err
    assert main(["helpdesk", "property", "list", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert "MAIN" in listed and "VIP-" in listed and "Riverside" in listed and "RIV-" in listed

    assert main(["helpdesk", "device", "add", "TAB-R1", "--db", db, "--property", "riv"]) == 0
    assert main(["helpdesk", "device", "add", "TAB-M1", "--db", db]) == 0
    assert main(["helpdesk", "device", "add", "TAB-X1", "--db", db, "--property", "NOPE"]) == 2
    assert "no property 'NOPE'" in capsys.readouterr().err
    assert main(["helpdesk", "device", "list", "--db", db]) == 0
    assert [line.split()[1] for line in capsys.readouterr().out.splitlines()[1:]] == ["MAIN", "RIV"]

    monkeypatch.setattr("sys.stdin", io.StringIO("246810\n"))
    staff = ["helpdesk", "staff", "add", "R001", "--db", db, "--name", "Rhea", "--role", "vip_desk"]
    assert main([*staff, "--property", "RIV"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("246810\n"))
    group = ["helpdesk", "staff", "add", "G1", "--db", db, "--name", "Gail", "--role", "host"]
    assert main([*group, "--group-scope"]) == 1  # a host is no group duty manager
    assert "only a duty manager" in capsys.readouterr().err
    assert _rows(tmp_path / "helpdesk.db", EnrolmentCode) == {"TAB-R1": 2, "TAB-M1": 1}
    assert _rows(tmp_path / "helpdesk.db", StaffRow) == {"R001": 2}

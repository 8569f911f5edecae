"""0012_report_sign_off: a store with acts (an act upgraded once: two revisions) takes
the third kind of act, keeps its acts and revisions, and they stay immutable."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from app.acts.model import ActKind, ActRecord
from offline_cache import open_store
from tests.unit.test_store_upgrade import migrate_to

AT = "2026-12-03T10:00:00.000000+00:00"
SHA_0, SHA_1 = "a0" * 32, "a1" * 32


def _store_with_an_act(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            migrate_to(connection, "0011_alerts")
            connection.execute(
                text(
                    "INSERT INTO acts VALUES ('act-1', 'i-1', 'post_incident_report', 'T-1-R1',"
                    " :at, 'P001', 'TAB-1', :sha, NULL)"
                ),
                {"at": AT, "sha": "c" * 64},
            )
            for seq, sha, previous in ((0, SHA_0, None), (1, SHA_1, SHA_0)):
                connection.execute(
                    text(
                        "INSERT INTO act_revisions VALUES (:sha, 'act-1', 'i-1', :seq, 'B-B', 10,"
                        " :at, :previous)"
                    ),
                    {"sha": sha, "seq": seq, "at": AT, "previous": previous},
                )
            connection.commit()
    finally:
        engine.dispose()


def test_a_store_with_acts_takes_sign_offs_and_keeps_its_acts_immutable(tmp_path: Path) -> None:
    _store_with_an_act(tmp_path / "store.db")
    store = open_store(tmp_path)
    try:
        with store.unit_of_work() as uow:
            [report] = uow.acts.for_incident("i-1")
            assert [r.sha256 for r in uow.acts.revisions("act-1")] == [SHA_0, SHA_1]
            uow.acts.add(
                ActRecord(
                    id="act-2",
                    incident_id="i-1",
                    kind=ActKind.REPORT_SIGN_OFF,
                    number="T-1-S1",
                    created_at=datetime(2026, 12, 3, 11, tzinfo=UTC),
                    created_by="M001",
                    device_id="TAB-1",
                    content_sha256="d" * 64,
                )
            )
        with store.unit_of_work() as uow:
            kinds = [a.kind for a in uow.acts.for_incident("i-1")]
        assert report.kind is ActKind.POST_INCIDENT_REPORT
        assert kinds == [ActKind.POST_INCIDENT_REPORT, ActKind.REPORT_SIGN_OFF]
        for statement in ("DELETE FROM acts", "UPDATE act_revisions SET size = 1"):
            with pytest.raises(DBAPIError, match="immutable"):
                with store.unit_of_work() as uow:
                    uow.acts._conn.execute(text(statement))  # type: ignore[attr-defined]
    finally:
        store.close()

"""ActService on a real SQLite store: permission, audit, outbox and immutable storage."""

import hashlib
import stat
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.acts.model import (
    ActKind,
    CompensationKind,
    CompensationPromise,
    GuestSignature,
    GuestSignatureStatus,
    ReportDraft,
    SignatureLevel,
)
from app.acts.rules import InvalidAct
from app.acts.store import ActFileCorrupt, ActFileStore
from app.acts.strokes import DrawnSignature
from app.domain import IncidentStatus, Priority
from app.services.errors import PermissionDenied
from app.sync.outbox import OutboxKind
from tests.unit.acts_fixtures import (
    CONCIERGE,
    HOST,
    PIT_BOSS,
    ActsEnv,
    act_draft,
    drawn,
    incident,
    open_env,
)


@pytest.fixture
def acts_env(tmp_path: Path) -> Iterator[ActsEnv]:
    with open_env(tmp_path / "data") as env:
        yield env


def test_an_act_is_stored_by_hash_indexed_queued_and_audited(acts_env: ActsEnv) -> None:
    recorded = acts_env.service.record_act(PIT_BOSS, act_draft())
    data = recorded.pdf
    sha = hashlib.sha256(data).hexdigest()
    path = acts_env.service.files.path(sha)
    assert path == acts_env.data_dir / "acts" / f"{sha}.act"
    assert acts_env.service.files.get(sha) == data
    assert recorded.revision.sha256 == sha and recorded.revision.level is SignatureLevel.B_B
    assert recorded.revision.seq == 0 and recorded.revision.previous_sha256 is None
    assert not path.stat().st_mode & stat.S_IWUSR  # read-only on disk
    assert recorded.act.number == "TAB-TEST01-i-1-A1"
    assert recorded.act.guest_status is GuestSignatureStatus.SIGNED

    with acts_env.store.unit_of_work() as uow:
        assert [a.id for a in uow.acts.for_incident("i-1")] == [recorded.act.id]
        stored = uow.incidents.by_id("i-1")
        rows = uow.outbox.pending_for("i-1")
        entries = uow.audit.recent(5)
    assert stored is not None and sha in stored.attachments
    assert stored.events[-1].detail.startswith("Act TAB-TEST01-i-1-A1 signed")
    kinds = [row.kind for row in rows]
    assert kinds[-2:] == [OutboxKind.INCIDENT_EVENT, OutboxKind.ATTACHMENT_UPLOAD]
    upload = rows[-1]
    assert upload.payload == {"sha256": sha, "stored": "acts", "content_type": "application/pdf"}
    assert upload.actor_id == "P001"
    assert entries[0].action == "act.record" and entries[0].target == recorded.act.id


def test_acts_of_one_incident_are_numbered_in_turn(acts_env: ActsEnv) -> None:
    first = acts_env.service.record_act(PIT_BOSS, act_draft())
    second = acts_env.service.record_act(PIT_BOSS, act_draft(decision="A second decision."))
    assert (first.act.number, second.act.number) == ("TAB-TEST01-i-1-A1", "TAB-TEST01-i-1-A2")
    assert first.revision.sha256 != second.revision.sha256


def test_a_role_without_the_right_is_refused_and_the_refusal_audited(acts_env: ActsEnv) -> None:
    with pytest.raises(PermissionDenied):
        acts_env.service.record_act(CONCIERGE, act_draft())
    with acts_env.store.unit_of_work() as uow:
        assert uow.acts.for_incident("i-1") == []
        assert uow.audit.recent(1)[0].action == "permission.denied"
    assert not (acts_env.data_dir / "acts").exists()


def test_a_pit_boss_records_only_compensation_a_host_agreed(acts_env: ActsEnv) -> None:
    promise = act_draft().compensation[0]
    unagreed = act_draft(compensation=(replace(promise, agreed_by=""),))
    with pytest.raises(PermissionDenied):
        acts_env.service.record_act(PIT_BOSS, unagreed)
    not_a_host = act_draft(compensation=(replace(promise, agreed_by="C001"),))
    with pytest.raises(PermissionDenied):
        acts_env.service.record_act(PIT_BOSS, not_a_host)
    recorded = acts_env.service.record_act(HOST, unagreed)  # a host may offer it
    assert recorded.act.created_by == "H001"


def test_no_free_play_for_a_self_excluded_guest(acts_env: ActsEnv) -> None:
    free_play = CompensationPromise(
        CompensationKind.FREE_PLAY,
        "AUD 500 free play",
        "This visit",
        Decimal("500"),
        agreed_by="H001",
    )
    with pytest.raises(InvalidAct, match="never offer free play"):
        acts_env.service.record_act(PIT_BOSS, act_draft("i-quiet", compensation=(free_play,)))
    lounge = replace(free_play, kind=CompensationKind.LOUNGE_CREDIT, description="Lounge credit")
    assert acts_env.service.record_act(PIT_BOSS, act_draft("i-quiet", compensation=(lounge,)))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"decision": "  "}, "decision is required"),
        ({"staff_signature": DrawnSignature(400, 150)}, "staff signature is missing"),
        ({"guest": GuestSignature(GuestSignatureStatus.SIGNED)}, "guest's signature is missing"),
        ({"guest": GuestSignature(GuestSignatureStatus.DECLINED, drawn(2))}, "did not sign"),
        (
            {"compensation": (CompensationPromise(CompensationKind.OTHER, "Voucher", " "),)},
            "conditions",
        ),
        (
            {"compensation": (CompensationPromise(CompensationKind.OTHER, "V", "C", Decimal(-1)),)},
            "negative",
        ),
    ],
)
def test_incomplete_drafts_are_refused(acts_env: ActsEnv, changes: dict, message: str) -> None:
    with pytest.raises(InvalidAct, match=message):
        acts_env.service.record_act(PIT_BOSS, act_draft(**changes))


def test_a_closed_case_takes_no_new_act(acts_env: ActsEnv) -> None:
    with pytest.raises(InvalidAct, match="before the case is closed"):
        acts_env.service.record_act(PIT_BOSS, act_draft("i-closed"))


def test_a_guest_who_declines_is_recorded_as_declining(acts_env: ActsEnv) -> None:
    draft = act_draft(guest=GuestSignature(GuestSignatureStatus.DECLINED, note="No comment"))
    recorded = acts_env.service.record_act(PIT_BOSS, draft)
    assert recorded.act.guest_status is GuestSignatureStatus.DECLINED
    with acts_env.store.unit_of_work() as uow:
        assert "guest:declined" in uow.audit.recent(1)[0].detail


def test_post_incident_report_is_due_then_filed(acts_env: ActsEnv) -> None:
    service, clock = acts_env.service, acts_env.clock
    resolved = incident("i-p1", status=IncidentStatus.RESOLVED)
    with acts_env.store.unit_of_work() as uow:
        uow.incidents.save(resolved)
    clock.set(resolved.events[-1].at + timedelta(hours=25))
    due = {d.incident_id: d for d in service.due_reports(PIT_BOSS)}
    assert set(due) == {"i-p1", "i-closed"}  # both P1, resolved 25 h ago
    assert due["i-p1"].overdue and due["i-p1"].due_at == resolved.events[-1].at + timedelta(
        hours=24
    )

    report = ReportDraft(
        "i-p1", "Shoe sensor misread", ("Replace the sensor", "Train dealers"), drawn()
    )
    recorded = service.record_report(PIT_BOSS, report)
    assert recorded.act.kind is ActKind.POST_INCIDENT_REPORT
    assert recorded.act.number == "TAB-TEST01-i-p1-R1"
    assert [d.incident_id for d in service.due_reports(PIT_BOSS)] == ["i-closed"]


def test_reports_are_for_p1_and_p2_only(acts_env: ActsEnv) -> None:
    with acts_env.store.unit_of_work() as uow:
        uow.incidents.save(incident("i-p3", priority=Priority.P3, status=IncidentStatus.RESOLVED))
    report = ReportDraft("i-p3", "cause", ("measure",), drawn())
    with pytest.raises(InvalidAct, match="P1 and P2"):
        acts_env.service.record_report(PIT_BOSS, report)


def test_act_rows_and_revisions_are_immutable(acts_env: ActsEnv) -> None:
    recorded = acts_env.service.record_act(PIT_BOSS, act_draft())
    for statement in (
        "UPDATE acts SET number = 'X'",
        "DELETE FROM acts",
        "UPDATE act_revisions SET level = 'B-LT'",
        "DELETE FROM act_revisions",
    ):
        with pytest.raises(DBAPIError, match="immutable"):
            with acts_env.store.unit_of_work() as uow:
                uow.acts._conn.execute(text(statement))  # type: ignore[attr-defined]
    with acts_env.store.unit_of_work() as uow:
        assert uow.acts.latest_revision(recorded.act.id) == recorded.revision


def test_the_file_store_writes_once_and_checks_on_read(tmp_path) -> None:
    files = ActFileStore(tmp_path / "acts", lambda: b"k" * 32)
    sha = files.put(b"%PDF-1.7 one")
    assert files.put(b"%PDF-1.7 one") == sha
    assert files.get(sha) == b"%PDF-1.7 one"
    assert [p.name for p in (tmp_path / "acts").iterdir()] == [f"{sha}.act"]
    path = files.path(sha)
    other = files.put(b"%PDF-1.7 two")
    path.chmod(0o644)
    path.write_bytes(files.path(other).read_bytes())  # another act's sealed bytes
    with pytest.raises(ActFileCorrupt):
        files.get(sha)
    with pytest.raises(ValueError):
        files.path("../../etc/passwd")


def test_pdf_is_served_for_the_newest_revision_and_audited(acts_env: ActsEnv) -> None:
    recorded = acts_env.service.record_act(PIT_BOSS, act_draft())
    assert acts_env.service.pdf(HOST, recorded.act.id) == recorded.pdf
    listed = acts_env.service.acts_for_incident(HOST, "i-1")
    assert listed == [(recorded.act, recorded.revision)]
    with acts_env.store.unit_of_work() as uow:
        assert uow.audit.recent(1)[0].action == "act.view"

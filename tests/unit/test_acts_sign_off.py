"""A duty manager signs off a resolved incident's post-incident report: a signed PDF like
any act, on the incident's timeline, queued for the helpdesk, audited; once per report."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from app.actor import Actor
from app.acts.content import content_from_pdf
from app.acts.model import ActKind, ReportDraft, SignOffDraft
from app.acts.rules import InvalidAct
from app.acts.strokes import DrawnSignature
from app.domain import IncidentStatus, Tier
from app.policy import load_policy
from app.services.errors import PermissionDenied
from app.services.incident_detail import Step, next_steps
from app.services.validation import CardNumberRefused
from app.sla import sla_status
from app.sync.outbox import OutboxKind
from tests.unit.acts_fixtures import (
    CONCIERGE,
    DUTY_MANAGER,
    HOST,
    PIT_BOSS,
    ActsEnv,
    drawn,
    exported,
    incident,
    open_env,
    pdftotext,
)

REVIEW = "Root cause agreed; sensor replacement to be checked at the next P1 drill."


@pytest.fixture
def acts_env(tmp_path: Path) -> Iterator[ActsEnv]:
    with open_env(tmp_path / "data") as env:
        with env.store.unit_of_work() as uow:
            uow.incidents.save(incident("i-p1", status=IncidentStatus.RESOLVED))
        env.clock.set(env.clock.now() + timedelta(hours=1))
        yield env


def _report(env: ActsEnv, cause: str = "Shoe sensor misread") -> str:
    draft = ReportDraft("i-p1", cause, ("Replace the sensor",), drawn())
    return env.service.record_report(PIT_BOSS, draft).act.id


def _sign_off(report_id: str, **changes: object) -> SignOffDraft:
    draft = SignOffDraft("i-p1", report_id, REVIEW, drawn(2))
    return replace(draft, **changes)  # type: ignore[arg-type]


def test_a_report_awaits_the_duty_manager_then_is_signed_off(acts_env: ActsEnv) -> None:
    service = acts_env.service
    assert service.reports_to_sign_off(DUTY_MANAGER) == []
    report_id = _report(acts_env)
    [waiting] = service.reports_to_sign_off(DUTY_MANAGER)
    assert (waiting.incident_id, waiting.report.id) == ("i-p1", report_id)

    acts_env.clock.set(acts_env.clock.now() + timedelta(minutes=5))
    recorded = service.record_sign_off(DUTY_MANAGER, _sign_off(report_id))
    assert recorded.act.kind is ActKind.REPORT_SIGN_OFF
    assert recorded.act.number == "TAB-TEST01-i-p1-S1" and recorded.act.created_by == "M001"
    content = content_from_pdf(recorded.pdf)
    assert content.sha256 == recorded.act.content_sha256
    with acts_env.store.unit_of_work() as uow:
        report = uow.acts.by_id(report_id)
        stored = uow.incidents.by_id("i-p1")
        rows = uow.outbox.pending_for("i-p1")
        entry = uow.audit.recent(1)[0]
    assert report is not None and stored is not None
    # What was read is what is signed off: the report by number and content hash.
    assert content.plain["sign_off"]["report"]["content_sha256"] == report.content_sha256
    assert content.plain["sign_off"]["review"] == REVIEW
    reviewed = content.plain["sign_off"]["report"]
    assert (reviewed["root_cause"], reviewed["measures"]) == (
        "Shoe sensor misread",
        ["Replace the sensor"],
    )
    assert content.plain["staff"] == {
        "id": "M001",
        "name": "Harriet Okafor",
        "role": "duty_manager",
    }
    assert stored.events[-1].detail.startswith(
        "Post-incident report TAB-TEST01-i-p1-R1 signed off: TAB-TEST01-i-p1-S1"
    )
    assert stored.events[-1].actor_id == "M001"
    assert recorded.revision.sha256 in stored.attachments
    assert [r.kind for r in rows][-2:] == [OutboxKind.INCIDENT_EVENT, OutboxKind.ATTACHMENT_UPLOAD]
    assert rows[-1].actor_id == "M001"
    assert (entry.action, entry.staff_id, entry.target) == ("act.record", "M001", recorded.act.id)
    assert service.reports_to_sign_off(DUTY_MANAGER) == []


def test_the_sign_off_reads_as_one(acts_env: ActsEnv, tmp_path: Path) -> None:
    recorded = acts_env.service.record_sign_off(DUTY_MANAGER, _sign_off(_report(acts_env)))
    text = " ".join(pdftotext(exported(recorded.pdf, tmp_path)).split())
    assert "Post-incident report sign-off" in text
    assert "TAB-TEST01-i-p1-R1" in text and "Harriet Okafor" in text
    assert "Duty manager" in text and "sensor replacement" in text
    assert "Root cause, as reported" in text and "Shoe sensor misread" in text


@pytest.mark.parametrize("who", [PIT_BOSS, HOST, CONCIERGE], ids=lambda a: a.role.value)
def test_only_a_duty_manager_signs_off_and_a_refusal_is_audited(
    acts_env: ActsEnv, who: Actor
) -> None:
    report_id = _report(acts_env)
    with pytest.raises(PermissionDenied):
        acts_env.service.record_sign_off(who, _sign_off(report_id))
    with acts_env.store.unit_of_work() as uow:
        entry = uow.audit.recent(1)[0]
        assert uow.acts.count_for_incident("i-p1", ActKind.REPORT_SIGN_OFF) == 0
    assert (entry.staff_id, entry.action) == (who.staff_id, "permission.denied")


def test_a_duty_manager_signs_no_act_nor_report(acts_env: ActsEnv) -> None:
    with pytest.raises(PermissionDenied):
        acts_env.service.record_report(
            DUTY_MANAGER, ReportDraft("i-p1", "cause", ("measure",), drawn())
        )


def test_a_report_is_signed_off_once(acts_env: ActsEnv) -> None:
    report_id = _report(acts_env)
    acts_env.service.record_sign_off(DUTY_MANAGER, _sign_off(report_id))
    with pytest.raises(InvalidAct, match="already signed off"):
        acts_env.service.record_sign_off(DUTY_MANAGER, _sign_off(report_id))


def test_a_corrected_report_is_the_one_to_sign_off(acts_env: ActsEnv) -> None:
    first = _report(acts_env)
    acts_env.service.record_sign_off(DUTY_MANAGER, _sign_off(first))
    acts_env.clock.set(acts_env.clock.now() + timedelta(minutes=1))
    second = _report(acts_env, "Sensor misread, and the dealer was not told")
    with pytest.raises(InvalidAct, match="sign off TAB-TEST01-i-p1-R2"):
        acts_env.service.record_sign_off(DUTY_MANAGER, _sign_off(first))
    [waiting] = acts_env.service.reports_to_sign_off(DUTY_MANAGER)
    assert waiting.report.id == second
    recorded = acts_env.service.record_sign_off(DUTY_MANAGER, _sign_off(second))
    assert recorded.act.number == "TAB-TEST01-i-p1-S2"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"review": "  "}, "review"),
        ({"staff_signature": DrawnSignature(400, 150, ())}, "sign on the pad"),
        ({"report_act_id": "no-such-act"}, "no post-incident report"),
    ],
    ids=["no review", "no signature", "unknown report"],
)
def test_incomplete_sign_offs_are_refused(acts_env: ActsEnv, changes: dict, message: str) -> None:
    draft = _sign_off(_report(acts_env), **changes)
    with pytest.raises(InvalidAct, match=message):
        acts_env.service.record_sign_off(DUTY_MANAGER, draft)


def test_no_card_number_is_signed_into_a_review(acts_env: ActsEnv) -> None:
    draft = _sign_off(_report(acts_env), review="Refunded to 4111 1111 1111 1111")
    with pytest.raises(CardNumberRefused):
        acts_env.service.record_sign_off(DUTY_MANAGER, draft)


def test_an_open_incident_has_no_report_to_sign_off(acts_env: ActsEnv) -> None:
    report_id = _report(acts_env)
    with acts_env.store.unit_of_work() as uow:
        reopened = uow.incidents.by_id("i-p1")
        assert reopened is not None
        uow.incidents.save(replace(reopened, status=IncidentStatus.IN_PROGRESS))
    with pytest.raises(InvalidAct, match="still open"):
        acts_env.service.record_sign_off(DUTY_MANAGER, _sign_off(report_id))
    assert acts_env.service.reports_to_sign_off(DUTY_MANAGER) == []


def test_only_a_duty_manager_lists_reports_to_sign_off(acts_env: ActsEnv) -> None:
    with pytest.raises(PermissionDenied):
        acts_env.service.reports_to_sign_off(PIT_BOSS)


def test_the_incident_screen_offers_the_sign_off_to_a_duty_manager_once(
    acts_env: ActsEnv,
) -> None:
    def steps(who: Actor) -> tuple[Step, ...]:
        with acts_env.store.unit_of_work() as uow:
            found = uow.incidents.by_id("i-p1")
            acts = tuple(uow.acts.for_incident("i-p1"))
        assert found is not None
        now = acts_env.clock.now()
        return next_steps(who, found, sla_status(found, Tier.VIP, load_policy(None), now), acts)

    assert Step.SIGN_OFF not in steps(DUTY_MANAGER)  # no report yet
    report_id = _report(acts_env)
    assert Step.SIGN_OFF in steps(DUTY_MANAGER)
    assert Step.SIGN_OFF not in steps(PIT_BOSS) and Step.SIGN_OFF not in steps(HOST)
    acts_env.service.record_sign_off(DUTY_MANAGER, _sign_off(report_id))
    assert steps(DUTY_MANAGER) == (Step.NOTE, Step.ATTACH)

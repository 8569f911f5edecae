"""What an act may hold and who may read it (issue 13, item 4).

* no full payment card number in any text an act carries: refused before anything is
  rendered, signed or stored, with the message every other field gives;
* an act's pages (the PDF, the screen copy, the guest's printed copy) show the amount
  and the compensation values: only roles that may see amounts get them, and a
  concierge reading the incident gets its compensation events without values.
"""

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from app.acts.model import GuestSignature, GuestSignatureStatus, ReportDraft
from app.domain import EventKind, IncidentStatus
from app.domain.incident import new_event, with_event
from app.policy import load_policy
from app.recovery.matrix import CompensationItem
from app.recovery.proposals import Promise
from app.services.errors import PermissionDenied
from app.services.incidents import IncidentService
from app.services.validation import CardNumberRefused
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

CARD = "4111 1111 1111 1111"  # a Visa test number, Luhn-valid


@pytest.fixture
def acts_env(tmp_path: Path) -> Iterator[ActsEnv]:
    with open_env(tmp_path / "data") as env:
        yield env


def _nothing_recorded(env: ActsEnv, incident_id: str = "i-1") -> None:
    acts_dir = env.data_dir / "acts"
    assert not acts_dir.exists() or not any(acts_dir.iterdir())
    with env.store.unit_of_work() as uow:
        assert uow.acts.for_incident(incident_id) == []
        assert [r for r in uow.outbox.pending_for(incident_id)] == []


def _with_card(field: str) -> dict[str, object]:
    promise = act_draft().compensation[0]
    return {
        "decision": {"decision": f"Refund to card {CARD} approved."},
        "statement": {"statement": f"Guest read out {CARD}."},
        "guest_note": {
            "guest": GuestSignature(GuestSignatureStatus.DECLINED, note=f"Refund to {CARD}")
        },
        "compensation_description": {
            "compensation": (replace(promise, description=f"Refund to {CARD}"),)
        },
        "compensation_conditions": {
            "compensation": (replace(promise, conditions=f"Paid to card {CARD}"),)
        },
    }[field]


@pytest.mark.parametrize(
    "field",
    ["decision", "statement", "guest_note", "compensation_description", "compensation_conditions"],
)
def test_a_card_number_in_any_act_field_is_refused_before_signing(
    acts_env: ActsEnv, field: str
) -> None:
    with pytest.raises(CardNumberRefused) as refused:
        acts_env.service.record_act(PIT_BOSS, act_draft(**_with_card(field)))
    assert refused.value.field == field and refused.value.brands == ("Visa",)
    assert "1111 1111" not in str(refused.value)  # the message never repeats the number
    _nothing_recorded(acts_env)


def test_the_act_refusal_reads_as_a_notes_refusal(acts_env: ActsEnv) -> None:
    incidents = IncidentService(acts_env.store, acts_env.clock, load_policy())
    with pytest.raises(CardNumberRefused) as note:
        incidents.add_note(PIT_BOSS, "i-1", f"Card {CARD}")
    with pytest.raises(CardNumberRefused) as act:
        acts_env.service.record_act(PIT_BOSS, act_draft(statement=f"Card {CARD}"))
    assert act.value.key == note.value.key == "text.card_number"
    assert str(act.value) == str(note.value).replace("note", "statement")


@pytest.mark.parametrize(
    "changes",
    [
        {"root_cause": f"Refund keyed to {CARD}"},
        {"impact": f"Charged twice on {CARD}"},
        {"measures": ("Retrain the cage", f"Void {CARD}")},
    ],
)
def test_a_card_number_in_a_post_incident_report_is_refused(
    acts_env: ActsEnv, changes: dict[str, object]
) -> None:
    with acts_env.store.unit_of_work() as uow:
        uow.incidents.save(incident("i-p1", status=IncidentStatus.RESOLVED))
    draft = ReportDraft("i-p1", "Shoe change missed", ("Retrain",), drawn(0))
    with pytest.raises(CardNumberRefused):
        acts_env.service.record_report(PIT_BOSS, replace(draft, **changes))  # type: ignore[arg-type]
    _nothing_recorded(acts_env, "i-p1")


def test_a_masked_card_is_fine(acts_env: ActsEnv) -> None:
    recorded = acts_env.service.record_act(
        PIT_BOSS, act_draft(statement="Guest showed a card ending 411111******1111.")
    )
    assert acts_env.service.files.exists(recorded.revision.sha256)


def test_a_concierge_gets_no_act_pages_and_each_refusal_is_audited(acts_env: ActsEnv) -> None:
    act_id = acts_env.service.record_act(PIT_BOSS, act_draft()).act.id
    service = acts_env.service
    for read in (service.pdf, service.view_copy, service.guest_copy):
        with pytest.raises(PermissionDenied) as refused:
            read(CONCIERGE, act_id)
        assert refused.value.action == "incident.view_amounts"
        with acts_env.store.unit_of_work() as uow:
            last = uow.audit.recent(1)[0]
        assert (last.action, last.target, last.detail) == (
            "permission.denied",
            act_id,
            "incident.view_amounts",
        )
    # The list of acts stays: a concierge can tell the incident has one.
    assert [a.id for a, _rev in service.acts_for_incident(CONCIERGE, "i-1")] == [act_id]
    # Roles that may see amounts read the pages, amount included.
    copy = service.view_copy(HOST, act_id)
    assert copy.content.plain["incident"]["amount"] == "12000.00"
    assert service.pdf(PIT_BOSS, act_id).startswith(b"%PDF")


def test_compensation_values_on_the_timeline_are_hidden_from_a_concierge(
    acts_env: ActsEnv,
) -> None:
    promise = Promise(
        (CompensationItem("fnb_credit", "F&B credit", "This stay", Decimal("300")),), "AUD"
    )
    with acts_env.store.unit_of_work() as uow:
        base = uow.incidents.by_id("i-1")
        assert base is not None
        event = new_event(
            base, EventKind.COMPENSATION_PROMISED, "H001", base.opened_at, promise.to_json()
        )
        uow.incidents.save(with_event(base, event))
    incidents = IncidentService(acts_env.store, acts_env.clock, load_policy())

    for seen in (
        incidents.get(CONCIERGE, "i-1"),
        incidents.detail(CONCIERGE, "i-1").incident,
    ):
        assert seen.amount is None and seen.transaction_ref == ""
        [promised] = [e for e in seen.events if e.kind is EventKind.COMPENSATION_PROMISED]
        shown = Promise.from_json(promised.detail)
        assert [(i.label, i.amount) for i in shown.items] == [("F&B credit", None)]
        assert "300" not in promised.detail

    hosts = incidents.get(HOST, "i-1")
    [promised] = [e for e in hosts.events if e.kind is EventKind.COMPENSATION_PROMISED]
    assert Promise.from_json(promised.detail).items[0].amount == Decimal("300")

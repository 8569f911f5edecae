"""A field changed on two tablets and settled, in the incident's history: the field by
its name and its values in words (a status, a level L1-L4), in English and in French."""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain import EventKind, IncidentEvent
from ui.incident.fields import field_value
from ui.incident.history import EventsModel

AT = datetime(2026, 12, 3, 21, 30, tzinfo=UTC)


def _settled(field: str, given_up: str, kept: str) -> IncidentEvent:
    settled = EventKind.CONFLICT_SETTLED
    return IncidentEvent("e-1", "i-1", AT, settled, "P001", field, given_up, kept)


def _detail(qtbot, event: IncidentEvent) -> str:
    model = EventsModel()
    model.show([event], {"P001": "Ana Pit"})
    return model.index(0, 3).data()


def test_a_settled_field_reads_in_words(qtbot) -> None:
    level = _detail(qtbot, _settled("manual_escalation_level", "2", "3"))
    assert level == "Escalation level: L2 → L3 (the second kept)"
    status = _detail(qtbot, _settled("status", "waiting", "resolved"))
    assert status == "Status: Waiting → Resolved (the second kept)"
    owner = _detail(qtbot, _settled("owner_id", "H001", "H002"))  # ids stay as they are
    assert owner == "Owner: H001 → H002 (the second kept)"


def test_a_settled_field_reads_in_french(qtbot, french) -> None:
    level = _detail(qtbot, _settled("manual_escalation_level", "2", "3"))
    assert level.startswith("Niveau d'escalade : L2 → L3")
    status = _detail(qtbot, _settled("status", "waiting", "resolved"))
    assert status.startswith("Statut : En attente → Résolu")


def test_a_value_the_console_does_not_know_stays_as_it_came() -> None:
    assert field_value("status", "on_hold") == "on_hold"
    assert field_value("guest_id", None) == "—"
    assert field_value("custom", {"a": 1}) == '{"a": 1}'

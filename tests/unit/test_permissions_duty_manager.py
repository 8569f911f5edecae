"""The duty manager (SPEC §5: the ladder's service manager and VIP director), one row per
action: reads every incident and the KPIs, notes, signs off post-incident reports;
decides nothing that is a pit boss's or a host's."""

import pytest

from app.actor import Actor
from app.domain import Role
from app.permissions import ROLE_ACTIONS, Action, allowed, device_view

A = Action
DUTY_MANAGER = Actor("M001", Role.DUTY_MANAGER, "tab-1")

# action: whether the duty manager may, and why (the row's reason is its documentation).
TABLE: dict[Action, bool] = {
    A.GUEST_VIEW_CARD: True,  # the guest named on an incident
    A.GUEST_SEARCH: True,
    A.GUEST_LOOKUP_CARD: True,
    A.GUEST_LIST_OWN: False,  # owns no guests
    A.GUEST_VERIFY_CODE_WORD: False,  # identifies nobody at a counter
    A.GUEST_EDIT_PREFERENCES: False,  # the host's
    A.GUEST_VIEW_ITINERARY: False,
    A.GUEST_PAGE: False,
    A.INCIDENT_OPEN: False,  # the floor files; the manager is called in
    A.INCIDENT_VIEW: True,  # every incident
    A.INCIDENT_VIEW_AMOUNTS: True,  # payment failures reach L2 Finance and them
    A.INCIDENT_CHANGE_STATUS: False,  # the owner's
    A.INCIDENT_ASSIGN: False,
    A.INCIDENT_RECORD_MILESTONE: False,  # reaction and decision at a table: the pit boss's
    A.INCIDENT_ESCALATE: False,
    A.INCIDENT_NOTE: True,  # a word on an escalated incident; the sign-off's note
    A.INCIDENT_SIGN_ACT: False,  # the incident act and the report are the floor's
    A.ACT_READ: True,  # the report they sign off
    A.COMPENSATION_OFFER: False,  # the host agrees recovery
    A.COMPENSATION_DELIVER: False,  # and marks it delivered
    A.WALKIN_REGISTER: False,
    A.SESSION_END_OTHERS: False,
    A.SYNC_REVIEW: True,  # everyone sees what the helpdesk refused of theirs
    A.SYNC_RESOLVE: False,
    A.KPI_VIEW: True,
    A.KPI_STRIP: True,  # the strip above the board
    A.REPORT_SIGN_OFF: True,
    A.SHIFT_HANDOVER: True,  # the floor for the incoming team
}


def test_the_table_names_every_action() -> None:
    assert set(TABLE) == set(Action)


@pytest.mark.parametrize(("action", "expected"), TABLE.items(), ids=[a.value for a in TABLE])
def test_duty_manager_action(action: Action, expected: bool) -> None:
    assert allowed(DUTY_MANAGER, action) is expected


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.DUTY_MANAGER])
def test_only_the_duty_manager_signs_off_reports(role: Role) -> None:
    assert A.REPORT_SIGN_OFF not in ROLE_ACTIONS[role]


def test_duty_managers_share_one_view_of_the_records() -> None:
    other = Actor("M002", Role.DUTY_MANAGER, "tab-2")
    assert device_view(DUTY_MANAGER) == device_view(other) == "duty_manager"

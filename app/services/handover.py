"""The shift handover (issue 14): a signed PDF of the floor for the incoming team, written
by a pit boss or duty manager (``Action.SHIFT_HANDOVER``), audited. Signed like an act, by
this tablet's certificate (``IdentityProvider``); where the tablet has none yet the
refusal says so (``act.no_certificate``). While the helpdesk answers (``pki_url``, set by
the sync) it is taken at once to B-T and B-LT, as an act is once online; offline it is
handed over at B-B, and says so: a handover is printed or saved for the next team now,
not kept on the tablet to upgrade later."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from app.actor import Actor
from app.clock import Clock
from app.messages import label
from app.permissions import Action
from app.ports import Store, UnitOfWork
from app.reports.handover import Handover, handover_of
from app.services import audit
from app.services.base import AuditedService
from app.services.incidents import IncidentService

# Promises made this long ago on incidents closed since are still handed over while
# owed: one past the 7 days recovery success allows is still the guest's due; an older
# one is on the guest's recovery tab.
OWED_LOOKBACK = timedelta(days=30)

if TYPE_CHECKING:  # pyHanko and reportlab load at the first handover, not at start
    from app.acts.signing import IdentityProvider


@dataclass(frozen=True)
class SignedHandover:
    handover: Handover
    pdf: bytes
    level: str = "B-B"  # its PAdES baseline level (B-T, B-LT when the helpdesk answered)
    stopped: str | None = None  # why it stayed below B-LT, if it did


class HandoverService(AuditedService):
    def __init__(
        self,
        store: Store,
        clock: Clock,
        incidents: IncidentService,
        identity: IdentityProvider | None,
        property_name: str,
        zone: ZoneInfo,
        device_id: str,
    ) -> None:
        """``identity``: who signs (None: the tablet's own key and certificate, read
        from its encrypted store at the first handover)."""
        super().__init__(store, clock)
        self._incidents = incidents
        self._identity = identity
        self._property = property_name
        self._zone = zone
        self._device = device_id
        # The helpdesk's URL while its link is up, else None (set by the sync).
        self.pki_url: Callable[[], str | None] | None = None
        self.trust_roots: Callable[[], Sequence[Any]] = self._store_roots

    @classmethod
    def for_store(
        cls,
        store: Store,
        clock: Clock,
        incidents: IncidentService,
        property_name: str,
        zone: ZoneInfo,
        device_id: str,
    ) -> HandoverService:
        """Signed with the tablet's own key and certificate (its encrypted store)."""
        return cls(store, clock, incidents, None, property_name, zone, device_id)

    def _signer(self) -> IdentityProvider:
        # Loaded here, not at start: pyHanko's import is half a second of the GUI thread.
        if self._identity is None:
            from app.acts.signing import IdentityProvider

            self._identity = IdentityProvider.from_store(self._store, self._clock.now)
        return self._identity

    def write(self, actor: Actor) -> SignedHandover:
        """The floor now, signed. Slow (render and sign): call it off the GUI thread."""

        def who(uow: UnitOfWork, now: object) -> str:
            self._require(uow, actor, Action.SHIFT_HANDOVER, "shift", self._clock.now())
            staff = uow.staff.by_id(actor.staff_id)
            name = staff.name if staff is not None else actor.staff_id
            return f"{name} ({label('role', actor.role.value)}, {actor.staff_id})"

        from app.reports.handover_pdf import render_handover
        from app.reports.signing import sign_report

        made_by = self._run(who)
        identity = self._signer().get()  # SigningUnavailable before anything is drawn
        now = self._clock.now()
        handover = handover_of(
            self._incidents.board(actor),
            closed=self._incidents.closed_with_promises(actor, now - OWED_LOOKBACK),
            property_name=self._property,
            zone=self._zone,
            made_at=now,
            made_by=made_by,
            device_id=self._device,
        )
        pdf = sign_report(
            render_handover(handover),
            handover.as_json(),
            identity,
            signed_at=now,
            signer=made_by,
            location=self._property,
            reason=f"Shift handover by {made_by}",
        )
        detail = (
            f"{len(handover.breached)} breached, {len(handover.waiting)} waiting, "
            f"{len(handover.open)} open, {len(handover.promises)} promises"
        )

        def record(uow: UnitOfWork, at: object) -> None:
            audit.record(uow, actor, "shift.handover", "shift", at=now, detail=detail)

        self._run(record)
        return self._upgraded(SignedHandover(handover, pdf))

    def _upgraded(self, signed: SignedHandover) -> SignedHandover:
        url = self.pki_url() if self.pki_url is not None else None
        if url is None:
            return replace(signed, stopped="the helpdesk was not reached")
        from app.reports.signing import upgrade_signed

        result = upgrade_signed(signed.pdf, url, self.trust_roots())
        return replace(signed, pdf=result.pdf, level=result.level, stopped=result.stopped)

    def _store_roots(self) -> Sequence[Any]:
        from app.acts.revisions import upgrade_trust_roots

        return upgrade_trust_roots(self._store)

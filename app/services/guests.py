"""Finding a guest and showing their card, redacted for the signed-in actor (SPEC §2-§4).

Every call checks permissions, does its work and appends its audit row in one
unit of work. A refusal (permission denied, bad swipe, unknown guest) is
audited too: its audit row is committed, then the error is raised. Audit rows
and log lines never hold a code word, a full card number or a search query.

Search never links a quiet-visit alias to the real name for staff who only see
the alias: such a guest is listed only when the query matches the alias, the
card number or the phone number, not when it matches the hidden name or room.
Each result says why it matched and carries what tells namesakes apart: the room
(when the actor may see it), the host's name and the last visit (the day of the
guest's latest incident: the store keeps no other trace of a visit).
"""

import logging
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum
from typing import TypeVar

from app.actor import Actor
from app.clock import Clock
from app.domain import Guest, Tier
from app.domain.guest import ItineraryItem
from app.guest_card import GuestCardView, build_card_view
from app.permissions import Action, GuestField, allowed, is_guests_host, visible_guest_fields
from app.ports import Store, UnitOfWork
from app.security.secrets import InvalidSecretHash, verify_secret
from app.services.audit import record
from app.services.base import AuditedService
from app.services.errors import GuestNotFound, NoCodeWordOnFile
from app.services.guest_search import MatchReason, match_reason, may_list
from app.swipe import MalformedSwipe, is_loyalty_card_number, mask_card_number, parse_swipe

log = logging.getLogger(__name__)

T = TypeVar("T")


class PagingKind(StrEnum):
    PAGE = "page"  # the guest is called on the public address
    ANNOUNCE = "announce"  # an announcement about the guest


@dataclass(frozen=True, slots=True)
class GuestSummary:
    """One row of a search result or of "my guests"."""

    id: str
    display_name: str  # the alias for a quiet-visit guest, unless you are their host
    tier: Tier
    card_masked: str  # "••••1234", or "" when the role may not see the card
    host_id: str | None
    quiet_visit: bool
    self_excluded: bool
    cooling_off: bool
    alias_shown: bool
    is_own_guest: bool
    room: str = ""  # the current room, when the actor may see it
    host_name: str = ""
    last_visit: date | None = None  # the day of the guest's latest incident, venue time
    matched_on: MatchReason | None = None  # search results only


class GuestService(AuditedService):
    def __init__(self, store: Store, clock: Clock, *, venue_tz: tzinfo = UTC) -> None:
        """``venue_tz`` gives the local date that cooling-off periods are counted in."""
        super().__init__(store, clock)
        self._venue_tz = venue_tz

    def lookup_card(self, actor: Actor, raw_swipe: str) -> GuestCardView:
        """The card of the guest whose loyalty card was swiped.

        Raises ``MalformedSwipe`` (incl. ``PaymentCardSwiped``) for input that is
        not a loyalty card and ``GuestNotFound`` (offer a walk-in) for an unknown one.
        """

        def work(uow: UnitOfWork, now: datetime) -> GuestCardView:
            self._require(uow, actor, Action.GUEST_LOOKUP_CARD, "", now)
            try:
                number = parse_swipe(raw_swipe)
            except MalformedSwipe as bad:
                record(
                    uow, actor, "guest.lookup_card", "", at=now, detail=f"rejected: {bad.problem}"
                )
                log.info("swipe rejected on %s: %s", actor.device_id, bad.problem)
                raise
            masked = mask_card_number(number)
            guest = uow.guests.by_card(number)
            if guest is None:
                record(uow, actor, "guest.lookup_card", masked, at=now, detail="not found")
                raise GuestNotFound(card=masked)
            self._require(uow, actor, Action.GUEST_VIEW_CARD, guest.id, now, guest)
            record(uow, actor, "guest.view", guest.id, at=now, detail=f"card swipe {masked}")
            return self._card_view(uow, actor, guest, now)

        return self._run(work)

    def card(self, actor: Actor, guest_id: str) -> GuestCardView:
        def work(uow: UnitOfWork, now: datetime) -> GuestCardView:
            guest = self._load(uow, actor, Action.GUEST_VIEW_CARD, guest_id, now)
            record(uow, actor, "guest.view", guest.id, at=now)
            return self._card_view(uow, actor, guest, now)

        return self._run(work)

    def search(self, actor: Actor, text: str, limit: int = 20) -> list[GuestSummary]:
        """Type-ahead by name (any script), alias, card, phone digits or room."""

        def work(uow: UnitOfWork, now: datetime) -> list[GuestSummary]:
            self._require(uow, actor, Action.GUEST_SEARCH, "", now)
            query = text.strip()
            if not query or limit <= 0:
                return []
            found = list(uow.guests.search(query, limit))
            if is_loyalty_card_number(query):
                by_card = uow.guests.by_card(query)
                if by_card is not None and all(g.id != by_card.id for g in found):
                    found.insert(0, by_card)
            today = self._today(now)
            listed = []
            for guest in found:
                reason = match_reason(guest, query)
                if may_list(reason, guest, query, visible_guest_fields(actor, guest)):
                    listed.append((guest, reason))
            rows = self._told_apart(uow, actor, listed[:limit], today)
            # The query itself is not recorded: it may be a name or a phone number.
            detail = f"{len(rows)} results for a {len(query)}-character query"
            record(uow, actor, "guest.search", "", at=now, detail=detail)
            return rows

        return self._run(work)

    def guests_of_host(self, actor: Actor) -> list[GuestSummary]:
        """The actor's own guests, then those of the hosts they cover for."""

        def work(uow: UnitOfWork, now: datetime) -> list[GuestSummary]:
            self._require(uow, actor, Action.GUEST_LIST_OWN, "", now)
            seen: dict[str, Guest] = {}
            for host_id in (actor.staff_id, *actor.covering_for):
                for guest in uow.guests.by_host(host_id):
                    seen.setdefault(guest.id, guest)
            today = self._today(now)
            rows = [_summary(actor, g, today) for g in seen.values()]
            record(uow, actor, "guest.list_own", actor.staff_id, at=now, detail=f"{len(rows)}")
            return rows

        return self._run(work)

    def verify_code_word(self, actor: Actor, guest_id: str, spoken: str) -> bool:
        """Whether ``spoken`` is the guest's code word. The word is never stored or logged."""

        def work(uow: UnitOfWork, now: datetime) -> bool:
            guest = self._load(uow, actor, Action.GUEST_VERIFY_CODE_WORD, guest_id, now)
            action = "guest.code_word_check"
            if guest.code_word_hash is None:
                record(uow, actor, action, guest.id, at=now, detail="no code word on file")
                raise NoCodeWordOnFile()
            try:
                matches = verify_secret(spoken, guest.code_word_hash)
            except InvalidSecretHash:
                log.error("guest %s has a corrupt code word hash", guest.id)
                record(uow, actor, action, guest.id, at=now, detail="corrupt code word hash")
                raise NoCodeWordOnFile() from None
            record(uow, actor, action, guest.id, at=now, detail="match" if matches else "no match")
            log.info("code word check for %s by %s: %s", guest.id, actor.staff_id, matches)
            return matches

        return self._run(work)

    def request_paging(self, actor: Actor, guest_id: str, kind: PagingKind) -> None:
        """Record a request to page or announce the guest (audited ``guest.paging_request``).

        Refused for a quiet-visit guest (SPEC §3) whatever the screen offered: the rule
        lives in ``Action.GUEST_PAGE``. The audit row names the guest by id only."""

        def work(uow: UnitOfWork, now: datetime) -> None:
            guest = self._load(uow, actor, Action.GUEST_PAGE, guest_id, now)
            record(uow, actor, "guest.paging_request", guest.id, at=now, detail=kind.value)
            log.info("%s request for %s by %s", kind.value, guest.id, actor.staff_id)

        self._run(work)

    def reveal_itinerary(self, actor: Actor, guest_id: str) -> tuple[ItineraryItem, ...]:
        """The guest's itinerary and dates, masked on the card until asked for (SPEC §3).

        Every reveal is audited (``guest.itinerary_reveal``) before anything is returned;
        roles and quiet-visit disclosure rules are checked by ``GUEST_VIEW_ITINERARY``.
        """

        def work(uow: UnitOfWork, now: datetime) -> tuple[ItineraryItem, ...]:
            guest = self._load(uow, actor, Action.GUEST_VIEW_ITINERARY, guest_id, now)
            detail = f"{len(guest.itinerary)} items"
            record(uow, actor, "guest.itinerary_reveal", guest.id, at=now, detail=detail)
            return guest.itinerary

        return self._run(work)

    # -- plumbing ---------------------------------------------------------

    def _told_apart(
        self,
        uow: UnitOfWork,
        actor: Actor,
        listed: list[tuple[Guest, MatchReason]],
        today: date,
    ) -> list[GuestSummary]:
        """Search rows with what tells namesakes apart: room, host, last visit."""
        visits = uow.incidents.last_opened([g.id for g, _ in listed])
        hosts: dict[str, str] = {}
        rows = []
        for guest, reason in listed:
            host = guest.host_id or ""
            if host and host not in hosts:
                staff = uow.staff.by_id(host)
                hosts[host] = staff.name if staff else host
            visit = visits.get(guest.id)
            rows.append(
                replace(
                    _summary(actor, guest, today),
                    host_name=hosts.get(host, ""),
                    last_visit=visit.astimezone(self._venue_tz).date() if visit else None,
                    matched_on=reason,
                )
            )
        return rows

    def _load(
        self, uow: UnitOfWork, actor: Actor, action: Action, guest_id: str, now: datetime
    ) -> Guest:
        """The guest, after both the role check and the check on this guest."""
        self._require(uow, actor, action, guest_id, now)
        guest = uow.guests.by_id(guest_id)
        if guest is None:
            record(uow, actor, action.value, guest_id, at=now, detail="not found")
            raise GuestNotFound(guest_id=guest_id)
        self._require(uow, actor, action, guest_id, now, guest)
        return guest

    def _card_view(
        self, uow: UnitOfWork, actor: Actor, guest: Guest, now: datetime
    ) -> GuestCardView:
        incidents = (
            tuple(uow.incidents.for_guest(guest.id)) if allowed(actor, Action.INCIDENT_VIEW) else ()
        )
        return build_card_view(actor, guest, today=self._today(now), incidents=incidents)

    def _today(self, now: datetime) -> date:
        return now.astimezone(self._venue_tz).date()


def _summary(actor: Actor, guest: Guest, today: date) -> GuestSummary:
    visible = visible_guest_fields(actor, guest)
    return GuestSummary(
        room=guest.room if GuestField.ROOM in visible else "",
        id=guest.id,
        display_name=guest.name if GuestField.NAME in visible else guest.display_name,
        tier=guest.tier,
        card_masked=mask_card_number(guest.card_number)
        if GuestField.CARD_NUMBER in visible
        else "",
        host_id=guest.host_id,
        quiet_visit=guest.quiet.enabled,
        self_excluded=guest.rg.self_excluded,
        cooling_off=guest.rg.is_cooling_off(today),
        alias_shown=GuestField.NAME not in visible,
        is_own_guest=is_guests_host(actor, guest),
    )

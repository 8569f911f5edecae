"""Registering a walk-in at the VIP desk with minimal data (SPEC §1, §2).

Name (required), phone (optional, E.164), tier (VIP by default), loyalty card
(optional, in the loyalty format of ``app.swipe``; a payment card is refused; without
one the desk issues a new loyalty number, every guest has one), and a
host: the one chosen, or the active host with the fewest guests. The guest, its
audit row and its ``guest.create`` outbox row are committed together; the helpdesk
creates it idempotently by the guest's UUID (``POST /v1/guests``).
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from app.actor import Actor
from app.domain import Guest, Role, Tier
from app.permissions import Action, redact_guest
from app.ports import UnitOfWork
from app.services.audit import record
from app.services.base import AuditedService
from app.services.errors import ServiceError
from app.services.validation import InvalidText, check_free_text
from app.swipe import mask_card_number, parse_swipe
from app.sync.enqueue import queue_guest_create

MAX_NAME = 120
_PHONE = re.compile(r"^\+[1-9]\d{6,14}$")


class WalkInRefused(ServiceError):
    """A registration the console will not record, with what to fix."""


@dataclass(frozen=True, slots=True)
class WalkInDraft:
    name: str
    phone: str = ""
    tier: Tier = Tier.VIP
    card_number: str = ""
    host_id: str | None = None  # None: the host with the fewest guests


@dataclass(frozen=True, slots=True)
class HostChoice:
    staff_id: str
    name: str
    guests: int


def normalise_phone(phone: str) -> str:
    """``+61 412 345 678`` -> ``+61412345678``; raises ``InvalidText`` when not E.164."""
    compact = re.sub(r"[\s\-().]", "", phone)
    if compact and not _PHONE.match(compact):
        raise InvalidText("phone", "text.phone_format")
    return compact


class WalkInService(AuditedService):
    def hosts(self, actor: Actor) -> list[HostChoice]:
        """Active hosts with how many guests each has, fewest first (the form's picker)."""

        def work(uow: UnitOfWork, now: datetime) -> list[HostChoice]:
            self._require(uow, actor, Action.WALKIN_REGISTER, "", now)
            return _host_choices(uow)

        return self._run(work)

    def register(self, actor: Actor, draft: WalkInDraft) -> Guest:
        """The new guest, redacted for ``actor``."""
        name = check_free_text(draft.name.strip(), "name", MAX_NAME)
        if not name:
            raise InvalidText("name", "text.required")
        phone = normalise_phone(check_free_text(draft.phone.strip(), "phone", 32))
        card = draft.card_number.strip()
        if card:
            card = parse_swipe(card)  # MalformedSwipe / PaymentCardSwiped: refused

        def work(uow: UnitOfWork, now: datetime) -> Guest:
            self._require(uow, actor, Action.WALKIN_REGISTER, "", now)
            if card and uow.guests.by_card(card) is not None:
                raise WalkInRefused("walkin.card_taken", card=mask_card_number(card))
            number = card or _issue_card_number(uow)
            host_id = draft.host_id or _fewest_guests(uow)
            if host_id is not None:
                host = uow.staff.by_id(host_id)
                if host is None or host.role is not Role.HOST or not host.active:
                    raise WalkInRefused("walkin.not_a_host", host_id=host_id)
            guest = Guest(
                id=str(uuid.uuid4()),
                card_number=number,
                name=name,
                tier=draft.tier,
                host_id=host_id,
                phone=phone,
            )
            uow.guests.save(guest)
            queue_guest_create(uow, guest, actor, now)  # same transaction
            how = "chosen" if draft.host_id else "fewest guests"
            record(
                uow,
                actor,
                "walkin.register",
                guest.id,
                at=now,
                detail=f"{draft.tier} host {host_id or '-'} ({how})",
            )
            return redact_guest(actor, guest)

        return self._run(work)


def _issue_card_number(uow: UnitOfWork) -> str:
    """A new loyalty number (16 digits, first digit 9) for a guest without a card."""
    while True:
        number = "9" + "".join(secrets.choice("0123456789") for _ in range(15))
        if uow.guests.by_card(number) is None:
            return number


def _host_choices(uow: UnitOfWork) -> list[HostChoice]:
    hosts = [s for s in uow.staff.all() if s.role is Role.HOST and s.active]
    choices = [HostChoice(h.id, h.name, len(uow.guests.by_host(h.id))) for h in hosts]
    choices.sort(key=lambda c: (c.guests, c.staff_id))
    return choices


def _fewest_guests(uow: UnitOfWork) -> str | None:
    choices = _host_choices(uow)
    return choices[0].staff_id if choices else None

"""Editing a guest's preference card (drinks, meals, rooms, tables, communication, transfers).

Only the guest's own host (or a covering host) may edit (``GUEST_EDIT_PREFERENCES``).
Every entry is checked as free text (no full payment card numbers, bounded length)
before the unit of work; the change, its audit row and its ``guest.patch`` outbox row
are committed together. The helpdesk keeps the last write (docs/helpdesk-api.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from app.actor import Actor
from app.domain import Guest
from app.domain.guest import PreferenceCard
from app.permissions import Action, redact_guest
from app.ports import UnitOfWork
from app.services.audit import record
from app.services.base import AuditedService
from app.services.errors import GuestNotFound
from app.services.validation import InvalidText, check_free_text
from app.sync.enqueue import queue_guest_patch

MAX_ENTRY = 200
MAX_ENTRIES = 30
EDITABLE = ("drinks", "meals", "rooms", "tables_games", "communication", "transfers")


@dataclass(frozen=True, slots=True)
class PreferenceEdit:
    """The new lists; ``None`` leaves a list as it is."""

    drinks: tuple[str, ...] | None = None
    meals: tuple[str, ...] | None = None
    rooms: tuple[str, ...] | None = None
    tables_games: tuple[str, ...] | None = None
    communication: tuple[str, ...] | None = None
    transfers: tuple[str, ...] | None = None

    def changes(self) -> dict[str, tuple[str, ...]]:
        return {name: value for name in EDITABLE if (value := getattr(self, name)) is not None}


def clean_entries(values: Iterable[str], field: str) -> tuple[str, ...]:
    """Trimmed, non-empty, de-duplicated entries; raises ``InvalidText`` on a bad one."""
    cleaned: list[str] = []
    for value in values:
        text = check_free_text(value.strip(), field, MAX_ENTRY)
        if text and text not in cleaned:
            cleaned.append(text)
    if len(cleaned) > MAX_ENTRIES:
        raise InvalidText(
            field, "text.too_many_entries", entries=len(cleaned), max_entries=MAX_ENTRIES
        )
    return tuple(cleaned)


class PreferencesService(AuditedService):
    def update(self, actor: Actor, guest_id: str, edit: PreferenceEdit) -> Guest:
        """Apply ``edit``; returns the guest redacted for ``actor``."""
        wanted = {name: clean_entries(values, name) for name, values in edit.changes().items()}

        def work(uow: UnitOfWork, now: datetime) -> Guest:
            self._require(uow, actor, Action.GUEST_EDIT_PREFERENCES, guest_id, now)
            guest = uow.guests.by_id(guest_id)
            if guest is None:
                record(uow, actor, "guest.edit_preferences", guest_id, at=now, detail="not found")
                raise GuestNotFound(guest_id=guest_id)
            self._require(uow, actor, Action.GUEST_EDIT_PREFERENCES, guest_id, now, guest)
            before = guest.preferences
            changed = {k: v for k, v in wanted.items() if getattr(before, k) != v}
            if not changed:
                return redact_guest(actor, guest)
            prefs: PreferenceCard = replace(before, **changed)  # type: ignore[arg-type]
            updated = replace(guest, preferences=prefs)
            uow.guests.save(updated)
            body = {"preferences": {k: list(v) for k, v in changed.items()}}
            base = {"preferences": {k: list(getattr(before, k)) for k in changed}}
            queue_guest_patch(uow, guest.id, body, actor, now, base=base)  # same transaction
            record(
                uow,
                actor,
                "guest.edit_preferences",
                guest.id,
                at=now,
                detail=", ".join(sorted(changed)),  # which lists, never their content
            )
            return redact_guest(actor, updated)

        return self._run(work)

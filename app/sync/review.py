"""What the user does in the sync review: role-checked, audited, nothing lost unsaid.

- ``retry``: a refused change is sent again (a fresh key: the refusal did nothing).
- ``discard``: a refused change is given up; its local effect is undone where that
  is safe, and ``discard_effect`` says beforehand, plainly, what is undone and what
  stays on this tablet only.
- ``settle``: a field changed on both sides keeps ours or the helpdesk's.
- ``acknowledge``: a change set aside from the helpdesk has been read.

Looking, retrying and acknowledging are for every role (``SYNC_REVIEW``); giving a
change up or overriding the helpdesk's value is not (``SYNC_RESOLVE``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from app.actor import Actor
from app.domain import Guest
from app.domain.guest import PreferenceCard
from app.messages import KeyedError, Message
from app.permissions import Action, require
from app.ports import Store, UnitOfWork
from app.services import audit
from app.sync.conflicts import settle_conflict, with_patch_values
from app.sync.outbox import OutboxEntry, OutboxKind
from app.sync.set_aside import Resolution
from app.wire.contract import PATCHABLE_FIELDS, patch_value


class ReviewItemGone(KeyedError):
    """The change was settled meanwhile (by the sync, or on another screen)."""

    def __init__(self) -> None:
        super().__init__("sync.review_item_gone")


@dataclass(frozen=True, slots=True)
class Discarded:
    rows: list[int]  # outbox rows removed
    effect: Message  # what was undone, or what stays


class SyncReview:
    def __init__(self, store: Store) -> None:
        self._store = store

    def retry(self, actor: Actor, seq: int, now: datetime) -> None:
        require(actor, Action.SYNC_REVIEW)
        with self._store.unit_of_work() as uow:
            entry = _dead_letter(uow, seq)
            uow.outbox.revive(seq)
            _audit(uow, actor, "sync.retry", entry, now)

    def discard_effect(self, actor: Actor, seq: int) -> Message:
        """What ``discard`` would undo or leave, for the user to confirm."""
        require(actor, Action.SYNC_REVIEW)
        with self._store.unit_of_work() as uow:
            return _effect(uow, _dead_letter(uow, seq), undo=False)

    def discard(self, actor: Actor, seq: int, now: datetime) -> Discarded:
        require(actor, Action.SYNC_RESOLVE)
        with self._store.unit_of_work() as uow:
            entry = _dead_letter(uow, seq)
            effect = _effect(uow, entry, undo=True)
            gone = uow.outbox.discard(seq)
            _audit(uow, actor, "sync.discard", entry, now, detail=effect.key)
        return Discarded(gone, effect)

    def settle(self, actor: Actor, conflict_id: int, keep_mine: bool, now: datetime) -> None:
        require(actor, Action.SYNC_RESOLVE)
        settle_conflict(self._store, actor, conflict_id, keep_mine, now)

    def acknowledge(self, actor: Actor, item_id: int, now: datetime) -> None:
        require(actor, Action.SYNC_REVIEW)
        with self._store.unit_of_work() as uow:
            item = uow.set_aside.get(item_id)
            if item is None or not uow.set_aside.resolve(item_id, Resolution.ACKNOWLEDGED, now):
                raise ReviewItemGone()
            detail = f"{item.kind.value} {item.item_type} {item.entity_id}"
            audit.record(uow, actor, "sync.acknowledge", str(item_id), at=now, detail=detail)


def _dead_letter(uow: UnitOfWork, seq: int) -> OutboxEntry:
    entry = uow.outbox.get(seq)
    if entry is None or not entry.is_dead:
        raise ReviewItemGone()
    return entry


def _audit(
    uow: UnitOfWork, actor: Actor, action: str, entry: OutboxEntry, now: datetime, detail: str = ""
) -> None:
    what = f"{entry.kind.value} #{entry.seq}" + (f": {detail}" if detail else "")
    audit.record(uow, actor, action, entry.entity_id, at=now, detail=what)


def _effect(uow: UnitOfWork, entry: OutboxEntry, *, undo: bool) -> Message:
    """What giving ``entry`` up means here; with ``undo``, undo what can be undone."""
    kind = entry.kind
    if kind is OutboxKind.INCIDENT_CREATE:
        later = len(uow.outbox.pending_for(entry.entity_id)) - 1
        return Message("sync.discard.incident_stays", {"count": later})
    if kind is OutboxKind.INCIDENT_PATCH:
        if undo:
            _undo_incident_patch(uow, entry)
        return Message("sync.discard.change_undone")
    if kind is OutboxKind.INCIDENT_EVENT:  # the timeline is append-only, here too
        return Message("sync.discard.entry_stays")
    if kind is OutboxKind.ATTACHMENT_UPLOAD:
        return Message("sync.discard.document_stays")
    if kind is OutboxKind.GUEST_CREATE:
        naming = len(uow.incidents.for_guest(entry.entity_id))
        if naming:
            return Message("sync.discard.walk_in_stays", {"count": naming})
        if undo:
            uow.guests.delete(entry.entity_id)
        return Message("sync.discard.walk_in_removed")
    if kind is OutboxKind.GUEST_PATCH:
        base = entry.payload.get("base")
        if not isinstance(base, dict):
            return Message("sync.discard.preferences_stay")
        if undo:
            _undo_guest_patch(uow, entry, base)
        return Message("sync.discard.change_undone")
    return Message("sync.discard.nothing_here")  # a checkpoint, or a kind from a newer console


def _undo_incident_patch(uow: UnitOfWork, entry: OutboxEntry) -> None:
    """Each field back to where it was, unless it moved again since (then it stays)."""
    incident = uow.incidents.by_id(entry.entity_id)
    if incident is None:
        return
    changes, base = entry.payload.get("changes", {}), entry.payload.get("base", {})
    restored = {
        name: base[name]
        for name, ours in changes.items()
        if name in PATCHABLE_FIELDS and name in base and patch_value(incident, name) == ours
    }
    if restored:
        uow.incidents.save(replace(with_patch_values(incident, restored), events=()))


def _undo_guest_patch(uow: UnitOfWork, entry: OutboxEntry, base: dict[str, object]) -> None:
    guest = uow.guests.by_id(entry.entity_id)
    wanted = entry.payload.get("changes", {}).get("preferences", {})
    before = base.get("preferences", {})
    if guest is None or not isinstance(before, dict):
        return
    prefs = guest.preferences
    back = {
        name: tuple(values)
        for name, values in before.items()
        if hasattr(prefs, name) and list(getattr(prefs, name)) == wanted.get(name)
    }
    if back:
        uow.guests.save(_with_preferences(guest, replace(prefs, **back)))  # type: ignore[arg-type]


def _with_preferences(guest: Guest, prefs: PreferenceCard) -> Guest:
    return replace(guest, preferences=prefs)

"""What the helpdesk sent that this console could not take as it was: set aside, shown.

A change the console cannot apply never blocks the changes behind it. Each is
resolved by a stated rule (docs/sync.md, "Merge rules") and kept here for the user
to review in the sync review:

- ``CARD_TAKEN``: the helpdesk gives a loyalty card to a guest while this console
  holds another guest with that card (a walk-in registered here offline). The
  helpdesk's guest wins; the local guest is set aside (its record kept here), its
  incidents are re-pointed to the helpdesk's guest, its queued create and edits go.
- ``MALFORMED``: an item the contract does not allow. Kept (card numbers removed)
  until a later change of the same record arrives and applies.
- ``UNAPPLIABLE``: an item the store refused (a unique key, a bug). Kept as it was
  decoded and tried again at every pull; resolved when it applies or when a later
  change of the same record does.
- ``ORPHAN_EVENT``: a timeline event of an incident this console does not hold yet;
  applied as soon as the incident arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class SetAsideKind(StrEnum):
    CARD_TAKEN = "card_taken"
    MALFORMED = "malformed"
    UNAPPLIABLE = "unappliable"
    ORPHAN_EVENT = "orphan_event"


# Kinds a later change of the same record settles ("superseded").
SUPERSEDABLE = (SetAsideKind.MALFORMED, SetAsideKind.UNAPPLIABLE)


class Resolution(StrEnum):
    ACKNOWLEDGED = "acknowledged"  # the user has read it
    APPLIED = "applied"  # applied on a later try
    SUPERSEDED = "superseded"  # a later change of the same record applied


@dataclass(frozen=True, slots=True)
class NewSetAside:
    kind: SetAsideKind
    item_type: str  # the change's type: guest, incident, incident_event, staff, table...
    entity_id: str  # the helpdesk's record ("" when the item did not say)
    data: str  # JSON: the item as decoded (to apply later) or as received (malformed)
    reason: str  # why, in English, for the log and the review
    seq: int | None = None  # the helpdesk's change sequence
    local_id: str | None = None  # the local record set aside (CARD_TAKEN: the walk-in)
    repointed: int = 0  # incidents moved to the helpdesk's record


@dataclass(frozen=True, slots=True)
class SetAside(NewSetAside):
    id: int = 0
    detected_at: datetime | None = None
    resolved_at: datetime | None = None
    resolution: str = ""

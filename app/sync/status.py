"""What the console shows about the sync: reachable or not, since when, what waits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

UPDATE_THE_HELPDESK = (
    "update the helpdesk: it answers an older sync contract than this console's "
    "(no x-helpdesk-contract: 2; staff tokens and roles are checked there now)"
)


class Link(StrEnum):
    DISABLED = "disabled"  # no helpdesk configured (--no-helpdesk)
    CONNECTING = "connecting"  # started, no answer yet
    ONLINE = "online"
    OFFLINE = "offline"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    link: Link
    offline_since: datetime | None = None
    pending: int = 0  # changes waiting for the helpdesk
    dead: int = 0  # changes the helpdesk refused: the user must look
    conflicts: int = 0  # fields changed on both sides, to settle
    set_aside: int = 0  # changes from the helpdesk set aside for review
    last_sync_at: datetime | None = None  # last successful exchange with the helpdesk
    skew: timedelta = timedelta(0)  # helpdesk clock minus ours
    live: bool = False  # the live feed is open
    received: int = 0  # changes applied from the helpdesk since start (views reload on it)
    last_error: str = ""
    # Changes the helpdesk has that this console could not take (not just offline):
    # shown at once, cleared by the next pull that goes through.
    feed_error: str = ""
    # Not empty: the console cannot sync until IT provisions it (app/sync/enrolment.py).
    provisioning: str = ""
    provisioning_detail: str = ""

    @property
    def helpdesk_outdated(self) -> bool:
        """The helpdesk answers an older sync contract: it must be updated."""
        return self.feed_error == UPDATE_THE_HELPDESK

    @property
    def online(self) -> bool:
        return self.link is Link.ONLINE

    @property
    def needs_attention(self) -> bool:
        return bool(
            self.dead or self.conflicts or self.set_aside or self.feed_error or self.provisioning
        )

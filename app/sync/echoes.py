"""The replay's own writes coming back on the live feed, known before they are decoded.

Every write a replay sends comes back on the live feed a moment later (the helpdesk's
change rows): in the bench's replay, 10,000 items, each decoded on the decoding thread
and then skipped by the apply step, since the store holds it already (an incident at
the same version, an event by its id) — a fifth of the console's CPU. The replay notes
here what the store holds once an answer is settled; the live feed's decoding then
skips an item noted as the apply step would have skipped it: an incident at a version
no newer than the one settled, an event this console wrote. The item's frame is still
checked and its seq still moves the feed's position, and the apply step still does
its bookkeeping for the record (``DecodedChanges.held``).

Only settled answers are noted, the newest per incident (a helpdesk restored from a
backup may answer a lower version: that settle replaces the note); a restore clears
them all. At most ``limit`` are kept, the oldest leaving first; an item not noted is
decoded and applied as before.
"""

from __future__ import annotations

import threading
from typing import Any

DEFAULT_LIMIT = 50_000


class OwnEchoes:
    """Noted on the event loop's thread, read on the decoding thread."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self._limit = max(1, limit)
        self._lock = threading.Lock()
        self._incidents: dict[str, int] = {}  # id: the version the store holds
        self._events: dict[str, None] = {}  # ids, in the order noted

    def incident_settled(self, incident_id: str, version: int) -> None:
        with self._lock:
            self._incidents.pop(incident_id, None)  # to the end: the newest leaves last
            self._incidents[incident_id] = version
            _trim(self._incidents, self._limit)

    def event_settled(self, event_id: str) -> None:
        with self._lock:
            self._events[event_id] = None
            _trim(self._events, self._limit)

    def settled_many(self, incidents: list[tuple[str, int]], events: list[str]) -> None:
        """``incident_settled`` and ``event_settled`` for a batch's rows, under one lock."""
        with self._lock:
            for incident_id, version in incidents:
                self._incidents.pop(incident_id, None)
                self._incidents[incident_id] = version
            self._events.update(dict.fromkeys(events))
            _trim(self._incidents, self._limit)
            _trim(self._events, self._limit)

    def clear(self) -> None:
        with self._lock:
            self._incidents.clear()
            self._events.clear()

    def held(self, kind: str, data: Any) -> bool:
        """Whether the apply step would skip this item: the store holds it already."""
        if type(data) is not dict:
            return False  # decoded, to be refused with its reason
        record_id = data.get("id")
        if type(record_id) is not str:
            return False
        with self._lock:
            if kind == "incident_event":
                return record_id in self._events
            if kind != "incident":
                return False
            version = data.get("version")
            held = self._incidents.get(record_id)
        return type(version) is int and held is not None and version <= held


def _trim(noted: dict[str, Any], limit: int) -> None:
    while len(noted) > limit:
        del noted[next(iter(noted))]

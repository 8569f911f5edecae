"""The summaries of a host's guests, kept between two reads of "my guests".

A host may look after thousands of guests, and "my guests" is read again whenever the
floor moves (its alerts come from it). A summary is built from the whole guest, its
JSON fields decoded: seconds for ten thousand guests, holding the interpreter while a
swipe waits to paint. Only the few stored values a summary is made of are read
(``GuestRepository.summary_stamps``), and a summary is made again only for the guests
whose values changed since the last read. Exact: for the same actor on the same day,
an equal stamp gives an equal summary.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from datetime import date

from app.actor import Actor
from app.ports import UnitOfWork
from app.services.guests import GuestSummary, _summary

Stamp = tuple[object, ...]


class GuestSummaries:
    """The last read's summaries, for one actor and day at a time (a console shows
    one host's page)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # two reads may run at once in the executor
        self._key: Hashable = None
        self._kept: dict[str, tuple[Stamp, GuestSummary]] = {}
        self._generation = 0  # moved by ``forget``: a read begun before keeps nothing

    def forget(self) -> None:
        """Drop every kept summary (a sign-out: nothing of a host's guests stays)."""
        with self._lock:
            self._key, self._kept = None, {}
            self._generation += 1

    def of_my_guests(self, uow: UnitOfWork, actor: Actor, today: date) -> list[GuestSummary]:
        """The actor's own and covered guests' summaries, as ``uow`` reads them now."""
        with self._lock:
            generation = self._generation
        stamps: dict[str, Stamp] = {}
        for host_id in (actor.staff_id, *actor.covering_for):
            for guest_id, stamp in uow.guests.summary_stamps(host_id).items():
                stamps.setdefault(guest_id, stamp)
        key = (actor.staff_id, actor.role, actor.covering_for, today)
        with self._lock:
            kept = self._kept if self._key == key else {}
        current: dict[str, tuple[Stamp, GuestSummary]] = {}
        for guest_id, stamp in stamps.items():
            known = kept.get(guest_id)
            if known is None or known[0] != stamp:
                guest = uow.guests.summary_guest(stamp)
                known = (stamp, _summary(actor, guest, today))
            current[guest_id] = known
        with self._lock:
            if generation == self._generation:
                self._key, self._kept = key, current
        return [summary for _stamp, summary in current.values()]

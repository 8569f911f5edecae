"""What every service shares: one unit of work per call, refusals audited.

A refusal (permission denied, bad input, not found) keeps its audit row: the
unit of work commits, then the error is raised. Any other exception rolls the
whole unit back, audit rows included.
"""

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from app.actor import Actor
from app.clock import Clock
from app.domain import Guest
from app.permissions import Action, require
from app.ports import Store, UnitOfWork
from app.services.audit import record
from app.services.errors import PermissionDenied, ServiceError
from app.swipe import MalformedSwipe

log = logging.getLogger(__name__)

T = TypeVar("T")


class AuditedService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def _run(self, work: Callable[[UnitOfWork, datetime], T], *, reading: bool = False) -> T:
        """Run ``work`` in one unit of work; commit refusals' audit rows, then raise.

        ``reading``: a long read that writes nothing (check the permission in a unit of
        its own first, where a refusal is audited): it leaves the write lock free."""
        now = self._clock.now()
        refusal: ServiceError | MalformedSwipe | None = None
        unit = self._store.reading() if reading else self._store.unit_of_work()
        with unit as uow:
            try:
                return work(uow, now)
            except (ServiceError, MalformedSwipe) as error:
                refusal = error
        assert refusal is not None  # work either returned or was refused
        raise refusal

    def _allowed_to_read(self, actor: Actor, action: Action, target: str) -> None:
        """The permission of a read checked before it, so that the read itself runs in
        a reading transaction (``_run(reading=True)``) and leaves the write lock free:
        a refusal is audited in a writing unit of its own, then raised."""
        try:
            require(actor, action)
        except PermissionDenied:
            pass
        else:
            return
        now = self._clock.now()
        with self._store.unit_of_work() as uow:
            try:
                self._require(uow, actor, action, target, now)
            except PermissionDenied as refused:
                refusal = refused
        raise refusal

    def _require(
        self,
        uow: UnitOfWork,
        actor: Actor,
        action: Action,
        target: str,
        now: datetime,
        guest: Guest | None = None,
    ) -> None:
        """The one permission check, with the refusal audited in ``uow``."""
        try:
            require(actor, action, guest=guest)
        except PermissionDenied:
            record(uow, actor, "permission.denied", target, at=now, detail=action.value)
            log.info("%s (%s) denied %s on %s", actor.staff_id, actor.role, action, target)
            raise

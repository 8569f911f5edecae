"""Each staff member's language: the console speaks it from their sign-in on.

A staff member chooses it on the sign-in screen; it is kept in this console's store
(``staff_languages``) and audited (``staff.language``). Nobody sets another's. A code
is ISO 639-1 (``en``, ``fr``); which languages the console can show is the UI's to
say (its catalogues). The helpdesk does not hold it: on another console the staff
member chooses again.
"""

from __future__ import annotations

import re
from datetime import datetime

from app.actor import Actor
from app.ports import UnitOfWork
from app.services.audit import record
from app.services.base import AuditedService
from app.services.errors import ServiceError

_CODE = re.compile(r"[a-z]{2}")


class UnknownLanguage(ServiceError):
    """Not a language code (two lower-case letters, ISO 639-1)."""

    def __init__(self, language: str) -> None:
        super().__init__("staff.language_code", language=language[:8])


class StaffLanguages(AuditedService):
    def of(self, actor: Actor) -> str | None:
        """The language ``actor`` chose on this console, or None (the console's own)."""
        with self._store.unit_of_work() as uow:
            return uow.staff_languages.language(actor.staff_id)

    def choose(self, actor: Actor, language: str) -> None:
        """``actor``'s language from now on (their own only: the actor is the staff member)."""
        if not _CODE.fullmatch(language):
            raise UnknownLanguage(language)

        def work(uow: UnitOfWork, now: datetime) -> None:
            if uow.staff_languages.language(actor.staff_id) == language:
                return
            uow.staff_languages.set_language(actor.staff_id, language)
            record(uow, actor, "staff.language", actor.staff_id, at=now, detail=language)

        self._run(work)

"""Staff names by id, for the host named on guest cards and rows.

Read once per sign-in off the GUI thread (``load``); until the answer arrives an id
stands for its name. Callable: ``names("H001") -> "Sophie Laurent"``.
"""

from __future__ import annotations

from collections.abc import Callable

from app.actor import Actor
from app.services.directory import StaffDirectory
from ui.async_ops import AsyncOps


class HostNames:
    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def load(
        self,
        ops: AsyncOps,
        staff: StaffDirectory,
        actor: Actor,
        then: Callable[[], None] | None = None,
    ) -> None:
        def loaded(names: dict[str, str]) -> None:
            self._names = names
            if then is not None:
                then()

        ops.run(staff.names, actor, on_success=loaded)

    def __call__(self, staff_id: str) -> str:
        return self._names.get(staff_id, staff_id)

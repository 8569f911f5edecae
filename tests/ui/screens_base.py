"""What every screen builder shares (tests/ui/screens.py and its companions): the demo
guest the builders swipe, what they type as staff would, and the wait for a step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.ui.demo_console import Console
from tests.ui.screens_duty import TYPED as DUTY_TYPED
from tests.ui.waits import WAIT_MS

CARD = "9000000486"  # a demo guest (Mateo Patel)
UNKNOWN = "9001999988887777"
WALK_IN_NAME = "Sofia Marchetti"
DECISION = "Hand replayed at the next table"
REFUSED = ("HTTP 422: status: no transition from new to closed", "HTTP 403: unknown staff")
# What the builders type as staff would, and the helpdesk's own answers (for IT).
TYPED = frozenset(
    {WALK_IN_NAME, "+61 412 555 010", DECISION, "Patel", "Zzyzx", "opal", "wrong", *REFUSED}
    | DUTY_TYPED
)


def wait(console: Console, condition: Callable[[], Any]) -> None:
    console.qtbot.waitUntil(condition, timeout=WAIT_MS)  # type: ignore[attr-defined]


def guest(console: Console, wanted: Callable[[Any], bool]) -> Any:
    with console.context.store.unit_of_work() as uow:
        return next(g for g in uow.guests.search("a", 2000) if wanted(g))

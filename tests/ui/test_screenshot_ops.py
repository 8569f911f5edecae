"""The screenshot tool's at-once ``AsyncOps`` takes every call the console's makes."""

import inspect

from tools.screenshots import ImmediateOps
from ui.async_ops import AsyncOps


def test_the_screenshots_ops_accept_every_keyword_of_the_consoles() -> None:
    # A keyword added to AsyncOps (user_waits) once broke `make screenshots` at the
    # first swipe, with nothing in the suite to say so.
    for name in ("run", "run_coro"):
        theirs = inspect.signature(getattr(AsyncOps, name)).parameters
        ours = inspect.signature(getattr(ImmediateOps, name)).parameters
        missing = [
            p for p, spec in theirs.items() if spec.kind is spec.KEYWORD_ONLY and p not in ours
        ]
        assert missing == [], f"ImmediateOps.{name} lacks {missing}"

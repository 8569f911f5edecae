"""PySide's check of every module imported after it, made cheap.

Once shiboken is loaded, each import runs its hook ``feature_imported``: it asks whether
the module's source mentions "PySide6" (for ``from __feature__ import ...``) through
``inspect.getsource``, which also walks every loaded module to find the file's module.
The console imports some 150 modules after PySide before its sign-in screen shows: that
check was about 140 us of each. ``install`` answers the same question for a module
with a source file by reading the file (the same bytes searched, ~50 us); any other
module is left to PySide's own check.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType


def install() -> None:
    """Before the first import of PySide6 (``shiboken6`` loads the hook's module)."""
    import shiboken6  # noqa: F401 - it loads shibokensupport.feature

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "reads_the_file", False):
        return  # another PySide, or already installed: its own check stays
    setattr(feature, "_mod_uses_pyside", _reading_the_file(original))  # noqa: B010 - private


def _reading_the_file(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # no source file (built in, compiled): as before
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.reads_the_file = True  # type: ignore[attr-defined]
    uses_pyside.original = original  # type: ignore[attr-defined]
    return uses_pyside

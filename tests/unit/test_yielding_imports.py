"""Background imports that hand the GUI's thread the interpreter between modules
(app/yielding_imports.py): a pause before each module its own thread imports."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

import app.yielding_imports as yielding
from app.yielding_imports import yielding_imports


@pytest.fixture
def modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Three importable modules of our own; the pauses taken are recorded, not slept."""
    for name in ("yield_one", "yield_two", "yield_three"):
        (tmp_path / f"{name}.py").write_text("VALUE = 1\n")
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    paused: list[float] = []
    monkeypatch.setattr(yielding.time, "sleep", paused.append)
    return paused


def test_each_new_module_of_its_thread_is_preceded_by_a_pause(modules: list[float]) -> None:
    before = list(sys.meta_path)
    with yielding_imports(0.002):
        __import__("yield_one")
        __import__("yield_two")
        __import__("yield_one")  # already loaded: no search, no pause
    assert modules == [0.002, 0.002]
    assert sys.meta_path == before  # the finder leaves with the block


def test_other_threads_import_without_pausing(modules: list[float]) -> None:
    with yielding_imports():
        other = threading.Thread(target=lambda: __import__("yield_three"))
        other.start()
        other.join(10)
    assert "yield_three" in sys.modules
    assert modules == []


def test_the_finder_finds_nothing_itself(modules: list[float]) -> None:
    with yielding_imports():
        with pytest.raises(ModuleNotFoundError):
            __import__("no_such_module_anywhere")
        import yield_two

    assert yield_two.VALUE == 1

"""PySide's check of each imported module (does its source mention PySide6?) answers as
PySide's own once ui/pyside_imports.py made it read the file instead."""

from __future__ import annotations

import sys

import ui.event_loop  # noqa: F401 - installs the check before PySide loads
from ui import pyside_imports


def test_the_file_read_check_answers_as_pysides_own() -> None:
    pyside_imports.install()  # a second install changes nothing
    check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    assert check.reads_the_file
    modules = [
        m for m in list(sys.modules.values()) if str(getattr(m, "__file__", "")).endswith(".py")
    ]
    assert len(modules) > 100
    answers = {m.__name__: check(m) for m in modules}
    assert answers == {m.__name__: check.original(m) for m in modules}
    assert answers["ui.event_loop"] and answers["ui.theme"]
    assert not answers["json"] and not answers["app.sla"]

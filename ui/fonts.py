"""Bundled fonts: DejaVu Sans (Latin, Cyrillic) with Droid Sans Fallback (CJK).

Guest names come in any script. A casino tablet image may have no CJK font at all, so
the app ships its own and sets a family list on the application font: Qt tries each
family in turn for every character.
"""

from __future__ import annotations

import logging
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DroidSansFallbackFull.ttf")
PRIMARY_FAMILY = "DejaVu Sans"
FALLBACK_FAMILIES = ("Droid Sans Fallback",)
BASE_POINT_SIZE = 14

_loaded: list[str] = []


def load_bundled_fonts() -> list[str]:
    """Register the bundled font files once; returns the families they provide."""
    if _loaded:
        return list(_loaded)
    package = resources.files("resources.fonts")
    for filename in FONT_FILES:
        font_id = _add_font(package.joinpath(filename))
        if font_id < 0:
            log.error("could not load bundled font %s", filename)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in _loaded:
                _loaded.append(family)
    return list(_loaded)


def _add_font(resource: Traversable) -> int:
    """From its file where it is one (the source tree, the bundle): half the time of
    handing Qt a copy of the 5 MB, at every start. Qt reads the file again later, so a
    resource that is no file (a zip) is handed over as data."""
    if isinstance(resource, Path):
        return QFontDatabase.addApplicationFont(str(resource))
    return QFontDatabase.addApplicationFontFromData(resource.read_bytes())


def app_font(point_size: int = BASE_POINT_SIZE) -> QFont:
    """The application font with its script fall-backs."""
    families = load_bundled_fonts()
    chain = [f for f in (PRIMARY_FAMILY, *FALLBACK_FAMILIES) if f in families]
    chain += [f for f in families if f not in chain]
    font = QFont()
    font.setFamilies(chain or [PRIMARY_FAMILY])
    font.setPointSize(point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def install_fonts(app: QApplication, point_size: int = BASE_POINT_SIZE) -> QFont:
    font = app_font(point_size)
    app.setFont(font)
    return font

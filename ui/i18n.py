"""Translations: ``resources/translations/vip_console_<locale>.ts`` compiled to ``.qm``."""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

CATALOGUE = "vip_console"
_LOADED: list[bytes] = []  # the .qm data of every loaded translator (see below)


def install_translator(app: QApplication, locale: str | None = None) -> QTranslator | None:
    """Load the compiled catalogue for ``locale`` (default: the system's), if shipped."""
    name = locale or QLocale.system().name()
    package = resources.files("resources.translations")
    for candidate in (name, name.split("_")[0]):
        qm = package.joinpath(f"{CATALOGUE}_{candidate}.qm")
        if not qm.is_file():
            continue
        translator = QTranslator(app)
        data = qm.read_bytes()
        if translator.load(data):
            # QTranslator.load(data) does not copy the bytes: keep them as long as the
            # translator, or lookups read freed memory (garbage text, KeyError in format).
            _LOADED.append(data)
            app.installTranslator(translator)
            return translator
        log.error("could not load translations %s", qm.name)
    return None

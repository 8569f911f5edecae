"""Translations: ``resources/translations/vip_console_<locale>.ts`` compiled to ``.qm``."""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

CATALOGUE = "vip_console"


def install_translator(app: QApplication, locale: str | None = None) -> QTranslator | None:
    """Load the compiled catalogue for ``locale`` (default: the system's), if shipped."""
    name = locale or QLocale.system().name()
    package = resources.files("resources.translations")
    for candidate in (name, name.split("_")[0]):
        qm = package.joinpath(f"{CATALOGUE}_{candidate}.qm")
        if not qm.is_file():
            continue
        translator = QTranslator(app)
        if translator.load(qm.read_bytes()):
            app.installTranslator(translator)
            return translator
        log.error("could not load translations %s", qm.name)
    return None

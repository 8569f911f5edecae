"""Translations: ``resources/translations/vip_console_<locale>.ts`` compiled to ``.qm``.

The console starts in the tablet's language (``install_translator``) and changes it
while it runs (``use_language``): the sign-in screen's choice, then each staff
member's own language at their sign-in. Widgets built after the change speak the new
language; the window rebuilds those it keeps (``ui.main_window``).
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

CATALOGUE = "vip_console"
SOURCE_LANGUAGE = "en"  # the language of the code's own strings: no catalogue needed
# Each language in its own words: a French speaker looks for "Français", whatever the
# console speaks now. These names are never translated.
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
_LOADED: list[bytes] = []  # the .qm data of every loaded translator (see below)
_INSTALLED: list[QTranslator] = []  # on the application now: ours and Qt's own, one language


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
            _INSTALLED.append(translator)
            _install_qt_own(app, candidate)
            return translator
        log.error("could not load translations %s", qm.name)
    return None


def _install_qt_own(app: QApplication, locale: str) -> None:
    """Qt's own words in the same language: a dialog's Close, a field's Copy and Paste."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{locale}", folder) or translator.load(
        f"qtbase_{locale.split('_')[0]}", folder
    ):
        app.installTranslator(translator)
        _INSTALLED.append(translator)
    else:
        log.info("no Qt translations for %s in %s", locale, folder)


def available_languages() -> list[str]:
    """The languages the console can speak: the source's and each shipped catalogue's."""
    prefix, found = f"{CATALOGUE}_", [SOURCE_LANGUAGE]
    for entry in resources.files("resources.translations").iterdir():
        if entry.name.startswith(prefix) and entry.name.endswith(".qm"):
            code = entry.name.removeprefix(prefix).removesuffix(".qm").split("_")[0]
            if code not in found:
                found.append(code)
    return found


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code) or QLocale(code).nativeLanguageName().capitalize() or code


def current_language() -> str:
    """The language the console speaks now (the catalogue's own ``Locale`` entry)."""
    from ui.locale_format import translation_locale

    return translation_locale().split("_")[0] or SOURCE_LANGUAGE


def use_language(app: QApplication, code: str) -> bool:
    """Speak ``code`` from now on (one with no catalogue changes nothing). True when the
    language changed; widgets already built keep their texts until rebuilt."""
    if code not in available_languages():
        log.warning("no catalogue for language %r: the console stays as it was", code)
        return False
    if code == current_language():
        return False
    while _INSTALLED:
        app.removeTranslator(_INSTALLED.pop())
    if code != SOURCE_LANGUAGE and install_translator(app, code) is None:
        return False
    log.info("the console now speaks %s", code)
    return True

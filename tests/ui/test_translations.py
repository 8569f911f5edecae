"""Translations keep their placeholders, and the French catalogue loads."""

import re
import xml.etree.ElementTree as ET
from importlib import resources

import pytest
from PySide6.QtCore import QCoreApplication

from ui.i18n import install_translator

PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n|%\d")
CATALOGUES = sorted(
    p.name for p in resources.files("resources.translations").iterdir() if p.name.endswith(".ts")
)


def _messages(name: str):
    root = ET.fromstring(resources.files("resources.translations").joinpath(name).read_bytes())
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        yield source, [f for f in forms if f]


def test_there_is_a_catalogue() -> None:
    assert CATALOGUES


@pytest.mark.parametrize("name", CATALOGUES)
def test_translations_keep_their_placeholders(name: str) -> None:
    for source, forms in _messages(name):
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), (
                source,
                form,
            )


def test_french_catalogue_loads_and_translates(qapp) -> None:
    translator = install_translator(qapp, "fr_FR")
    assert translator is not None
    try:
        text = QCoreApplication.translate("SignInScreen", "Sign in")
        assert text == "Se connecter"
        left = QCoreApplication.translate(
            "SignInPlurals", "Wrong staff id or PIN. %n attempt(s) left.", "", 2
        )
        # %n is filled in; which plural form Qt picks is Qt's business (see report).
        assert left.startswith("Identifiant ou code PIN incorrect. 2 essai")
    finally:
        qapp.removeTranslator(translator)

"""The French catalogue translates every string collected from ui/ (pyside6-lupdate), and
the compiled .qm carries them (host, desk and concierge pages included)."""

import xml.etree.ElementTree as ET
from importlib import resources

from PySide6.QtCore import QCoreApplication


def _entries():
    data = resources.files("resources.translations").joinpath("vip_console_fr.ts").read_bytes()
    for context in ET.fromstring(data).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


def test_every_entry_is_translated() -> None:
    untranslated = []
    for context, message in _entries():
        translation = message.find("translation")
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") == "unfinished" or not all(forms):
            untranslated.append((context, message.findtext("source")))
    assert untranslated == []


def test_every_string_has_a_context_lupdate_could_read() -> None:
    # An empty context means translate() was called through an alias: never looked up.
    assert [m.findtext("source") for context, m in _entries() if not context] == []


def test_pages_of_this_work_speak_french(french) -> None:
    tr = QCoreApplication.translate
    assert tr("HostPage", "My guests") == "Mes clients"
    assert tr("PagingBar", "Page guest") == "Appeler le client"
    assert tr("WalkInForm", "Register a walk-in") == "Enregistrer un client de passage"
    assert tr("CodeWordCheck", "Check code word") == "Vérifier le mot de passe"
    text = tr("HostAlerts", "{guest} is in an incident: {ticket} {priority} {what}")
    assert text.format(guest="A", ticket="T", priority="P1", what="x").startswith("A est")

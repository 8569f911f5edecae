"""ui/error_text.py maps every message key and coded parameter the core declares, with
the same parameters as the core's English; so a new key cannot ship untranslated. A form
names its fields its own way; dates and times read the way of the translation's locale."""

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QLocale

from app.messages import (
    ENGLISH,
    LABELS,
    PARAM_VOCABULARY,
    KeyedError,
    Message,
    english,
    placeholders,
)
from ui.core_labels import labels
from ui.error_text import error_text, in_sentence, templates
from ui.i18n import use_language

NAMED = re.compile(r"\{([a-z_]+)\}")


def test_every_core_key_has_a_translation_entry() -> None:
    assert set(templates()) == set(ENGLISH)


@pytest.mark.parametrize("key", sorted(ENGLISH))
def test_ui_text_uses_only_the_parameters_the_core_gives(key: str) -> None:
    source = templates(2)[key]  # no translator installed: the English source, %n filled
    core = ENGLISH[key]
    assert set(NAMED.findall(source)) <= placeholders(core), (key, source)
    plural = isinstance(core, tuple)
    assert plural == ("2 attempt(s)" in source), key  # %n only where the core has a count


def test_every_coded_parameter_has_a_label_for_every_code() -> None:
    ui = labels()
    assert set(PARAM_VOCABULARY.values()) <= set(ui)
    for vocabulary, codes in LABELS.items():
        assert ui[vocabulary] == dict(codes), vocabulary  # same codes, same English


@pytest.mark.parametrize(
    "key",
    sorted(k for k, t in ENGLISH.items() if isinstance(t, str) and k != "auth.account_locked"),
)
def test_untranslated_ui_text_is_the_core_english(key: str) -> None:
    params = {name: f"<{name}>" for name in placeholders(ENGLISH[key])}
    for name, vocabulary in PARAM_VOCABULARY.items():
        if name in params:
            params[name] = next(iter(LABELS[vocabulary]))
    assert error_text(KeyedError(key, **params)) == english(key, params)


def test_every_core_message_reads_in_french(qapp) -> None:
    english_texts = templates(2)
    assert use_language(qapp, "fr")
    try:
        french = templates(2)
        same = {key for key in ENGLISH if french[key] == english_texts[key]}
        assert same == set()
        for key, text in french.items():
            assert set(NAMED.findall(text)) == set(NAMED.findall(english_texts[key])), key
        assert (
            french["auth.code_refused"] == "Code de l'authentificateur refusé. 2 essais restants."
        )
        assert labels()["field"]["location"] == "lieu"
    finally:
        use_language(qapp, "en")


def test_a_form_names_its_fields_its_own_way() -> None:
    error = KeyedError("text.required", field="summary")
    assert error_text(error) == "The summary is required."
    assert error_text(error, {"summary": "Request"}) == "The request is required."
    assert error_text(error, {"note": "Request"}) == "The summary is required."  # not named
    assert in_sentence("Request:") == "request"
    assert in_sentence(" TTR reference ") == "TTR reference"  # an acronym keeps its capitals


@pytest.fixture
def tablet_locale(qapp) -> Iterator[Callable[[str], None]]:
    """Pins the tablet's own locale (``C`` speaks no language: the translation's wins)."""

    def pin(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    pin("C")
    yield pin
    QLocale.setDefault(QLocale.system())


NNB = "\u202f"  # CLDR's narrow no-break space, between a time and its "pm"
COOLING_OFF = KeyedError("recovery.cooling_off", until=date(2026, 12, 1))
LOCKED_LATER = KeyedError("auth.account_locked", locked_until=datetime(2030, 12, 1, 14, 5))


def test_dates_and_times_read_the_english_way(tablet_locale) -> None:
    assert error_text(COOLING_OFF) == (
        "The guest is cooling off until 1 Dec 2026: play incentives are never offered."
    )
    assert error_text(LOCKED_LATER) == (
        f"Too many wrong PINs: sign-in is locked until 2:05{NNB}pm (1 Dec 2030)."
    )
    today = datetime.now().astimezone().replace(hour=14, minute=5)
    locked = KeyedError("auth.account_locked", locked_until=today)
    assert error_text(locked) == f"Too many wrong PINs: sign-in is locked until 2:05{NNB}pm."
    tablet_locale("en_US")  # an English tablet keeps its region
    assert "until Dec 1, 2026:" in error_text(COOLING_OFF)


def test_dates_and_times_read_the_french_way(tablet_locale, french) -> None:
    assert error_text(COOLING_OFF) == (
        "Le client est en période de réflexion jusqu'au 1 déc. 2026 : "
        "aucune incitation au jeu n'est jamais proposée."
    )
    assert error_text(LOCKED_LATER) == (
        "Trop de codes PIN erronés : la connexion est bloquée jusqu'à 14:05 (1 déc. 2030)."
    )
    card = Message("card.cooling_off", {"until": date(2027, 3, 9)})
    assert error_text(card).startswith("Période de réflexion jusqu'au 9 mars 2027 : ")
    tablet_locale("en_US")  # a French translation on an English tablet: French dates
    assert "jusqu'au 1 déc. 2026 :" in error_text(COOLING_OFF)


def test_a_store_moved_aside_is_said_in_the_screens_language(qapp, tmp_path) -> None:
    from ui.application import store_moved_aside_text

    moved = tmp_path / "store.db.corrupt-20261203T150000Z"
    assert "integrity check" in store_moved_aside_text(moved)
    assert use_language(qapp, "fr")
    try:
        text = store_moved_aside_text(moved)
        assert "contrôle d'intégrité" in text and str(moved) in text
    finally:
        use_language(qapp, "en")

"""ui/error_text.py maps every message key and coded parameter the core declares, with
the same parameters as the core's English; so a new key cannot ship untranslated. A form
names its fields its own way."""

import re

import pytest

from app.messages import ENGLISH, LABELS, PARAM_VOCABULARY, KeyedError, english, placeholders
from ui.error_text import error_text, in_sentence, labels, templates
from ui.i18n import install_translator

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
    translator = install_translator(qapp, "fr_FR")
    assert translator is not None
    try:
        french = templates(2)
        same = [key for key in ENGLISH if french[key] == english_texts[key]]
        assert same == []
        for key, text in french.items():
            assert set(NAMED.findall(text)) == set(NAMED.findall(english_texts[key])), key
        assert (
            french["auth.code_refused"] == "Code de l'authentificateur refusé. 2 essais restants."
        )
        assert labels()["field"]["location"] == "lieu"
    finally:
        qapp.removeTranslator(translator)


def test_a_form_names_its_fields_its_own_way() -> None:
    error = KeyedError("text.required", field="summary")
    assert error_text(error) == "The summary is required."
    assert error_text(error, {"summary": "Request"}) == "The request is required."
    assert error_text(error, {"note": "Request"}) == "The summary is required."  # not named
    assert in_sentence("Request:") == "request"
    assert in_sentence(" TTR reference ") == "TTR reference"  # an acronym keeps its capitals

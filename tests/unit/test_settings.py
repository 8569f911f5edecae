"""Settings are declared once; a bad file is refused with the key named."""

from pathlib import Path

import pytest

from app.settings import SETTINGS_FILE, Settings, SettingsError, load_settings, save_settings


def test_first_start_makes_and_keeps_a_device_id(data_dir: Path) -> None:
    first = load_settings(data_dir).get("device_id")
    assert first.startswith("TAB-")
    assert load_settings(data_dir).get("device_id") == first


def test_defaults_come_from_the_declaration(data_dir: Path) -> None:
    settings = load_settings(data_dir)
    assert settings.get("swipe_max_key_gap_ms") == 30
    with pytest.raises(KeyError):
        settings.get("no_such_setting")


@pytest.mark.parametrize(
    ("content", "named"),
    [
        # The idle lock moved to the SLA policy's [session] table, per role.
        ("idle_lock_minutes = 3\n", "idle_lock_minutes"),
        ('swipe_max_key_gap_ms = "two"\n', "swipe_max_key_gap_ms"),
        ("swipe_max_key_gap_ms = -1\n", "swipe_max_key_gap_ms"),
        ("swipe_max_key_gap_ms = \n", "not valid TOML"),
    ],
)
def test_bad_settings_are_refused_with_the_key_named(
    data_dir: Path, content: str, named: str
) -> None:
    (data_dir / SETTINGS_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError, match=named):
        load_settings(data_dir)


def test_saved_settings_read_back(data_dir: Path) -> None:
    save_settings(data_dir, Settings({"device_id": "TAB-7", "property_name": 'The "Crown"'}))
    settings = load_settings(data_dir)
    assert settings.get("device_id") == "TAB-7"
    assert settings.get("property_name") == 'The "Crown"'

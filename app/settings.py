"""Settings of one console, declared once and read through their declaration.

A property sets them in ``settings.toml`` in the data directory. Unknown keys and
values of the wrong type are refused with the key named, so a typo never passes
silently as a default.
"""

import tomllib
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SETTINGS_FILE = "settings.toml"


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] = ()  # when not empty: the only values allowed


DECLARED: tuple[Setting, ...] = (
    Setting("device_id", str, "", "this tablet's id; made once at first start when empty"),
    Setting("property_name", str, "Harbour Crown Casino", "shown on screens and acts"),
    Setting("policy_file", str, "", "the property's SLA policy (TOML); empty: the default"),
    Setting("swipe_max_key_gap_ms", int, 30, "a card reader types faster than this per key"),
    Setting("require_totp", bool, False, "ask for an authenticator code after the PIN"),
    Setting("kiosk", bool, False, "full screen, no frame, no way out but IT's PIN"),
    Setting("it_pin_verifier", str, "", "IT's PIN (Argon2id verifier): vip-console kiosk"),
    Setting("photo_import_dir", str, "", "kiosk: photos are attached from this folder only"),
    Setting("handover_export_dir", str, "", "kiosk: the handover is saved in this folder only"),
    Setting("high_contrast", bool, False, "the high-contrast theme (black, white, yellow)"),
    Setting(
        "text_scale", int, 100, "text size in percent: 100, 125, 150 or 200", (100, 125, 150, 200)
    ),
    Setting("alert_sound", bool, True, "a sound with each alert's banner on this device"),
    Setting("update_url", str, "", "signed updates (TUF) from here; empty: the helpdesk's"),
    Setting("update_install_dir", str, "", "versioned install directory; empty: the bundle's own"),
    Setting("update_check_minutes", int, 60, "minutes between two checks for an update"),
)
_BY_KEY = {s.key: s for s in DECLARED}


class SettingsError(ValueError):
    """A settings file the console refuses, with the key named."""


@dataclass(frozen=True, slots=True)
class Settings:
    values: dict[str, Any]

    def get(self, key: str) -> Any:
        if key not in _BY_KEY:
            raise KeyError(f"no setting named {key!r}")
        return self.values.get(key, _BY_KEY[key].default)


def load_settings(data_dir: Path) -> Settings:
    """Read the data directory's settings, giving the console a device id on first start."""
    path = data_dir / SETTINGS_FILE
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise SettingsError(f"{path.name}: not valid TOML: {error}") from error
    values = {key: _checked(key, value) for key, value in raw.items()}
    if not values.get("device_id"):
        values["device_id"] = f"TAB-{uuid.uuid4().hex[:6].upper()}"
        save_settings(data_dir, Settings(values))
    return Settings(values)


def save_settings(data_dir: Path, settings: Settings) -> None:
    lines = [f"# VIP Host Console settings; keys: {', '.join(_BY_KEY)}"]
    for key, value in sorted(settings.values.items()):
        _checked(key, value)
        lines.append(f"{key} = {_toml_value(value)}")
    (data_dir / SETTINGS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def update_setting(data_dir: Path, key: str, value: Any) -> Settings:
    """One setting changed in the data directory's file, the others kept as they are."""
    current = load_settings(data_dir)
    changed = Settings({**current.values, key: _checked(key, value)})
    save_settings(data_dir, changed)
    return changed


def _checked(key: str, value: Any) -> Any:
    setting = _BY_KEY.get(key)
    if setting is None:
        raise SettingsError(f"unknown setting {key!r}; known: {', '.join(_BY_KEY)}")
    if type(value) is not setting.type:
        raise SettingsError(
            f"setting {key!r}: expected {setting.type.__name__}, got {type(value).__name__}"
        )
    if setting.choices and value not in setting.choices:
        known = ", ".join(str(c) for c in setting.choices)
        raise SettingsError(f"setting {key!r}: expected one of {known}, got {value}")
    if type(value) is int and value <= 0:  # bool is an int too, and False is fine
        raise SettingsError(f"setting {key!r}: expected a positive number, got {value}")
    return value


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):  # TOML's are lower case; str(True) is not TOML
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    if isinstance(value, bool):  # TOML's booleans are lower case; str(True) is not TOML
        return "true" if value else "false"
    return str(value)

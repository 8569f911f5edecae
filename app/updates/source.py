"""Where a console's updates come from, and where it keeps what it trusts.

The helpdesk serves the property's TUF repository under ``/updates`` (metadata/ and
targets/); a property may set another URL (``update_url``). The console trusts only
the root metadata IT placed in its data directory (``vip-console update trust``): no
trusted root, no updates (never a built-in or demo root as a fallback).
"""

import sys
from dataclasses import dataclass
from pathlib import Path

from app.settings import Settings

APP_NAME = "vip-console"  # the archives' name in the repository: vip-console-0.2.0.tar.gz
UPDATES_DIR = "updates"  # under the data directory
ROOT_FILE = "root.json"


@dataclass(frozen=True, slots=True)
class UpdateSource:
    base_url: str  # the repository: <base>/metadata/, <base>/targets/

    @property
    def metadata_url(self) -> str:
        return f"{self.base_url}/metadata/"

    @property
    def targets_url(self) -> str:
        return f"{self.base_url}/targets/"


def update_source(settings: Settings, helpdesk_url: str | None) -> UpdateSource | None:
    """The property's ``update_url``, else the helpdesk's ``/updates``; None when neither
    is a URL (offline, or the embedded demo helpdesk)."""
    configured = str(settings.get("update_url")).strip()
    if configured:
        return UpdateSource(configured.rstrip("/"))
    if helpdesk_url and helpdesk_url.startswith(("http://", "https://")):
        return UpdateSource(helpdesk_url.rstrip("/") + "/updates")
    return None


def metadata_dir(data_dir: Path) -> Path:
    return data_dir / UPDATES_DIR / "metadata"


def downloads_dir(data_dir: Path) -> Path:
    return data_dir / UPDATES_DIR / "downloads"


def trusted_root(data_dir: Path) -> Path:
    return metadata_dir(data_dir) / ROOT_FILE


def install_root(settings: Settings) -> Path | None:
    """The versioned install directory: the ``update_install_dir`` setting, else the one
    this bundle runs from (``<root>/versions/<version>/vip-console``); None from source."""
    configured = str(settings.get("update_install_dir")).strip()
    if configured:
        return Path(configured)
    if getattr(sys, "frozen", False):
        bundle = Path(sys.executable).resolve().parent
        if bundle.parent.name == "versions":
            return bundle.parent.parent
    return None

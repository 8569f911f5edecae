"""Where the console's file dialogs may go: anywhere on a desk, one folder each on a kiosk.

On a kiosk (issue 17, docs/kiosk.md) a file dialog must not become a way to the
tablet's files: "Attach photo" may only open files under ``photo_import_dir`` and the
shift handover may only be saved under ``handover_export_dir`` (device settings: a
removable drive's mount point, or a folder IT chose). The dialog may not climb above
its folder; ``inside_root`` is that rule, with symbolic links and ``..`` resolved, so a
link inside the folder that points outside it does not count as inside.
"""

from dataclasses import dataclass
from pathlib import Path

from app.settings import Settings


@dataclass(frozen=True, slots=True)
class FileRoot:
    """One dialog's reach: unconfined (a desk), or only ``root`` and what lies below it.

    ``setting`` names the device setting that gives the root (for IT, in the message
    shown when it is not set)."""

    confined: bool = False
    root: Path | None = None
    setting: str = ""

    def allows(self, path: Path | str) -> bool:
        if not self.confined:
            return True
        return self.root is not None and inside_root(path, self.root)


ANYWHERE = FileRoot()  # a desk's dialogs: the system's, unconfined


@dataclass(frozen=True, slots=True)
class FileAccess:
    """The console's two file dialogs: photos and receipts in, the handover out."""

    photo_import: FileRoot = ANYWHERE
    handover_export: FileRoot = ANYWHERE


def inside_root(path: Path | str, root: Path | str) -> bool:
    """Whether ``path`` is ``root`` or lies below it once symbolic links and ``..`` are
    resolved; a relative ``path`` is taken from ``root``. A path that cannot be resolved
    (a link loop) is outside."""
    try:
        top = Path(root).resolve()
        real = (top / path).resolve()
    except (OSError, RuntimeError):
        return False
    return real == top or top in real.parents


def kiosk_file_access(settings: Settings) -> FileAccess:
    """A kiosk's dialogs, each confined to the folder its setting names (None: not set)."""
    return FileAccess(
        photo_import=_confined(settings, "photo_import_dir"),
        handover_export=_confined(settings, "handover_export_dir"),
    )


def _confined(settings: Settings, key: str) -> FileRoot:
    folder = str(settings.get(key))
    return FileRoot(confined=True, root=Path(folder) if folder else None, setting=key)

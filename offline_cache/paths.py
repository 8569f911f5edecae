"""Where the console keeps its data: one directory, resolved once at start-up."""

import os
from pathlib import Path

APP_NAME = "vip-console"
DATA_DIR_ENV_VAR = "VIP_CONSOLE_DATA_DIR"
STORE_FILE_NAME = "store.db"


def resolve_data_dir(explicit: Path | str | None = None) -> Path:
    """The data directory: ``--data-dir`` > ``$VIP_CONSOLE_DATA_DIR`` > the platform default.

    The directory is not created here; ``open_store`` does that.
    """
    if explicit is not None and str(explicit) != "":
        return Path(explicit).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV_VAR, "")
    if from_env:
        return Path(from_env).expanduser()
    # Imported here: only the fallback needs it, and start-up time is benchmarked.
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def store_path(data_dir: Path) -> Path:
    return data_dir / STORE_FILE_NAME

"""Scratch demo stores for the benchmarks, made once and kept in ``bench/.cache``."""

import shutil
from pathlib import Path

from bench.common import CACHE_DIR

# Bump when the demo generator or the store schema changes, to rebuild the caches.
DATA_VERSION = "3"  # 3: encrypted with the demo store key


def demo_store_dir(guests: int) -> Path:
    """A data directory holding a demo property of ``guests`` guests."""
    from app.clock import SystemClock
    from app.demo.writer import write_demo_property
    from app.security.store_key import DEMO_STORE_KEY
    from offline_cache import open_store

    directory = CACHE_DIR / f"demo-{guests}-v{DATA_VERSION}"
    ready = directory / ".ready"
    if ready.exists():
        return directory
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    store = open_store(directory, key=DEMO_STORE_KEY)
    try:
        write_demo_property(store, directory, guests, SystemClock())
    finally:
        store.close()
    ready.touch()
    return directory

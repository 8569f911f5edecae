"""Scratch demo stores for the benchmarks, made once and kept in ``bench/.cache``."""

from pathlib import Path

from bench.cache import cached
from bench.common import CACHE_DIR

# Bump when the demo generator or the store schema changes, to rebuild the caches.
DATA_VERSION = "3"  # 3: encrypted with the demo store key


def demo_store_dir(guests: int, cache_dir: Path = CACHE_DIR) -> Path:
    """A data directory holding a demo property of ``guests`` guests, made once and
    cached; a cache that does not hold exactly that property is made again."""
    return cached(
        cache_dir / f"demo-{guests}-v{DATA_VERSION}",
        lambda directory: _write_demo(directory, guests),
        lambda directory: demo_store_problem(directory, guests),
    )


def _write_demo(directory: Path, guests: int) -> None:
    from app.clock import SystemClock
    from app.demo.writer import write_demo_property
    from app.security.store_key import DEMO_STORE_KEY
    from offline_cache import open_store

    store = open_store(directory, key=DEMO_STORE_KEY)
    try:
        write_demo_property(store, directory, guests, SystemClock())
    finally:
        store.close()


def demo_store_problem(directory: Path, guests: int) -> str | None:
    """What keeps ``directory`` from being a complete demo property of ``guests`` guests."""
    from app.demo.writer import demo_hint
    from app.security.store_key import DEMO_STORE_KEY
    from offline_cache import open_store, store_path

    if demo_hint(directory) is None or not (directory / "pki").is_dir():
        return "not a complete demo property (no demo marker or no PKI)"
    if not store_path(directory).is_file():
        return "no store"
    try:
        store = open_store(directory, key=DEMO_STORE_KEY)  # checks integrity first
    except ValueError as error:  # StoreKeyError: not the demo key's store
        return str(error)
    try:
        if store.recovered_from is not None:
            return "the store failed its integrity check"
        with store.unit_of_work() as uow:
            found = uow.guests.count()
    finally:
        store.close()
    return None if found == guests else f"{found} guests, expected {guests}"

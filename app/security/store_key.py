"""Where the store key comes from: the 32 raw bytes that encrypt ``store.db`` (SQLCipher).

In order (docs/security.md):

1. an explicit key (tests, tools);
2. ``$VIP_CONSOLE_STORE_KEY``: 64 hex characters (headless consoles, CI). Given, it
   always wins: a demo marker planted in a real data directory never makes the
   console encrypt with the published demo key;
3. a demo data directory (``demo-property.txt``): the published demo key, with a
   warning. Demo data only: ``make run``, the benchmarks and CI work on headless machines;
4. the OS keystore through ``keyring`` (service ``vip-console``, username the SHA-256 of
   the data directory's absolute path); a new random key is created and stored there
   on first start.

No keystore and no variable: StoreKeyUnavailable, telling the operator what to set.
The key is never written to a file next to the store.
"""

import hashlib
import logging
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from app.demo.writer import DEMO_MARKER

log = logging.getLogger(__name__)

KEY_BYTES = 32
ENV_VAR = "VIP_CONSOLE_STORE_KEY"
KEYRING_SERVICE = "vip-console"
# Published on purpose: it protects demo data only (docs/security.md).
DEMO_STORE_KEY = hashlib.sha256(b"vip-console/demo-store-key/1").digest()


class StoreKeyUnavailable(ValueError):
    """No store key can be had on this machine (no keystore, no variable)."""


def parse_key_hex(text: str) -> bytes:
    cleaned = text.strip()
    try:
        key = bytes.fromhex(cleaned)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise StoreKeyUnavailable(
            f"{ENV_VAR} must be {KEY_BYTES * 2} hexadecimal characters (a raw 32-byte key)"
        )
    return key


def keyring_username(data_dir: Path) -> str:
    """The keystore entry's name for one data directory: its absolute path, hashed."""
    return hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()


def is_demo_dir(data_dir: Path) -> bool:
    return (data_dir / DEMO_MARKER).exists()


def resolve_store_key(
    data_dir: Path,
    *,
    key: bytes | None = None,
    environ: Mapping[str, str] | None = None,
) -> bytes:
    """The store key for ``data_dir`` (see the module's docstring for the order)."""
    if key is not None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"the store key is {KEY_BYTES} bytes")
        return key
    env = os.environ if environ is None else environ
    from_env = env.get(ENV_VAR, "")
    if from_env:
        if is_demo_dir(data_dir):
            log.warning("%s has a demo marker; %s is given and wins over it", data_dir, ENV_VAR)
        return parse_key_hex(from_env)
    if is_demo_dir(data_dir):
        log.warning(
            "%s holds DEMO data: its store is encrypted with the published demo key "
            "(docs/security.md), not a secret one",
            data_dir,
        )
        return DEMO_STORE_KEY
    return _keystore_key(data_dir)


def _keystore_key(data_dir: Path) -> bytes:
    import keyring  # imported here: slow-ish, and only real consoles need it
    from keyring.errors import KeyringError

    username = keyring_username(data_dir)
    try:
        stored = keyring.get_password(KEYRING_SERVICE, username)
        if stored is not None:
            return parse_key_hex(stored)
        new_key = secrets.token_bytes(KEY_BYTES)
        keyring.set_password(KEYRING_SERVICE, username, new_key.hex())
    except KeyringError as error:
        raise StoreKeyUnavailable(
            "No OS keystore is available to hold the local store's key "
            f"({error}). Set {ENV_VAR} to {KEY_BYTES * 2} hexadecimal characters "
            '(e.g. the output of `python -c "import secrets; print(secrets.token_hex(32))"`), '
            "kept in the machine's secret storage, and start again."
        ) from error
    log.info("Created a new store key in the OS keystore for %s", data_dir)
    return new_key

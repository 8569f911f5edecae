"""Signed acts at rest: sealed, content-addressed, write-once files.

``<data_dir>/acts/<sha256>.act`` holds one signed PDF, named by the SHA-256 of its
plain bytes (the act revision's identity in the store, the outbox and on the helpdesk)
and sealed with AES-256-GCM: ``MAGIC || nonce (12) || ciphertext+tag``, the hash as
associated data (a file renamed to another act's name does not open). The key is 32
random bytes made at first use and kept in the encrypted store (``sync_state``
``acts_file_key``): without the store key, an act on the disk is noise — no guest
name, amount, statement or drawn signature can be read from it.

The plain PDF exists only in memory: ``get`` opens and checks it on every read (a
damaged file is reported, never served), printing paints the act's layout, the upload
reads it here. ``put`` writes a temporary file in the same directory, flushes it and
*links* it into place (``os.link`` fails if the name exists: a second writer cannot
replace the first), then makes it read-only.

Acts written before sealing (``<sha256>.pdf``, plain) are sealed and removed the first
time the act service opens (``seal_plain_files``).
"""

import contextlib
import hashlib
import logging
import os
import re
import secrets
import tempfile
from collections.abc import Callable
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.ports import Store, UnitOfWork

log = logging.getLogger(__name__)

ACTS_DIR = "acts"
STORED_IN = "acts"  # an outbox upload's ``stored``: read (and opened) through this module
SUFFIX = ".act"
MAGIC = b"VIPACT1\n"
KEY_NAME = "acts_file_key"
_NONCE = 12
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class ActFileCorrupt(Exception):
    """A stored file that does not open, or no longer hashes to its name."""


class ActFileMissing(Exception):
    """No stored file under that hash."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_key(uow: UnitOfWork, *, create: bool = False) -> bytes | None:
    """The acts' file key from the encrypted store (made there when ``create``)."""
    held = uow.sync_state.get(KEY_NAME)
    if held is None and create:
        held = secrets.token_hex(32)
        uow.sync_state.set(KEY_NAME, held)
    return None if held is None else bytes.fromhex(held)


def seal(key: bytes, sha: str, pdf: bytes) -> bytes:
    nonce = secrets.token_bytes(_NONCE)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, pdf, sha.encode("ascii"))


def unseal(key: bytes, sha: str, sealed: bytes) -> bytes:
    if not sealed.startswith(MAGIC):
        raise ActFileCorrupt(f"{sha[:12]}: not a sealed act")
    body = sealed[len(MAGIC) :]
    try:
        pdf = AESGCM(key).decrypt(body[:_NONCE], body[_NONCE:], sha.encode("ascii"))
    except InvalidTag as error:
        raise ActFileCorrupt(f"{sha[:12]}: does not open with this store's key") from error
    if sha256_hex(pdf) != sha:
        raise ActFileCorrupt(f"{sha[:12]}: no longer matches its hash")
    return pdf


class ActFileStore:
    def __init__(self, root: Path, key: Callable[[], bytes]) -> None:
        self.root = root
        self._key = key

    @classmethod
    def for_store(cls, data_dir: Path, store: Store) -> "ActFileStore":
        """``<data_dir>/acts``, sealed with the key kept in ``store``."""
        cached: list[bytes] = []

        def key() -> bytes:
            if not cached:
                with store.unit_of_work() as uow:
                    made = file_key(uow, create=True)
                assert made is not None
                cached.append(made)
            return cached[0]

        return cls(data_dir / ACTS_DIR, key)

    def path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / f"{sha256}{SUFFIX}"

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def put(self, data: bytes) -> str:
        """Store ``data`` (once), sealed, and return the SHA-256 of its plain bytes."""
        sha = sha256_hex(data)
        target = self.path(sha)
        if target.exists():
            return sha
        _write_once(self.root, target, seal(self._key(), sha, data))
        log.debug("stored act file %s (%d bytes)", sha, len(data))
        return sha

    def get(self, sha256: str) -> bytes:
        """The plain PDF, in memory, checked against its hash."""
        path = self.path(sha256)
        try:
            sealed = path.read_bytes()
        except FileNotFoundError:
            legacy = self.root / f"{sha256}.pdf"
            if not legacy.exists():
                raise ActFileMissing(sha256) from None
            return _checked_plain(legacy, sha256)
        return unseal(self._key(), sha256, sealed)

    def seal_plain_files(self) -> int:
        """Seal every plain ``<sha>.pdf`` written before sealing, then remove it."""
        sealed = 0
        for plain in sorted(self.root.glob("*.pdf")) if self.root.is_dir() else []:
            sha = plain.stem
            if not _SHA256.match(sha):
                continue
            try:
                data = _checked_plain(plain, sha)
            except ActFileCorrupt:
                log.error("act file %s does not match its name: left as it is", plain.name)
                continue
            self.put(data)
            self.get(sha)  # opens and matches: only then does the plain copy go
            plain.unlink()
            sealed += 1
        if sealed:
            _fsync_dir(self.root)
            log.info("%d plain act files sealed", sealed)
        return sealed


def read_sealed(uow: UnitOfWork, data_dir: Path | None, sha256: str) -> bytes:
    """An act's plain PDF for the upload (``stored: acts``), in the caller's unit of
    work; ActFileMissing / ActFileCorrupt when it cannot be read."""
    key = file_key(uow)
    root = (data_dir or Path(".")) / ACTS_DIR

    def no_key() -> bytes:
        raise ActFileCorrupt("no acts file key in this store")

    return ActFileStore(root, (lambda: key) if key is not None else no_key).get(sha256)


def _checked_plain(path: Path, sha: str) -> bytes:
    data = path.read_bytes()
    if sha256_hex(data) != sha:
        raise ActFileCorrupt(f"{path.name} no longer matches its hash")
    return data


def _write_once(root: Path, target: Path, data: bytes) -> None:
    root.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=".incoming-", suffix=SUFFIX, dir=root)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp, target)
        except FileExistsError:
            pass  # someone stored the same act first: same content, keep theirs
        except OSError:
            os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    with contextlib.suppress(OSError):
        target.chmod(0o444)
    _fsync_dir(root)


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

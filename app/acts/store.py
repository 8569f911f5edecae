"""Content-addressed, write-once files: ``<data_dir>/acts/<sha256>.pdf``.

A file is named by the SHA-256 of its bytes and never rewritten: ``put`` writes a
temporary file in the same directory, flushes it to disk, and *links* it into place
(``os.link`` fails if the name exists, so a second writer cannot replace the first;
where links are unsupported, ``os.replace`` with identical bytes is equivalent). The
file is then made read-only. ``get`` checks the hash on every read, so a file
damaged on disk is reported, never served.
"""

import contextlib
import hashlib
import logging
import os
import re
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

ACTS_DIR = "acts"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class ActFileCorrupt(Exception):
    """A stored file no longer hashes to its name."""


class ActFileMissing(Exception):
    """No stored file under that hash."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ActFileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> "ActFileStore":
        return cls(data_dir / ACTS_DIR)

    def path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / f"{sha256}.pdf"

    def relative_path(self, sha256: str) -> str:
        """The path relative to the data directory (what the outbox row carries)."""
        return f"{ACTS_DIR}/{sha256}.pdf"

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def put(self, data: bytes) -> str:
        """Store ``data`` (once) and return its SHA-256."""
        sha = sha256_hex(data)
        target = self.path(sha)
        if target.exists():
            return sha
        self.root.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=".incoming-", suffix=".pdf", dir=self.root)
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(temp, target)
            except FileExistsError:
                pass  # someone stored the same bytes first: same content, keep theirs
            except OSError:
                os.replace(temp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        with contextlib.suppress(OSError):
            target.chmod(0o444)
        _fsync_dir(self.root)
        log.debug("stored act file %s (%d bytes)", sha, len(data))
        return sha

    def get(self, sha256: str) -> bytes:
        path = self.path(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError as error:
            raise ActFileMissing(sha256) from error
        if sha256_hex(data) != sha256:
            raise ActFileCorrupt(f"{path.name} no longer matches its hash")
        return data


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

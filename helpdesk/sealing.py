"""Attachments at rest on the helpdesk: signed acts, photos and receipts sealed in the
database with the helpdesk's blob key (``Settings.blob_key``), opened only to answer
``GET /v1/attachments/{sha256}`` (issue 13).

AES-256-GCM, the SHA-256 of the plain bytes as associated data (``app.acts.store``'s
format): a database dump or backup shows no guest name, amount or drawn signature.
``vip-console helpdesk serve`` takes the key from ``$VIP_HELPDESK_BLOB_KEY`` (64 hex
characters) and refuses to start without it, a demo helpdesk excepted (the published
demo key). Rows written before sealing, or by a helpdesk built without a key (tests),
are plain and served as they are.
"""

from __future__ import annotations

import hashlib
import os

from app.acts.store import MAGIC, seal, unseal

BLOB_KEY_ENV_VAR = "VIP_HELPDESK_BLOB_KEY"
# Published on purpose, like the console's demo store key: it protects demo data only.
DEMO_BLOB_KEY = hashlib.sha256(b"vip-console/demo-helpdesk-blob-key/1").digest()


class BlobKeyMissing(ValueError):
    """A real helpdesk without a blob key."""


def blob_key_from_env(demo: bool) -> bytes:
    text = os.environ.get(BLOB_KEY_ENV_VAR, "").strip()
    if text:
        try:
            key = bytes.fromhex(text)
        except ValueError:
            key = b""
        if len(key) != 32:
            raise BlobKeyMissing(f"{BLOB_KEY_ENV_VAR} must be 64 hexadecimal characters")
        return key
    if demo:
        return DEMO_BLOB_KEY
    raise BlobKeyMissing(
        f"Set {BLOB_KEY_ENV_VAR} (64 hexadecimal characters, kept in the host's secret "
        "storage): the helpdesk seals every attachment (signed acts, photos) with it."
    )


def sealed(key: bytes | None, sha256: str, content: bytes) -> bytes:
    return content if key is None else seal(key, sha256, content)


def opened(key: bytes | None, sha256: str, stored: bytes) -> bytes:
    if not stored.startswith(MAGIC):
        return stored  # written plain (before sealing, or without a key)
    if key is None:
        raise BlobKeyMissing(f"attachment {sha256[:12]} is sealed and no blob key is set")
    return unseal(key, sha256, stored)

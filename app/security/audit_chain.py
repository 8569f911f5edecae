"""The tamper-evident audit log: a hash chain over the rows, signed at checkpoints.

**The chain.** Every audit row carries ``prev_hash`` (the previous row's ``hash``;
``GENESIS`` for the first row) and ``hash = SHA-256(DOMAIN || canonical(row))``, where
``canonical(row)`` is the UTF-8 JSON array ``[id, at, staff_id, role, device_id,
action, target, detail, prev_hash]`` with no insignificant whitespace and non-ASCII as
itself. ``at`` is the ISO 8601 text the store keeps. Editing any row breaks its own hash;
recomputing every hash after an edit is caught by the signed checkpoints; deleting the
tail is caught against a checkpoint held elsewhere (the helpdesk, a signed act).

**Checkpoints.** The chain head ``(entry_id, hash)`` is signed with the device's
Ed25519 key on every action that is not a routine read (``checkpoint_due``), every
``CHECKPOINT_EVERY`` rows, at least every minute while the helpdesk answers
(``app.sync.audit_heartbeat``) and at sign-out / close. Each checkpoint travels with
the ``(id, prev_hash, hash)`` of every row since the one before, so every row's hash
reaches the helpdesk, which checks the chain's continuity per device (a gap, a fork,
a rollback raise an alert there). The device key comes from a random 32-byte secret
made when the store is first opened with a key and kept in it (``sync_state``), not
from the store key: knowing the store key (the published demo key, a leaked
``VIP_CONSOLE_STORE_KEY``) gives no checkpoint key without the store file. Stores
that signed checkpoints before keep their earlier key (derived from the store key)
until the tablet is provisioned again. The helpdesk binds the public key at
enrolment.

Qt-free and store-free: the store (``offline_cache``) feeds rows in, ``verify_chain``
says OK or names the first broken row.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

GENESIS = "0" * 64
DOMAIN = b"vip-console/audit/1\n"
CHECKPOINT_DOMAIN = b"vip-console/audit-checkpoint/1\n"
SIGNING_INFO = b"vip-console/audit-checkpoint-key/1"
CHECKPOINT_EVERY = 100
# Reads staff make all the time: their rows reach the helpdesk with the next checkpoint
# (within a minute online); every other action is checkpointed at once.
ROUTINE_ACTIONS = frozenset(
    {
        "guest.search",
        "guest.view",
        "guest.lookup_card",
        "guest.list_own",
        "guest.timeline",
        "incident.view",
    }
)


def checkpoint_due(entry_id: int, action: str) -> bool:
    """Whether appending row ``entry_id`` for ``action`` signs the head at once."""
    return entry_id % CHECKPOINT_EVERY == 0 or action not in ROUTINE_ACTIONS


@dataclass(frozen=True, slots=True)
class ChainRow:
    """One audit row as stored (``at`` as its stored text)."""

    id: int
    at: str
    staff_id: str
    role: str
    device_id: str
    action: str
    target: str
    detail: str
    prev_hash: str | None
    hash: str | None


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A signed chain head: the row ``entry_id`` had ``hash`` when ``at``."""

    entry_id: int
    hash: str
    at: str
    device_id: str
    public_key: str  # raw Ed25519, base64
    signature: str  # base64

    def message(self) -> bytes:
        return checkpoint_message(self.device_id, self.entry_id, self.hash, self.at)

    def to_json(self) -> dict[str, object]:
        return {
            "entry_id": self.entry_id,
            "hash": self.hash,
            "at": self.at,
            "device_id": self.device_id,
            "public_key": self.public_key,
            "signature": self.signature,
        }

    @classmethod
    def from_json(cls, plain: dict[str, object]) -> Checkpoint:
        entry_id = plain["entry_id"]
        if not isinstance(entry_id, int):
            raise ValueError("entry_id: expected an integer")
        return cls(
            entry_id=entry_id,
            hash=str(plain["hash"]),
            at=str(plain["at"]),
            device_id=str(plain["device_id"]),
            public_key=str(plain["public_key"]),
            signature=str(plain["signature"]),
        )


def row_hash(
    entry_id: int,
    at: str,
    staff_id: str,
    role: str,
    device_id: str,
    action: str,
    target: str,
    detail: str,
    prev_hash: str,
) -> str:
    fields = [entry_id, at, staff_id, role, device_id, action, target, detail, prev_hash]
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(DOMAIN + text.encode("utf-8")).hexdigest()


def expected_hash(row: ChainRow, prev_hash: str) -> str:
    return row_hash(
        row.id,
        row.at,
        row.staff_id,
        row.role,
        row.device_id,
        row.action,
        row.target,
        row.detail,
        prev_hash,
    )


def checkpoint_message(device_id: str, entry_id: int, head: str, at: str) -> bytes:
    text = json.dumps([device_id, entry_id, head, at], ensure_ascii=False, separators=(",", ":"))
    return CHECKPOINT_DOMAIN + text.encode("utf-8")


class CheckpointSigner:
    """The device's checkpoint key, derived from a 32-byte secret (the device's own
    random one, kept in its store; the store key itself for stores signed before)."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) != 32:
            raise ValueError("the checkpoint secret is 32 bytes")
        seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=SIGNING_INFO).derive(
            secret
        )
        self._key = Ed25519PrivateKey.from_private_bytes(seed)
        raw = self._key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.public_key = base64.b64encode(raw).decode("ascii")

    def sign_bytes(self, message: bytes) -> str:
        """Any message the device vouches for (a session assertion): base64 signature."""
        return base64.b64encode(self._key.sign(message)).decode("ascii")

    def sign(self, device_id: str, entry_id: int, head: str, at: str) -> Checkpoint:
        signature = self._key.sign(checkpoint_message(device_id, entry_id, head, at))
        return Checkpoint(
            entry_id=entry_id,
            hash=head,
            at=at,
            device_id=device_id,
            public_key=self.public_key,
            signature=base64.b64encode(signature).decode("ascii"),
        )


def signature_valid(checkpoint: Checkpoint, public_key: str | None = None) -> bool:
    """The checkpoint's signature checks, with ``public_key`` if given (a pinned key)."""
    key_text = public_key or checkpoint.public_key
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(key_text, validate=True))
        key.verify(base64.b64decode(checkpoint.signature, validate=True), checkpoint.message())
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True, slots=True)
class ChainReport:
    ok: bool
    entries: int
    checkpoints: int
    broken_at: int | None = None  # the first broken row's id (or the checkpoint's)
    reason: str = ""
    held: int = 0  # rows checked against the helpdesk's copy

    def describe(self) -> str:
        if self.ok:
            against = f", {self.held} rows as the helpdesk holds them" if self.held else ""
            return f"OK: {self.entries} entries, {self.checkpoints} signed checkpoints{against}"
        return f"BROKEN at entry {self.broken_at}: {self.reason}"


def verify_chain(
    rows: Iterable[ChainRow],
    checkpoints: Sequence[Checkpoint] = (),
    *,
    public_key: str | None = None,
    external: Sequence[Checkpoint] = (),
    held: Sequence[tuple[int, str]] = (),
) -> ChainReport:
    """Check the chain row by row, then every checkpoint against it.

    ``checkpoints`` are the store's own; ``external`` are copies held elsewhere (the
    helpdesk's, one from a signed act): a head beyond the last row means the tail was
    deleted. ``public_key`` is the key the checkpoints must be signed with (pinned);
    without it the key of the first checkpoint is taken and all must agree. ``held``:
    ``(id, hash)`` of rows the helpdesk holds, each of which must be here, unchanged.
    """
    hashes_by_id: dict[int, str] = {}
    prev = GENESIS
    count = 0
    last_id = 0
    for row in rows:
        count += 1
        if row.prev_hash != prev:
            return ChainReport(False, count, 0, row.id, "prev_hash does not match the row before")
        if row.hash != expected_hash(row, prev):
            return ChainReport(False, count, 0, row.id, "hash does not match the row's content")
        prev = row.hash
        hashes_by_id[row.id] = row.hash
        last_id = row.id
    for entry_id, digest in held:
        if entry_id not in hashes_by_id:
            where = f"the log ends at {last_id}" if entry_id > last_id else "a row is missing"
            why = f"entries the helpdesk holds were deleted ({where})"
            return ChainReport(False, count, 0, entry_id, why)
        if hashes_by_id[entry_id] != digest:
            why = "the row differs from the helpdesk's copy (rewritten)"
            return ChainReport(False, count, 0, entry_id, why)
    pinned = public_key
    all_checkpoints = [*checkpoints, *external]
    for checkpoint in all_checkpoints:
        pinned = pinned or checkpoint.public_key
        if not signature_valid(checkpoint, pinned):
            return ChainReport(
                False, count, 0, checkpoint.entry_id, "a checkpoint's signature does not verify"
            )
        stored = hashes_by_id.get(checkpoint.entry_id)
        if stored is None:
            reason = (
                f"entries were deleted after a signed checkpoint (the log ends at {last_id})"
                if checkpoint.entry_id > last_id
                else "a checkpointed entry is missing"
            )
            return ChainReport(False, count, 0, checkpoint.entry_id, reason)
        if stored != checkpoint.hash:
            return ChainReport(
                False,
                count,
                0,
                checkpoint.entry_id,
                "the chain differs from the signed checkpoint (rows rewritten)",
            )
    return ChainReport(True, count, len(all_checkpoints), held=len(held))

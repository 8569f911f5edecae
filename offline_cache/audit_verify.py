"""``vip-console audit verify``: check a store's audit chain and its signed checkpoints."""

import json
from collections.abc import Sequence
from pathlib import Path

from app.security.audit_chain import ChainReport, Checkpoint, verify_chain
from offline_cache.repositories.audit import SqliteAuditLog
from offline_cache.store import open_store


def load_checkpoint(path: Path) -> Checkpoint:
    """A checkpoint held elsewhere: the helpdesk's JSON, or an act's ``audit_head``."""
    plain = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(plain, dict) and isinstance(plain.get("audit_head"), dict):
        plain = plain["audit_head"]
    if not isinstance(plain, dict):
        raise ValueError(f"{path}: not a checkpoint")
    return Checkpoint.from_json(plain)


def verify_store(
    data_dir: Path,
    *,
    key: bytes | None = None,
    external: Sequence[Checkpoint] = (),
    held: Sequence[tuple[int, str]] = (),
) -> ChainReport:
    """The chain of ``<data_dir>/store.db`` against its own and ``external`` checkpoints.

    With ``key`` the checkpoints must be signed by this device's checkpoint key (kept in
    the store it opens).
    """
    store = open_store(data_dir, key=key)
    try:
        with store.unit_of_work() as uow:
            audit = uow.audit
            assert isinstance(audit, SqliteAuditLog)
            pinned = store.checkpoint_public_key
            return verify_chain(
                audit.chain_rows(),
                audit.checkpoints(),
                public_key=pinned,
                external=external,
                held=held,
            )
    finally:
        store.dispose()

"""The audit log: append-only (the table's triggers refuse UPDATE and DELETE) and chained.

Each row's ``hash`` covers its content and the previous row's hash; the head is
signed into ``audit_checkpoints`` on every action but routine reads, every
``CHECKPOINT_EVERY`` rows and on ``checkpoint()`` (the minute's heartbeat, sign-out,
close), and each checkpoint is queued for the helpdesk (outbox kind
``audit.checkpoint``) with ``rows``: ``{id, prev_hash, hash}`` of every row since the
checkpoint before. See app/security/audit_chain.py.
"""

from collections.abc import Iterator, Sequence

from sqlalchemy import Connection, insert, select

from app.ports import AuditEntry, Outbox
from app.security.audit_chain import (
    GENESIS,
    ChainRow,
    Checkpoint,
    CheckpointSigner,
    checkpoint_due,
    row_hash,
)
from app.wire import codec
from offline_cache import schema
from offline_cache.rows import RowMapper

_mapper = RowMapper(AuditEntry)
_t = schema.audit_log
_c = schema.audit_checkpoints
_COLUMNS = [_t.c[name] for name in _mapper.field_names]
CHECKPOINT_KIND = "audit.checkpoint"


class SqliteAuditLog:
    def __init__(
        self,
        connection: Connection,
        signer: CheckpointSigner | None = None,
        outbox: Outbox | None = None,
    ) -> None:
        self._conn = connection
        self._signer = signer
        self._outbox = outbox

    def append(self, entry: AuditEntry) -> None:
        last = self._conn.execute(
            select(_t.c.id, _t.c.hash).order_by(_t.c.id.desc()).limit(1)
        ).first()
        entry_id = 1 if last is None else int(last.id) + 1
        prev = GENESIS if last is None or last.hash is None else str(last.hash)
        row = _mapper.to_row(entry)
        digest = row_hash(
            entry_id,
            row["at"],
            row["staff_id"],
            row["role"],
            row["device_id"],
            row["action"],
            row["target"],
            row["detail"],
            prev,
        )
        self._conn.execute(insert(_t), {**row, "id": entry_id, "prev_hash": prev, "hash": digest})
        if checkpoint_due(entry_id, entry.action):
            self._sign(entry_id, digest, row["device_id"], row["at"])

    def recent(self, limit: int = 100) -> Sequence[AuditEntry]:
        """Newest first."""
        query = select(*_COLUMNS).order_by(_t.c.id.desc()).limit(limit)
        return [_mapper.from_row(row) for row in self._conn.execute(query).mappings()]

    def checkpoint(self) -> Checkpoint | None:
        """Sign the current head unless it is signed already (sign-out, close)."""
        head = self._conn.execute(
            select(_t.c.id, _t.c.hash, _t.c.at, _t.c.device_id).order_by(_t.c.id.desc()).limit(1)
        ).first()
        if head is None or head.hash is None:
            return None
        latest = self.last_checkpoint()
        if latest is not None and latest.entry_id >= int(head.id):
            return latest
        return self._sign(int(head.id), str(head.hash), str(head.device_id), str(head.at))

    def vouch(self, message: bytes) -> tuple[str, str] | None:
        """``message`` signed with the device key: (public key, signature); None without."""
        if self._signer is None:
            return None
        return self._signer.public_key, self._signer.sign_bytes(message)

    def last_checkpoint(self) -> Checkpoint | None:
        row = self._conn.execute(select(_c).order_by(_c.c.entry_id.desc()).limit(1)).mappings()
        first = row.first()
        return None if first is None else Checkpoint(**dict(first))

    def checkpoints(self) -> list[Checkpoint]:
        rows = self._conn.execute(select(_c).order_by(_c.c.entry_id)).mappings()
        return [Checkpoint(**dict(row)) for row in rows]

    def chain_rows(self) -> Iterator[ChainRow]:
        """Every row in order, as stored: what ``verify_chain`` reads."""
        for row in self._conn.execute(select(_t).order_by(_t.c.id)).mappings():
            yield ChainRow(**dict(row))

    def _sign(self, entry_id: int, digest: str, device_id: str, at: str) -> Checkpoint | None:
        if self._signer is None:
            return None
        before = self.last_checkpoint()
        checkpoint = self._signer.sign(device_id, entry_id, digest, at)
        self._conn.execute(insert(_c), checkpoint.to_json())
        if self._outbox is not None:
            since = before.entry_id if before is not None else 0
            self._outbox.enqueue(
                CHECKPOINT_KIND,
                f"audit:{device_id}",
                {**checkpoint.to_json(), "rows": self._links(since, entry_id)},
                at=codec.decode_datetime(at),
            )
        return checkpoint

    def _links(self, after: int, upto: int) -> list[dict[str, object]]:
        """``{id, prev_hash, hash}`` of the rows after ``after`` up to ``upto``."""
        query = (
            select(_t.c.id, _t.c.prev_hash, _t.c.hash)
            .where(_t.c.id > after, _t.c.id <= upto)
            .order_by(_t.c.id)
        )
        return [
            {"id": int(r.id), "prev_hash": str(r.prev_hash), "hash": str(r.hash)}
            for r in self._conn.execute(query)
        ]

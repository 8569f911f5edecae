"""Photos and receipts on an incident: in the encrypted store, on the timeline, queued
for the helpdesk by SHA-256, refused when they are not a JPEG, PNG or PDF."""

import hashlib
import struct
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Category, EventKind, Priority, Role
from app.domain.attachment import AttachmentKind, detect_content_type
from app.policy import load_policy
from app.services.attachments import AttachmentService, InvalidAttachment
from app.services.incidents import IncidentDraft, IncidentService
from app.sync.outbox import OutboxKind
from offline_cache import SqliteStore, open_store

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
PIT_BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1")
KEY = bytes(range(32))
MARKER = b"RECEIPT-TEXT-THAT-MUST-NOT-BE-READABLE-ON-DISK"


def png(payload: bytes = MARKER) -> bytes:
    """A real 1x1 PNG carrying ``payload`` in a text chunk (found again on disk if plain)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", b"Comment\x00" + payload)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data", key=KEY)
    yield opened
    opened.close()


@pytest.fixture
def services(store: SqliteStore) -> tuple[IncidentService, AttachmentService]:
    clock = FakeClock(T0)
    return IncidentService(store, clock, load_policy()), AttachmentService(store, clock)


def test_a_receipt_is_stored_encrypted_noted_and_queued_by_its_hash(
    store: SqliteStore, services: tuple[IncidentService, AttachmentService], tmp_path: Path
) -> None:
    incidents, attachments = services
    incident = incidents.open(PIT_BOSS, IncidentDraft(Priority.P2, Category.BILLING_ERROR))
    data = png()
    info = attachments.attach(PIT_BOSS, incident.id, data, AttachmentKind.RECEIPT)
    sha = hashlib.sha256(data).hexdigest()
    assert (info.sha256, info.content_type, info.size) == (sha, "image/png", len(data))

    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id(incident.id)
        rows = list(uow.outbox.pending_for(incident.id))
        audit = uow.audit.recent(1)[0]
        assert uow.attachments.data(incident.id, sha) == data
    assert stored is not None and sha in stored.attachments
    note = stored.events[-1]
    assert note.kind is EventKind.NOTE and note.detail == f"Receipt attached ({sha[:12]})"
    upload = rows[-1]
    assert upload.kind is OutboxKind.ATTACHMENT_UPLOAD
    assert upload.payload == {"sha256": sha, "stored": "attachments", "content_type": "image/png"}
    assert rows[-2].kind is OutboxKind.INCIDENT_EVENT  # the note, before the bytes
    assert (audit.action, audit.target) == ("incident.attach", incident.id)

    store.close()  # everything on disk: the database, its write-ahead log
    on_disk = b"".join(p.read_bytes() for p in (tmp_path / "data").iterdir() if p.is_file())
    assert MARKER not in on_disk  # encrypted with the store, like everything else
    reopened = open_store(tmp_path / "data", key=KEY)
    try:
        with reopened.unit_of_work() as uow:
            assert uow.attachments.data(incident.id, sha) == data
    finally:
        reopened.close()


def test_the_same_photo_twice_is_one_attachment_and_one_upload(
    store: SqliteStore, services: tuple[IncidentService, AttachmentService]
) -> None:
    incidents, attachments = services
    incident = incidents.open(PIT_BOSS, IncidentDraft(Priority.P1, Category.TABLE_DISPUTE))
    data = b"\xff\xd8\xff\xe0" + b"jpeg body" * 10
    attachments.attach(PIT_BOSS, incident.id, data, AttachmentKind.PHOTO)
    attachments.attach(PIT_BOSS, incident.id, data, AttachmentKind.PHOTO)
    with store.unit_of_work() as uow:
        uploads = [
            row
            for row in uow.outbox.pending_for(incident.id)
            if row.kind is OutboxKind.ATTACHMENT_UPLOAD
        ]
        assert len(uow.attachments.for_incident(incident.id)) == 1
    assert len(uploads) == 1
    ((info, read),) = attachments.read(PIT_BOSS, incident.id)
    assert read == data and info.kind is AttachmentKind.PHOTO and info.is_image


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"GIF89a....", "JPEG or PNG"),
        (b"MZ\x90\x00 an executable", "JPEG or PNG"),
    ],
)
def test_what_is_not_a_photo_or_a_receipt_is_refused_and_nothing_is_written(
    store: SqliteStore,
    services: tuple[IncidentService, AttachmentService],
    data: bytes,
    message: str,
) -> None:
    incidents, attachments = services
    incident = incidents.open(PIT_BOSS, IncidentDraft(Priority.P3, Category.OTHER))
    with pytest.raises(InvalidAttachment, match=message):
        attachments.attach(PIT_BOSS, incident.id, data, AttachmentKind.RECEIPT)
    with store.unit_of_work() as uow:
        assert uow.attachments.for_incident(incident.id) == []


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xdb", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"%PDF-1.7", "application/pdf"),
        (b"<svg", None),
    ],
)
def test_the_content_type_comes_from_the_bytes(head: bytes, kind: str | None) -> None:
    assert detect_content_type(head + b"rest") == kind

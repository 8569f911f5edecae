"""Permanent refusals become dead letters with the helpdesk's words; uploads are deduplicated."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from pathlib import Path

import httpx

from app.sync.outbox import OutboxKind
from app.sync.sessions import SESSION_REFUSED
from tests.integration.conftest import HelpdeskService
from tests.integration.sync_consoles import eventually, make_console


def test_a_write_by_unknown_staff_is_a_dead_letter_and_blocks_only_its_incident(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:

    async def scenario() -> None:
        console = make_console(tmp_path, "alpha", helpdesk.url, issuer=helpdesk)
        stranger = make_console(tmp_path, "alpha", helpdesk.url, staff_id="ZZ999")
        await console.engine.start()
        try:
            refused = stranger.open_incident("Filed by nobody the helpdesk knows")
            stranger.incidents.add_note(stranger.actor, refused.id, "and a note")
            accepted = console.open_incident("Filed by a real pit boss")
            await eventually(lambda: console.engine.status.dead == 1, "one dead letter")
            await eventually(
                lambda: console.incident(accepted.id).number is not None,  # type: ignore[union-attr]
                "the other incident to go through",
            )
            [letter] = await console.engine.dead_letters()
            assert letter.kind is OutboxKind.INCIDENT_CREATE and letter.entity_id == refused.id
            # ZZ999 is no staff member: the helpdesk vouches for no sign-in of theirs.
            assert letter.last_status == 403 and SESSION_REFUSED in letter.last_error
            # Its event and note wait behind it; the accepted incident's own event may
            # still be in flight just after its number arrived, so wait for it to clear.
            await eventually(lambda: console.outbox_counts() == (2, 1), "only its rows left")
            assert console.incident(refused.id).number is None  # type: ignore[union-attr]

            effect = await console.engine.discard_effect(console.actor, letter.seq)
            assert effect.key == "sync.discard.incident_stays" and effect.params["count"] == 2
            discarded = await console.engine.discard(console.actor, letter.seq)
            assert len(discarded.rows) == 3
            # The discard is audited: its checkpoint goes to the helpdesk too, then nothing.
            await eventually(lambda: console.outbox_counts() == (0, 0), "an empty outbox")
            assert console.incident(refused.id) is not None  # it stays here, as it said
        finally:
            await console.engine.stop()
            console.store.close()
            stranger.store.close()

    asyncio.run(scenario())


def test_a_signed_act_is_uploaded_once_by_its_hash_and_a_changed_file_is_refused(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    pdf = b"%PDF-1.7\n% a signed act\n" + bytes(range(256)) * 40
    sha = hashlib.sha256(pdf).hexdigest()

    async def scenario() -> None:
        console = make_console(
            tmp_path, "alpha", helpdesk.url, data_dir=tmp_path / "alpha", issuer=helpdesk
        )
        (tmp_path / "alpha" / "acts").mkdir()
        (tmp_path / "alpha" / "acts" / f"{sha}.pdf").write_bytes(pdf)
        (tmp_path / "alpha" / "acts" / "tampered.pdf").write_bytes(pdf + b"edited")
        opened = console.open_incident()
        with console.store.unit_of_work() as uow:
            for path in (f"acts/{sha}.pdf", f"acts/{sha}.pdf", "acts/tampered.pdf"):
                uow.outbox.enqueue(
                    OutboxKind.ATTACHMENT_UPLOAD,
                    opened.id,
                    {"sha256": sha, "path": path, "content_type": "application/pdf"},
                    actor_id=console.actor.staff_id,
                    session_id=console.actor.session_id,
                )
        await console.engine.start()
        try:
            await eventually(
                lambda: console.outbox_counts() == (0, 1), "two uploads sent, one refused"
            )
            [letter] = await console.engine.dead_letters()
            assert "no longer matches" in letter.last_error
            assert console.incident(opened.id).attachments == (sha,)  # type: ignore[union-attr]
        finally:
            await console.engine.stop()
            console.store.close()
        reply = httpx.get(f"{helpdesk.url}/v1/attachments/{sha}", headers=helpdesk.headers())
        assert reply.status_code == 200 and reply.content == pdf

    asyncio.run(scenario())


def test_a_row_of_a_kind_this_console_does_not_know_is_a_dead_letter_never_sent(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    """A store written by a newer console: the row is never sent as something else."""

    async def scenario() -> None:
        # a plain test store (no key), as a newer console wrote it
        console = make_console(tmp_path, "alpha", helpdesk.url, store_key=None, issuer=helpdesk)
        with console.store.unit_of_work() as uow:
            row = uow.outbox.enqueue(OutboxKind.AUDIT_CHECKPOINT, "x-1", {"n": 1}, at=None)
        db = sqlite3.connect(console.store.path)  # a plain test store: as a newer console wrote
        with db:
            db.execute("UPDATE outbox SET kind = 'loyalty.points' WHERE seq = ?", (row.seq,))
        db.close()
        await console.engine.start()
        try:
            await eventually(lambda: console.engine.status.dead == 1, "a dead letter")
            [letter] = await console.engine.dead_letters()
            assert letter.kind is OutboxKind.UNKNOWN
            assert "cannot send a 'loyalty.points' change" in letter.last_error
        finally:
            await console.engine.stop()
            console.store.close()

    asyncio.run(scenario())

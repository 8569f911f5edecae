"""The outbox in the store: written with the change, sent in order per incident, dead letters."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.sync.outbox import OutboxKind, OutboxState
from offline_cache import SqliteStore
from tests.unit.store_fixtures import full_incident, store

__all__ = ["store"]

T = datetime(2026, 11, 27, 4, 18, tzinfo=UTC)
CREATE, PATCH, EVENT = (
    OutboxKind.INCIDENT_CREATE,
    OutboxKind.INCIDENT_PATCH,
    OutboxKind.INCIDENT_EVENT,
)


class Boom(Exception):
    pass


def queue(store: SqliteStore, *rows: tuple[OutboxKind, str]) -> list[int]:
    with store.unit_of_work() as uow:
        return [
            uow.outbox.enqueue(kind, entity, {"n": i}, at=T).seq
            for i, (kind, entity) in enumerate(rows)
        ]


def test_a_change_and_its_outbox_row_commit_or_roll_back_together(store: SqliteStore) -> None:
    with pytest.raises(Boom), store.unit_of_work() as uow:
        uow.incidents.save(full_incident())
        uow.outbox.enqueue(CREATE, "i-1", {"id": "i-1"}, actor_id="PB01", at=T)
        raise Boom
    with store.unit_of_work() as uow:
        assert uow.incidents.by_id("i-1") is None
        assert uow.outbox.counts() == (0, 0)
    with store.unit_of_work() as uow:
        uow.incidents.save(full_incident())
        row = uow.outbox.enqueue(CREATE, "i-1", {"id": "i-1"}, actor_id="PB01", at=T)
    with store.unit_of_work() as uow:
        assert uow.outbox.get(row.seq) == row  # key, payload and all, as written
        assert uow.outbox.counts() == (1, 0)


def test_every_row_gets_its_own_idempotency_key_before_anything_is_sent(store: SqliteStore) -> None:
    seqs = queue(store, (CREATE, "a"), (EVENT, "a"), (CREATE, "b"))
    with store.unit_of_work() as uow:
        keys = {uow.outbox.get(seq).idempotency_key for seq in seqs}  # type: ignore[union-attr]
    assert len(keys) == 3


def test_an_unknown_kind_is_refused_at_once(store: SqliteStore) -> None:
    with pytest.raises(ValueError), store.unit_of_work() as uow:
        uow.outbox.enqueue("incident.delete", "a", {})


def test_only_each_incidents_oldest_row_is_due_and_backoff_is_respected(
    store: SqliteStore,
) -> None:
    a_create, a_event, b_create, c_create = queue(
        store, (CREATE, "a"), (EVENT, "a"), (CREATE, "b"), (CREATE, "c")
    )
    with store.unit_of_work() as uow:
        assert uow.outbox.due_entities(T, 10) == ["a", "b", "c"]
        assert uow.outbox.due_entities(T, 10, exclude=["a"]) == ["b", "c"]
        uow.outbox.retry_later(b_create, at=T + timedelta(seconds=30), status=503, error="busy")
        assert uow.outbox.due_entities(T, 10) == ["a", "c"]
        assert uow.outbox.due_entities(T + timedelta(seconds=31), 10) == ["a", "b", "c"]
        assert uow.outbox.next_due_at() == T + timedelta(seconds=30)
        assert [r.seq for r in uow.outbox.pending_for("a")] == [a_create, a_event]
        assert uow.outbox.get(b_create).attempts == 1  # type: ignore[union-attr]


def test_a_refused_create_blocks_its_incident_and_is_kept_for_the_user(
    store: SqliteStore,
) -> None:
    a_create, a_patch, a_event, b_create = queue(
        store, (CREATE, "a"), (PATCH, "a"), (EVENT, "a"), (CREATE, "b")
    )
    with store.unit_of_work() as uow:
        uow.outbox.mark_dead(a_create, at=T, status=422, error="HTTP 422: summary too long")
        assert uow.outbox.due_entities(T, 10) == ["b"]
        assert uow.outbox.counts() == (3, 1)
        [letter] = uow.outbox.dead_letters()
        assert (letter.seq, letter.state, letter.last_status) == (a_create, OutboxState.DEAD, 422)
        assert letter.last_error == "HTTP 422: summary too long" and letter.failed_at == T


def test_sending_a_dead_letter_again_uses_a_fresh_key(store: SqliteStore) -> None:
    (seq,) = queue(store, (EVENT, "a"))
    with store.unit_of_work() as uow:
        first = uow.outbox.get(seq)
        uow.outbox.mark_dead(seq, at=T, status=403, error="HTTP 403: unknown staff")
        uow.outbox.revive(seq)
        again = uow.outbox.get(seq)
    assert first is not None and again is not None
    assert again.state is OutboxState.PENDING and again.attempts == 0
    assert again.idempotency_key != first.idempotency_key  # the refusal may be replayed


def test_discarding_a_refused_create_discards_what_depends_on_it(store: SqliteStore) -> None:
    a_create, a_event, b_event = queue(store, (CREATE, "a"), (EVENT, "a"), (EVENT, "b"))
    with store.unit_of_work() as uow:
        assert uow.outbox.discard(a_create) == []  # a pending row is not for discarding
        uow.outbox.mark_dead(a_create, at=T, status=409, error="conflict")
        uow.outbox.mark_dead(b_event, at=T, status=422, error="bad")
        assert uow.outbox.discard(a_create) == [a_create, a_event]
        assert uow.outbox.discard(b_event) == [b_event]
        assert uow.outbox.counts() == (0, 0)


def test_patches_made_on_a_version_follow_our_own_answer(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        first = uow.outbox.enqueue(
            PATCH, "a", {"changes": {"status": "waiting"}}, base_version=None
        )
        second = uow.outbox.enqueue(PATCH, "a", {"changes": {"priority": "P1"}}, base_version=3)
        assert uow.outbox.rebase("a", None, 1) == 1
        assert uow.outbox.rebase("a", 3, 4) == 1
        assert uow.outbox.get(first.seq).base_version == 1  # type: ignore[union-attr]
        assert uow.outbox.get(second.seq).base_version == 4  # type: ignore[union-attr]
        assert uow.outbox.pending_fields(["a", "b"]) == {"a": {"status", "priority"}}


def test_rows_settled_many_at_a_time_as_one_by_one(store: SqliteStore) -> None:
    """The replay settles a /v1/batch answer's rows together: the same rows go to the
    sent journal, the same patches are rebased, each entity's rows read in one query."""
    a_create, a_patch, b_create, b_patch, c_event = queue(
        store, (CREATE, "a"), (PATCH, "a"), (CREATE, "b"), (PATCH, "b"), (EVENT, "c")
    )
    with store.unit_of_work() as uow:
        uow.outbox.rebase("b", None, 2)
        uow.outbox.complete_many([a_create, b_create, c_event])
        uow.outbox.rebase_many([("a", None, 1), ("b", 2, 5)])
        rows = uow.outbox.pending_for_many(["a", "b", "c"])
        assert {entity: [r.seq for r in each] for entity, each in rows.items()} == {
            "a": [a_patch],
            "b": [b_patch],
            "c": [],
        }
        assert [rows["a"][0].base_version, rows["b"][0].base_version] == [1, 5]
        assert uow.outbox.counts() == (2, 0)
        assert uow.outbox.resend_sent(T - timedelta(days=1)) == 3  # journalled, all three


def test_a_reconnect_releases_only_what_waited_for_the_link(store: SqliteStore) -> None:
    cut, told = queue(store, (CREATE, "a"), (CREATE, "b"))
    later = T + timedelta(minutes=5)
    with store.unit_of_work() as uow:
        uow.outbox.retry_later(cut, at=later, status=None, error="unreachable")
        uow.outbox.retry_later(told, at=later, status=429, error="slow down")
        assert uow.outbox.release_unreachable() == 1
        assert uow.outbox.due_entities(T, 10) == ["a"]


def test_listeners_hear_of_queued_changes_only_after_the_commit(tmp_path: Path) -> None:
    from offline_cache import open_store

    opened = open_store(tmp_path)
    heard: list[frozenset[OutboxKind]] = []
    opened.add_outbox_listener(heard.append)
    try:
        with pytest.raises(Boom), opened.unit_of_work() as uow:
            uow.outbox.enqueue(CREATE, "a", {})
            raise Boom
        assert heard == []
        with opened.unit_of_work() as uow:
            uow.guests.count()
        assert heard == []  # nothing queued, nothing to wake
        with opened.unit_of_work() as uow:
            uow.outbox.enqueue(CREATE, "a", {})
            uow.outbox.enqueue(PATCH, "a", {})
        assert heard == [frozenset({OutboxKind.INCIDENT_CREATE, OutboxKind.INCIDENT_PATCH})]
    finally:
        opened.close()


def test_screens_are_not_woken_by_the_audits_checkpoints_alone(tmp_path: Path) -> None:
    """LocalChanges wakes a screen for a change it shows, not for the audit's signed
    checkpoint (a host's page re-read every guest on a swipe's checkpoint)."""
    from app.services.console import LocalChanges
    from offline_cache import open_store

    opened = open_store(tmp_path)
    screen: list[int] = []
    engine: list[frozenset[OutboxKind]] = []
    changes = LocalChanges(opened)

    def listener() -> None:
        screen.append(1)

    changes.add_listener(listener)
    opened.add_outbox_listener(engine.append)
    try:
        with opened.unit_of_work() as uow:
            uow.outbox.enqueue(OutboxKind.AUDIT_CHECKPOINT, "audit:TAB", {})
        assert screen == [] and engine == [frozenset({OutboxKind.AUDIT_CHECKPOINT})]
        with opened.unit_of_work() as uow:
            uow.outbox.enqueue(OutboxKind.AUDIT_CHECKPOINT, "audit:TAB", {})
            uow.outbox.enqueue(OutboxKind.GUEST_PATCH, "G1", {})
        assert screen == [1]
        changes.remove_listener(listener)
        with opened.unit_of_work() as uow:
            uow.outbox.enqueue(OutboxKind.GUEST_PATCH, "G1", {})
        assert screen == [1] and len(engine) == 3
    finally:
        opened.close()


def test_an_entitys_rows_read_a_few_at_a_time_are_all_of_them_in_order(
    store: SqliteStore,
) -> None:
    """A drain reads an entity's rows READ_AT_ONCE at a time (a shift's thousands of
    checkpoints): the first few, then those after the last one read, never a row twice
    or out of order, dead letters included."""
    seqs = queue(store, *[(PATCH, "a") if n % 3 else (EVENT, "b") for n in range(11)])
    a = [seq for n, seq in enumerate(seqs) if n % 3]
    with store.unit_of_work() as uow:
        uow.outbox.mark_dead(a[1], at=T, status=422, error="refused")
        first = uow.outbox.pending_for_many(["a", "b"], 3)
        assert [r.seq for r in first["a"]] == a[:3] and len(first["b"]) == 3
        assert [r.seq for r in uow.outbox.pending_for_many(["a"])["a"]] == a
        read, after = [], 0
        while chunk := uow.outbox.pending_for("a", after=after, limit=3):
            read.extend(chunk)
            after = chunk[-1].seq
        assert [r.seq for r in read] == a == [r.seq for r in uow.outbox.pending_for("a")]
        assert [r.is_dead for r in read] == [n == 1 for n in range(len(a))]


def test_a_row_s_payload_is_read_back_through_msgspec(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store thread reads a batch's incidents' rows back as it settles them: parsed
    with json.loads, three times as long, while the GUI's thread waited for the GIL."""
    from app.wire import fast_json

    parsed: list[object] = []
    loads = fast_json.loads

    def watched(text: bytes | str) -> object:
        parsed.append(text)
        return loads(text)

    monkeypatch.setattr(fast_json, "loads", watched)
    payload = {"id": "i-1", "summary": "Spilt drink — table 4", "amount": None, "n": 2**70}
    with store.unit_of_work() as uow:
        uow.outbox.enqueue(CREATE, "i-1", payload, at=T)
    with store.unit_of_work() as uow:
        [row] = uow.outbox.pending_for_many(["i-1"])["i-1"]
    assert row.payload == payload  # the same as json.loads, big numbers and all
    assert len(parsed) == 1

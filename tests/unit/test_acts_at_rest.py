"""Signed acts at rest on the console are sealed (issue 13, item 3).

Every test looks at the bytes on the disk as a thief of the tablet would, without the
store key: no PDF, no guest name, no statement, no amount.
"""

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.actor import Actor
from app.acts.store import ActFileCorrupt, ActFileStore, read_sealed
from tests.unit.acts_fixtures import (
    CYRILLIC_NAME,
    PIT_BOSS,
    ActsEnv,
    act_draft,
    open_env,
    pdfsig,
)

STATEMENT = "The guest states the dealer paid the wrong hand."


@pytest.fixture
def acts_env(tmp_path: Path) -> Iterator[ActsEnv]:
    with open_env(tmp_path / "data", store_key=b"s" * 32) as env:
        yield env


def _everything_on_disk(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def test_no_act_lies_in_plain_on_the_disk(acts_env: ActsEnv) -> None:
    recorded = acts_env.service.record_act(PIT_BOSS, act_draft())
    # What a plain PDF shows anyone even with its streams compressed: its header, the
    # act's id and content hash (the document information).
    visible = (b"%PDF", recorded.act.id.encode(), recorded.act.content_sha256.encode())
    assert all(part in recorded.pdf for part in visible)
    acts_dir = acts_env.data_dir / "acts"
    [sealed] = list(acts_dir.iterdir())
    disk = _everything_on_disk(acts_env.data_dir)  # the store is SQLCipher: noise too
    for secret in (*visible, STATEMENT.encode(), CYRILLIC_NAME.encode(), b"12000.00"):
        assert secret not in disk, secret
    assert sealed.name == f"{recorded.revision.sha256}.act"
    # Poppler agrees: what lies on the disk is no PDF at all.
    report = pdfsig(sealed)
    assert "May not be a PDF file" in report and "Signature Validation" not in report
    # Readable through the service only: the plain PDF, in memory.
    assert acts_env.service.files.get(recorded.revision.sha256) == recorded.pdf


def test_a_sealed_act_does_not_open_without_this_stores_key(acts_env: ActsEnv) -> None:
    recorded = acts_env.service.record_act(PIT_BOSS, act_draft())
    stranger = ActFileStore(acts_env.data_dir / "acts", lambda: b"x" * 32)
    with pytest.raises(ActFileCorrupt, match="does not open"):
        stranger.get(recorded.revision.sha256)


def test_acts_written_plain_by_an_older_console_are_sealed_at_start(
    acts_env: ActsEnv,
) -> None:
    """And an upload queued for the plain file still finds the act."""
    from app.acts.service import ActService

    legacy = acts_env.service.record_act(PIT_BOSS, act_draft()).pdf
    sha = hashlib.sha256(legacy).hexdigest()
    acts_dir = acts_env.data_dir / "acts"
    for sealed in acts_dir.iterdir():
        sealed.chmod(0o644)
        sealed.unlink()
    (acts_dir / f"{sha}.pdf").write_bytes(legacy)  # as the console wrote it before

    service = ActService.for_data_dir(
        acts_env.store,
        acts_env.clock,
        acts_env.data_dir,
        property_name="Harbour Crown Casino",
        device_id="TAB-TEST01",
        venue_tz=acts_env.service._zone,
        in_process=True,
    )
    assert [p.name for p in acts_dir.iterdir()] == [f"{sha}.act"]
    assert b"%PDF" not in _everything_on_disk(acts_dir)
    assert service.files.get(sha) == legacy
    with acts_env.store.unit_of_work() as uow:
        assert read_sealed(uow, acts_env.data_dir, sha) == legacy


def test_a_refused_act_leaves_nothing_on_the_disk(acts_env: ActsEnv) -> None:
    from app.services.errors import PermissionDenied

    concierge = Actor(staff_id="C001", role=PIT_BOSS.role.__class__("concierge"), device_id="T")
    with pytest.raises(PermissionDenied):
        acts_env.service.record_act(concierge, act_draft())
    acts_dir = acts_env.data_dir / "acts"
    assert not acts_dir.exists() or not any(acts_dir.iterdir())

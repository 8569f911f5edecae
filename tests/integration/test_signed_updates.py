"""Signed updates end to end: IT publishes with tufup's repository tools, the helpdesk
serves the repository on loopback, a console checks, verifies (TUF), stages and installs
into its versioned directory; tampered, expired and rolled-back updates are refused."""

import shutil
from pathlib import Path

import pytest

from app.updates.service import UpdateRefused
from helpdesk import update_repo
from tests.integration.update_fixtures import UpdateRig, make_bundle, update_rig

__all__ = ["update_rig"]


def test_a_valid_update_is_found_verified_staged_then_installed_with_the_previous_kept(
    update_rig: UpdateRig,
) -> None:
    update_rig.publish("0.1.0")
    update_rig.publish("0.2.0")
    service = update_rig.service()

    assert service.check_and_stage() == "0.2.0"
    install = update_rig.install
    assert install.staged() == "0.2.0"
    assert install.current() == "0.1.0"  # nothing switches before the idle lock

    switched = service.install_staged()

    assert switched is not None and (switched.before, switched.now) == ("0.1.0", "0.2.0")
    assert (install.current(), install.previous()) == ("0.2.0", "0.1.0")
    assert (install.versions / "0.2.0" / "_internal" / "VERSION").read_text() == "0.2.0"
    assert (install.versions / "0.1.0").is_dir()
    assert install.staged() is None
    actions = [action for action, _ in update_rig.audit_actions()]
    assert actions[:2] == ["update.installed", "update.staged"]  # newest first
    assert update_rig.service().check_and_stage() is None  # 0.2.0 is current: nothing newer


def test_a_roll_back_returns_to_the_previous_version(update_rig: UpdateRig) -> None:
    update_rig.publish("0.2.0")
    service = update_rig.service()
    service.check_and_stage()
    service.install_staged()

    switched = service.roll_back()

    assert (switched.before, switched.now) == ("0.2.0", "0.1.0")
    assert (update_rig.install.current(), update_rig.install.previous()) == ("0.1.0", "0.2.0")
    assert update_rig.audit_actions()[0][0] == "update.rolled_back"
    assert update_rig.service().check_and_stage() is None  # 0.2.0 is not offered again
    update_rig.publish("0.2.1")  # the fix
    assert update_rig.service().check_and_stage() == "0.2.1"


def test_a_tampered_archive_is_refused_and_nothing_is_staged(update_rig: UpdateRig) -> None:
    update_rig.publish("0.2.0")
    archive = update_rig.repo / "targets" / "vip-console-0.2.0.tar.gz"
    archive.write_bytes(archive.read_bytes()[:-64] + b"\0" * 64)  # same length, other bytes

    with pytest.raises(UpdateRefused) as refused:
        update_rig.service().check_and_stage()

    assert refused.value.key == "update.tampered"
    assert "not the one the property's keys signed" in str(refused.value)
    assert update_rig.install.staged() is None
    assert update_rig.install.current() == "0.1.0"
    action, detail = update_rig.audit_actions()[0]
    assert action == "update.refused" and detail.startswith("update.tampered")


def test_metadata_signed_by_another_key_is_refused(update_rig: UpdateRig, tmp_path: Path) -> None:
    """An attacker's repository at the same address: valid TUF, not the property's keys."""
    update_rig.publish("0.2.0")
    other_repo, other_keys = tmp_path / "evil-repo", tmp_path / "evil-keys"
    update_repo.init_repository(other_repo, other_keys)
    update_repo.publish(other_repo, [other_keys], make_bundle(tmp_path, "9.0.0"), "9.0.0")
    shutil.rmtree(update_rig.repo)
    shutil.copytree(other_repo, update_rig.repo)

    with pytest.raises(UpdateRefused) as refused:
        update_rig.service().check_and_stage()

    assert refused.value.key == "update.bad_signature"
    assert update_rig.install.staged() is None


@pytest.mark.parametrize("role", ["timestamp", "snapshot"])
def test_expired_metadata_is_refused(update_rig: UpdateRig, role: str) -> None:
    update_rig.publish("0.2.0")
    # Signed by the right keys, but expired yesterday: a freeze attack, or IT's daily
    # re-sign that did not run (a new snapshot brings a new timestamp with it).
    update_repo.re_sign(update_rig.repo, [update_rig.keys], [role], days=-1)

    with pytest.raises(UpdateRefused) as refused:
        update_rig.service().check_and_stage()

    assert refused.value.key == "update.expired"
    assert "has expired" in str(refused.value)
    assert update_rig.install.staged() is None
    assert update_rig.audit_actions()[0][1].startswith("update.expired")


def test_a_rollback_to_older_metadata_is_refused(update_rig: UpdateRig, tmp_path: Path) -> None:
    """The server replays the repository as it was before 0.3.0 (a rollback attack, or a
    restored backup): the console already trusts newer metadata and refuses it."""
    update_rig.publish("0.2.0")
    old_state = tmp_path / "repo-at-0.2.0"
    shutil.copytree(update_rig.repo, old_state)
    update_rig.publish("0.3.0")
    assert update_rig.service().check_and_stage() == "0.3.0"
    shutil.rmtree(update_rig.repo)
    shutil.copytree(old_state, update_rig.repo)

    with pytest.raises(UpdateRefused) as refused:
        update_rig.service().check_and_stage()

    assert refused.value.key == "update.rolled_back"
    assert "older update information" in str(refused.value)
    assert update_rig.install.staged() == "0.3.0"  # what was verified before stays staged


def test_no_trusted_root_means_no_update(update_rig: UpdateRig) -> None:
    """Never a fallback root: a console IT gave no root checks nothing."""
    update_rig.publish("0.2.0")
    (update_rig.data_dir / "updates" / "metadata" / "root.json").unlink()

    assert update_rig.service().check_and_stage() is None
    assert update_rig.install.staged() is None

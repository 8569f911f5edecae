"""IT's side of signed updates: the `vip-console update` commands, keys kept apart from
what the helpdesk serves, versions only forward, key rotation the consoles follow."""

from pathlib import Path

import httpx
import pytest

from app.cli import main
from helpdesk import update_repo
from tests.integration.served_helpdesk import served_helpdesk
from tests.integration.update_fixtures import UpdateRig, make_bundle, update_rig

__all__ = ["update_rig"]


def test_keys_under_the_served_repository_are_refused(tmp_path: Path) -> None:
    repo = tmp_path / "updates"
    with pytest.raises(update_repo.UpdateRepoError, match="must be apart"):
        update_repo.init_repository(repo, repo / "keys")
    assert not (repo / "keys").exists()


def test_a_version_not_above_the_latest_is_refused(update_rig: UpdateRig) -> None:
    update_rig.publish("0.2.0")
    for version in ("0.2.0", "0.1.5"):
        with pytest.raises(update_repo.UpdateRepoError, match="not above the latest"):
            update_rig.publish(version)
    assert update_repo.latest_version(update_rig.repo, [update_rig.keys]) == "0.2.0"


def test_consoles_follow_a_rotation_of_the_root_and_timestamp_keys(update_rig: UpdateRig) -> None:
    update_rig.publish("0.2.0")
    assert update_rig.service().check_and_stage() == "0.2.0"  # trusts root v1
    for old, new in (("root", "root-2027"), ("timestamp", "timestamp-2027")):
        update_repo.rotate_key(update_rig.repo, [update_rig.keys], old, new)
        (update_rig.keys / old).unlink()  # the old private key destroyed
    update_rig.publish("0.3.0")

    assert update_rig.service().check_and_stage() == "0.3.0"
    assert (update_rig.repo / "metadata" / "3.root.json").exists()  # the root chain


def test_the_commands_it_runs_from_init_to_a_roll_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, keys, device = tmp_path / "served", tmp_path / "keys", tmp_path / "tablet"
    it = ["--repo", str(repo), "--keys", str(keys)]
    assert main(["update", "init", *it]) == 0
    assert (
        main(["update", "publish", str(make_bundle(tmp_path, "0.2.0")), "--version", "0.2.0", *it])
        == 0
    )
    assert main(["update", "re-sign", *it]) == 0
    assert "Signed again: timestamp, snapshot." in capsys.readouterr().out

    assert main(["update", "trust", str(tmp_path / "nothing.json"), "--data-dir", str(device)]) == 2
    assert "nothing changed" in capsys.readouterr().err
    root = repo / "metadata" / "root.json"
    assert main(["update", "trust", str(root), "--data-dir", str(device)]) == 0
    assert (device / "updates" / "metadata" / "root.json").read_bytes() == root.read_bytes()

    install = tmp_path / "opt"
    (install / "versions" / "0.1.0").mkdir(parents=True)
    (install / "versions" / "0.2.0").mkdir()
    (install / "current").write_text("0.2.0\n")
    (install / "previous").write_text("0.1.0\n")
    on_tablet = ["--data-dir", str(device), "--install-dir", str(install)]
    assert main(["update", "roll-back", *on_tablet]) == 0
    assert (install / "current").read_text().strip() == "0.1.0"
    assert main(["update", "status", *on_tablet]) == 0
    status = capsys.readouterr().out
    assert "current: 0.1.0   previous: 0.2.0" in status and "trusted root: yes" in status


def test_helpdesk_serve_serves_the_repository_read_only(tmp_path: Path) -> None:
    """`vip-console helpdesk serve --updates-dir` as run in production (its own process)."""
    repo = tmp_path / "updates"
    update_repo.init_repository(repo, tmp_path / "keys")
    with served_helpdesk(tmp_path, "--updates-dir", str(repo)) as (url, _log):
        root = httpx.get(f"{url}/updates/metadata/root.json")
        assert root.status_code == 200
        assert root.content == (repo / "metadata" / "root.json").read_bytes()
        assert httpx.put(f"{url}/updates/metadata/root.json", content=b"{}").status_code == 405

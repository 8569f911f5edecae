"""The versioned install directory: staged until installed, the previous kept, roll back
and back again, nothing unpacked outside it."""

import io
import tarfile
from pathlib import Path

import pytest

from app.updates.installed import InstallDir, NothingToRollBack


def _archive(tmp_path: Path, version: str, extra: tuple[str, bytes] | None = None) -> Path:
    path = tmp_path / f"vip-console-{version}.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [("vip-console", version.encode()), *([extra] if extra else [])]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def _installed(tmp_path: Path, *versions: str) -> InstallDir:
    install = InstallDir(tmp_path / "opt")
    for version in versions:
        install.stage(_archive(tmp_path, version), version)
        install.install_staged()
    return install


def test_a_staged_version_waits_then_becomes_current_with_the_previous_kept(
    tmp_path: Path,
) -> None:
    install = _installed(tmp_path, "0.1.0")
    install.stage(_archive(tmp_path, "0.2.0"), "0.2.0")
    assert (install.current(), install.staged()) == ("0.1.0", "0.2.0")
    assert install.installed() == ["0.1.0"]

    switched = install.install_staged()

    assert switched is not None and (switched.before, switched.now) == ("0.1.0", "0.2.0")
    assert (install.current(), install.previous(), install.staged()) == ("0.2.0", "0.1.0", None)
    assert (install.versions / "0.2.0" / "vip-console").read_text() == "0.2.0"
    assert install.install_staged() is None  # nothing waits any more


def test_only_the_current_and_the_previous_version_are_kept(tmp_path: Path) -> None:
    install = _installed(tmp_path, "0.1.0", "0.2.0", "0.3.0")
    assert install.installed() == ["0.2.0", "0.3.0"]


def test_a_roll_back_swaps_current_and_previous_and_a_second_undoes_it(tmp_path: Path) -> None:
    install = _installed(tmp_path, "0.1.0", "0.2.0")
    assert install.roll_back().now == "0.1.0"
    assert (install.current(), install.previous()) == ("0.1.0", "0.2.0")
    assert install.roll_back().now == "0.2.0"


def test_nothing_to_roll_back_to_on_a_first_install(tmp_path: Path) -> None:
    with pytest.raises(NothingToRollBack):
        _installed(tmp_path, "0.1.0").roll_back()


def test_an_archive_reaching_outside_its_directory_is_refused(tmp_path: Path) -> None:
    install = InstallDir(tmp_path / "opt")
    evil = _archive(tmp_path, "0.2.0", ("../../escaped", b"x"))
    with pytest.raises(tarfile.TarError):
        install.stage(evil, "0.2.0")
    assert not (tmp_path / "opt" / "escaped").exists()
    assert install.staged() is None
    assert list(install.versions.iterdir()) == []  # no half-unpacked leftover


@pytest.mark.parametrize("version", ["../0.2.0", ".staged-x", "", "a/b"])
def test_a_version_never_names_a_path_outside_versions(tmp_path: Path, version: str) -> None:
    with pytest.raises(ValueError, match="not a version"):
        InstallDir(tmp_path).stage(_archive(tmp_path, "0.2.0"), version)

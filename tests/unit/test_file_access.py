"""A kiosk's file dialogs stay in their folder (app/file_access.py): the rule, with links
and ``..`` resolved, and the settings that name the folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.file_access import ANYWHERE, FileAccess, FileRoot, inside_root, kiosk_file_access
from app.settings import Settings


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "usb" / "photos").mkdir(parents=True)
    (tmp_path / "usb" / "photos" / "bar.jpg").write_bytes(b"jpeg")
    (tmp_path / "usb-other").mkdir()
    (tmp_path / "secret.txt").write_text("not for the floor")
    return tmp_path / "usb"


@pytest.mark.parametrize(
    ("path", "inside"),
    [
        (".", True),  # the folder itself
        ("photos", True),  # relative: from the folder
        ("photos/bar.jpg", True),
        ("photos/not-yet.pdf", True),  # a file to be written there
        ("photos/../photos/bar.jpg", True),
        ("..", False),
        ("../secret.txt", False),
        ("photos/../../secret.txt", False),
        ("../usb-other", False),  # a sibling whose name starts like the folder's
        ("/", False),
        ("/etc/passwd", False),
    ],
)
def test_a_path_is_inside_only_where_it_resolves_inside(
    root: Path, path: str, inside: bool
) -> None:
    assert inside_root(path, root) is inside


def test_an_absolute_path_inside_is_inside(root: Path) -> None:
    assert inside_root(root / "photos" / "bar.jpg", root)
    assert not inside_root(root.parent / "secret.txt", root)


def test_a_link_inside_that_points_outside_is_outside(root: Path) -> None:
    (root / "escape").symlink_to(root.parent)
    (root / "photo-link.jpg").symlink_to(root.parent / "secret.txt")
    assert not inside_root(root / "escape", root)
    assert not inside_root(root / "escape" / "secret.txt", root)
    assert not inside_root("photo-link.jpg", root)


def test_a_root_reached_through_a_link_still_holds_its_files(root: Path) -> None:
    (root.parent / "media").symlink_to(root)  # e.g. /media/usb -> /run/media/…/USB
    assert inside_root(root / "photos" / "bar.jpg", root.parent / "media")
    assert not inside_root(root.parent / "secret.txt", root.parent / "media")


def test_a_link_loop_is_outside(root: Path) -> None:
    (root / "loop").symlink_to(root / "loop")
    assert not inside_root(root / "loop" / "x", root)


def test_a_kiosk_confines_each_dialog_to_its_setting(root: Path) -> None:
    files = kiosk_file_access(Settings({"photo_import_dir": str(root)}))
    assert files.photo_import.confined and files.photo_import.root == root
    assert files.photo_import.allows(root / "photos" / "bar.jpg")
    assert not files.photo_import.allows(root.parent / "secret.txt")
    # Not set: still confined, to nothing (the dialog says IT must set it).
    assert files.handover_export == FileRoot(True, None, "handover_export_dir")
    assert not files.handover_export.allows(root / "photos")


def test_a_desk_goes_anywhere(root: Path) -> None:
    assert ANYWHERE.allows(root.parent / "secret.txt")


def test_a_console_started_as_a_kiosk_hands_its_screens_confined_dialogs(tmp_path: Path) -> None:
    from app.bootstrap import build_context
    from app.demo.writer import DEMO_MARKER
    from app.security.store_key import DEMO_STORE_KEY
    from app.settings import update_setting

    (tmp_path / DEMO_MARKER).write_text("demo\n", encoding="utf-8")  # the demo IT PIN
    (tmp_path / "usb").mkdir()
    update_setting(tmp_path, "photo_import_dir", str(tmp_path / "usb"))
    context = build_context(tmp_path, store_key=DEMO_STORE_KEY)
    try:
        assert context.kiosk_exit("auto") is None
        assert context.services.files == FileAccess()  # a desk: the system's dialogs
        assert context.kiosk_exit("kiosk") is not None
        files = context.services.files
        assert files.photo_import == FileRoot(True, tmp_path / "usb", "photo_import_dir")
        assert files.handover_export.confined and files.handover_export.root is None
    finally:
        context.close()

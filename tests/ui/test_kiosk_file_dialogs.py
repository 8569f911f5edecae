"""A kiosk's file dialogs (ui/kiosk/file_dialogs.py) stay in the folder the device's
settings name: Qt's own dialog, read-only to open, no way above its folder (the parent
button, a typed path, a link); a clear message when the folder is not set or not there.
Off a kiosk the dialogs are the system's, as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QToolButton,
    QTreeView,
    QWidget,
)

from app.file_access import FileRoot
from ui.acts.fit import size_within_window
from ui.kiosk.file_dialogs import DIALOG_SIZE, ConfinedFileDialog, open_file, save_file
from ui.theme import MIN_TOUCH


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    root = tmp_path / "usb"
    (root / "photos").mkdir(parents=True)
    (root / "photos" / "bar.jpg").write_bytes(b"jpeg")
    (tmp_path / "secret.jpg").write_bytes(b"not for the floor")
    return root


@pytest.fixture
def window(qtbot) -> QMainWindow:  # noqa: ANN001
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _dialog(qtbot, window: QMainWindow, root: Path, *, save: bool = False) -> ConfinedFileDialog:  # noqa: ANN001
    dialog = ConfinedFileDialog(window, "Attach", root, "Photos (*.jpg)", save=save)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def _here(dialog: QFileDialog) -> Path:
    return Path(dialog.directory().absolutePath())


def _type_and_enter(qtbot, dialog: QFileDialog, text: str) -> None:  # noqa: ANN001
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    edit.setText(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_the_confined_dialog_is_qts_own_read_only_and_shows_its_folder_alone(
    qtbot, window: QMainWindow, usb: Path
) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, window, usb)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.testOption(QFileDialog.Option.ReadOnly)
    assert dialog.fileMode() is QFileDialog.FileMode.ExistingFile
    assert _here(dialog) == usb
    assert dialog.sidebarUrls() == [QUrl.fromLocalFile(str(usb))]
    assert all(Path(seen) == usb for seen in dialog.history())  # no folder seen before
    assert dialog.findChild(QLineEdit, "fileNameEdit").completer() is None  # lists no /etc


def test_the_parent_button_at_the_folder_goes_nowhere(
    qtbot, window: QMainWindow, usb: Path
) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, window, usb)
    parent_button = dialog.findChild(QToolButton, "toParentButton")
    parent_button.click()
    assert _here(dialog) == usb
    dialog.setDirectory(str(usb / "photos"))
    parent_button.click()  # up from a folder inside: allowed
    assert _here(dialog) == usb


def test_a_typed_path_outside_is_refused_with_a_message(
    qtbot, window: QMainWindow, usb: Path
) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, window, usb)
    for typed in (str(usb.parent / "secret.jpg"), "../secret.jpg", "/etc/passwd", "/etc"):
        _type_and_enter(qtbot, dialog, typed)
        assert dialog.isVisible() and dialog.result() != QFileDialog.DialogCode.Accepted
        assert dialog.refused is not None and not dialog.refused.startswith(str(usb) + "/")
        assert _here(dialog) == usb
        assert dialog.notice is not None and str(usb) in dialog.notice.text()
        dialog.notice.close()


def test_a_link_inside_to_a_folder_outside_leads_back(
    qtbot, window: QMainWindow, usb: Path
) -> None:  # noqa: ANN001
    (usb / "escape").symlink_to(usb.parent)
    dialog = _dialog(qtbot, window, usb)
    _type_and_enter(qtbot, dialog, "escape")
    assert _here(dialog) == usb
    _type_and_enter(qtbot, dialog, "escape/secret.jpg")
    assert dialog.isVisible() and dialog.refused is not None


def test_a_file_inside_is_chosen(qtbot, window: QMainWindow, usb: Path) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, window, usb)
    with qtbot.waitSignal(dialog.fileSelected) as chosen:
        _type_and_enter(qtbot, dialog, "photos/bar.jpg")
    assert Path(chosen.args[0]) == usb / "photos" / "bar.jpg"
    assert dialog.refused is None


def _answer_when_shown(qtbot, choose: str) -> list[ConfinedFileDialog]:  # noqa: ANN001
    """Answers the modal dialog ``open_file`` / ``save_file`` runs, once it shows."""
    seen: list[ConfinedFileDialog] = []

    def answer() -> None:
        dialog = next(
            (w for w in qtbot_top_levels() if isinstance(w, ConfinedFileDialog) and w.isVisible()),
            None,
        )
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog)
        _type_and_enter(qtbot, dialog, choose)

    QTimer.singleShot(0, answer)
    return seen


def qtbot_top_levels() -> list:  # noqa: ANN201
    from PySide6.QtWidgets import QApplication

    return QApplication.topLevelWidgets()


def test_a_kiosks_photo_comes_from_its_folder_only(qtbot, window: QMainWindow, usb: Path) -> None:  # noqa: ANN001
    reach = FileRoot(confined=True, root=usb, setting="photo_import_dir")
    seen = _answer_when_shown(qtbot, "photos/bar.jpg")
    assert open_file(window, "Attach", "Photos (*.jpg)", reach) == usb / "photos" / "bar.jpg"
    assert seen and seen[0].testOption(QFileDialog.Option.DontUseNativeDialog)


def test_a_kiosks_handover_is_saved_in_its_folder_only(
    qtbot, window: QMainWindow, usb: Path
) -> None:  # noqa: ANN001
    reach = FileRoot(confined=True, root=usb, setting="handover_export_dir")
    seen = _answer_when_shown(qtbot, "handover.pdf")
    assert save_file(window, "Save", "h.pdf", "PDF (*.pdf)", reach) == usb / "handover.pdf"
    assert seen[0].acceptMode() is QFileDialog.AcceptMode.AcceptSave
    assert not seen[0].testOption(QFileDialog.Option.ReadOnly)


def _message(window: QMainWindow) -> QMessageBox:
    box = window.findChild(QMessageBox, "kioskFilesMessage")
    assert box is not None and box.isVisible()
    return box


def test_without_its_folder_set_the_kiosk_says_so_and_opens_nothing(
    qtbot, window: QMainWindow, french: None
) -> None:  # noqa: ANN001
    reach = FileRoot(confined=True, root=None, setting="photo_import_dir")
    assert open_file(window, "Joindre", "Photos (*.jpg)", reach) is None
    text = _message(window).text()
    assert "photo_import_dir" in text and "informatique" in text  # translated, names the key
    assert not any(isinstance(w, QFileDialog) for w in qtbot_top_levels() if w.isVisible())


def test_a_folder_not_there_says_so(qtbot, window: QMainWindow, usb: Path) -> None:  # noqa: ANN001
    reach = FileRoot(confined=True, root=usb / "unplugged", setting="handover_export_dir")
    assert save_file(window, "Save", "h.pdf", "PDF (*.pdf)", reach) is None
    assert "USB" in _message(window).text() and str(usb / "unplugged") in _message(window).text()


def test_a_kiosks_photo_panel_asks_its_confined_dialog(qtbot, window: QMainWindow, ops) -> None:  # noqa: ANN001
    from app.actor import Actor
    from app.domain.enums import Role
    from ui.incident.photos import PhotoPanel

    reach = FileRoot(confined=True, root=None, setting="photo_import_dir")
    panel = PhotoPanel(object(), ops, Actor("S1", Role.HOST, "TAB-K1"), window, reach=reach)
    assert panel.pick_file(panel) is None  # no folder set: nothing opens
    assert "photo_import_dir" in _message(window).text()


@pytest.mark.parametrize("size", [(1280, 800), (1024, 768)])
@pytest.mark.parametrize("save", [False, True])
def test_the_confined_dialog_is_made_for_a_finger(
    qtbot, window: QMainWindow, usb: Path, size: tuple[int, int], save: bool
) -> None:  # noqa: ANN001
    for n in range(6):  # long names, as a camera or a phone writes them
        (usb / f"table-12-dealer-error-2026-12-0{n}-evening-shift.jpg").write_bytes(b"jpeg")
    window.resize(*size)
    dialog = ConfinedFileDialog(window, "Attach", usb, "Photos (*.jpg)", save=save)
    qtbot.addWidget(dialog)
    size_within_window(dialog, window, DIALOG_SIZE)
    dialog.open()
    qtbot.waitExposed(dialog)
    files = dialog.findChild(QTreeView, "treeView")
    qtbot.waitUntil(lambda: files.model().rowCount(files.rootIndex()) == 7, timeout=5000)
    shown = [w for w in dialog.findChildren(QWidget) if w.isVisibleTo(dialog)]
    for control in shown:
        if isinstance(control, QAbstractButton | QComboBox):
            assert control.height() >= MIN_TOUCH, control.objectName()
    new_folder = dialog.findChild(QToolButton, "newFolderButton")
    assert new_folder.isVisibleTo(dialog) is save  # nothing is written where one opens
    assert files.visualRect(files.model().index(0, 0, files.rootIndex())).height() >= MIN_TOUCH
    side = dialog.findChild(QListView, "sidebar")
    assert side.visualRect(side.model().index(0, 0)).height() >= MIN_TOUCH
    assert not files.horizontalScrollBar().isVisible()  # the names fit: no sideways scroll
    assert dialog.geometry().width() <= window.width()

"""The console's file dialogs, confined to one folder on a kiosk (app/file_access.py).

Off a kiosk ``open_file`` and ``save_file`` are the system's dialogs, as always. On a
kiosk they are Qt's own dialog (a native one offers the whole desktop) showing only the
folder the device's settings name: its side bar holds that folder alone, entering a
folder above it (the parent button, the path box, a link) goes back to it, and a typed
path outside it is refused. The open dialog is read-only (no renaming or deleting).
Without the folder set, or with it missing (the USB drive not in), a message says so.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QUrl
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QListView,
    QMessageBox,
    QTreeView,
    QWidget,
)

from app.file_access import FileRoot
from ui.acts.fit import size_within_window
from ui.theme import MIN_TOUCH

log = logging.getLogger(__name__)
DIALOG_SIZE = QSize(1000, 640)  # large on a tablet, within the console's window


class ConfinedFileDialog(QFileDialog):
    """Qt's file dialog that shows ``root`` and below, nothing above."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        root: Path,
        name_filter: str,
        *,
        save: bool = False,
    ) -> None:
        super().__init__(parent, title, str(root), name_filter)
        self.setObjectName("confinedFileDialog")
        self.root = root
        self.setOption(QFileDialog.Option.DontUseNativeDialog)
        if save:
            self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            self.setFileMode(QFileDialog.FileMode.AnyFile)
        else:
            self.setOption(QFileDialog.Option.ReadOnly)
            self.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.setSidebarUrls([QUrl.fromLocalFile(str(root))])
        self.setHistory([])
        name_edit = self.findChild(QLineEdit, "fileNameEdit")  # Qt's name for the name box
        if name_edit is not None:
            # Its completer would list any folder's files as one types; Qt takes no completer.
            name_edit.setCompleter(None)  # type: ignore[arg-type]
        self._touch_sized(read_only=not save)
        self.directoryEntered.connect(self._entered)
        self.refused: str | None = None  # the last path refused (tests read it)
        self.notice: QMessageBox | None = None

    def _touch_sized(self, *, read_only: bool) -> None:
        """Qt's dialog made for a finger on a tablet (its parts by Qt's own names): rows
        and boxes a finger can hit, the file list in one column of names beside their
        dates (no sideways scrolling), and no new-folder button where nothing is written."""
        hidden = ["listModeButton", "detailModeButton"] + (["newFolderButton"] if read_only else [])
        for name in hidden:
            button = self.findChild(QAbstractButton, name)
            if button is not None:
                button.hide()
        for name in ("lookInCombo", "fileTypeCombo"):
            combo = self.findChild(QComboBox, name)
            if combo is not None:
                combo.setMinimumHeight(MIN_TOUCH)
        for button in self.findChildren(QAbstractButton):
            button.setMinimumHeight(MIN_TOUCH)
        side = self.findChild(QListView, "sidebar")
        if side is not None:
            side.setIconSize(QSize(MIN_TOUCH - 16, MIN_TOUCH - 16))  # the folder: a row to tap
        files = self.findChild(QTreeView, "treeView")
        if files is not None:
            files.setIconSize(QSize(MIN_TOUCH - 16, MIN_TOUCH - 16))  # rows a finger can hit
            files.setStyleSheet(f"QTreeView::item {{ min-height: {MIN_TOUCH}px; }}")
            header = files.header()
            for column in (1, 2):  # size and type: the filter names the type already
                header.setSectionHidden(column, True)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(False)

    def _entered(self, directory: str) -> None:
        if not self._allowed(directory):
            log.info("kiosk file dialog: %s is outside its folder; back to it", directory)
            self.setDirectory(str(self.root))

    def _allowed(self, path: str) -> bool:
        return FileRoot(confined=True, root=self.root).allows(path)

    def accept(self) -> None:
        outside = [path for path in self.selectedFiles() if not self._allowed(path)]
        if outside:
            self.refused = outside[0]
            log.info("kiosk file dialog: %s refused, outside its folder", outside[0])
            self.setDirectory(str(self.root))
            text = QCoreApplication.translate(
                "KioskFiles", "On this tablet, only the folder {folder} can be used."
            )
            self.notice = tell(self, self.windowTitle(), text.format(folder=self.root))
            return
        super().accept()


def open_file(parent: QWidget, title: str, name_filter: str, reach: FileRoot) -> Path | None:
    """A file to read, chosen by the user; None when they cancel or may not choose."""
    if not reach.confined:
        name, _filter = QFileDialog.getOpenFileName(parent, title, "", name_filter)
        return Path(name) if name else None
    return _confined(parent, title, name_filter, reach, save=False, suggested="")


def save_file(
    parent: QWidget, title: str, suggested: str, name_filter: str, reach: FileRoot
) -> Path | None:
    """Where to write a file, chosen by the user; None when they cancel or may not."""
    if not reach.confined:
        name, _filter = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
        return Path(name) if name else None
    return _confined(parent, title, name_filter, reach, save=True, suggested=suggested)


def _confined(
    parent: QWidget, title: str, name_filter: str, reach: FileRoot, *, save: bool, suggested: str
) -> Path | None:
    problem = folder_problem(reach)
    if problem is not None:
        tell(parent, title, problem)
        return None
    assert reach.root is not None  # folder_problem says so otherwise
    dialog = ConfinedFileDialog(parent, title, reach.root, name_filter, save=save)
    size_within_window(dialog, parent, DIALOG_SIZE)
    if suggested:
        dialog.selectFile(suggested)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def folder_problem(reach: FileRoot) -> str | None:
    """Why a confined dialog cannot open (translated), or None when its folder is there."""
    if reach.root is None:
        return QCoreApplication.translate(
            "KioskFiles",
            "No folder is set for this on this tablet. Ask IT to set {setting} in the "
            "device's settings.",
        ).format(setting=reach.setting)
    if not reach.root.is_dir():
        return QCoreApplication.translate(
            "KioskFiles",
            "The folder {folder} is not there. Insert the USB drive, or ask IT.",
        ).format(folder=reach.root)
    return None


def tell(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A message over ``parent`` that does not block the loop (nor a test)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok)
    box.setParent(parent, box.windowFlags())
    box.setObjectName("kioskFilesMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box

"""Photos and receipts on the incident screen: attach one, see them all as thumbnails.

"Attach photo" and "Attach receipt" take a picture with the tablet's camera where there
is one (``ui.incident.camera``), else ask for a file (a JPEG, a PNG or a receipt's
PDF). The bytes go to the core (``AttachmentService.attach``: encrypted store,
timeline note, upload by SHA-256) through ``AsyncOps``; a refusal shows translated.
Thumbnails are made off the GUI thread (``QImage`` is safe there) from the bytes the
core reads back; a tap shows the picture over the console window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.domain.attachment import AttachmentInfo, AttachmentKind
from app.file_access import ANYWHERE, FileRoot
from ui.acts.fit import fit_to_window
from ui.async_ops import AsyncOps
from ui.form_parts import error_line, show_refusals
from ui.incident.camera import camera_available
from ui.kiosk.file_dialogs import open_file
from ui.locale_format import format_date_time

THUMB = QSize(160, 120)
SHA_ROLE = Qt.ItemDataRole.UserRole + 1
PickFile = Callable[[QWidget], Path | None]
Thumbnails = list[tuple[AttachmentInfo, QImage, bytes]]


def pick_file(parent: QWidget, reach: FileRoot = ANYWHERE) -> Path | None:
    """A photo or a receipt: the system's file dialog, or a kiosk's confined one."""
    return open_file(
        parent,
        QCoreApplication.translate("IncidentPhotos", "Attach a photo or a receipt"),
        QCoreApplication.translate(
            "IncidentPhotos", "Photos and receipts (*.jpg *.jpeg *.png *.pdf)"
        ),
        reach,
    )


def thumbnail(info: AttachmentInfo, data: bytes) -> QImage:
    """A picture's thumbnail, or a plain tile naming a PDF receipt (run off the GUI thread)."""
    if info.is_image:
        image = QImage.fromData(data)
        if not image.isNull():
            return image.scaled(
                THUMB,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
    tile = QImage(THUMB, QImage.Format.Format_RGB32)
    tile.fill(QColor("#2b3342"))
    painter = QPainter(tile)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(tile.rect(), Qt.AlignmentFlag.AlignCenter, "PDF")
    painter.end()
    return tile


class PhotoViewer(QDialog):
    """One picture as large as the console window allows; a tap anywhere closes it."""

    def __init__(self, image: QImage, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoViewer")
        heading = QLabel(title)
        heading.setProperty("variant", "title")
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        close = QPushButton(QCoreApplication.translate("IncidentPhotos", "Close"))
        close.setProperty("variant", "primary")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.picture, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        fit_to_window(self, parent)
        room = self.size() - QSize(40, 160)
        self.picture.setPixmap(
            QPixmap.fromImage(image).scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )


class PhotoPanel(QWidget):
    """Emits ``attached(AttachmentInfo)`` once the core has stored one."""

    attached = Signal(object)

    def __init__(
        self,
        attachments: Any,
        ops: AsyncOps,
        actor: Actor,
        parent: QWidget | None = None,
        reach: FileRoot = ANYWHERE,  # a kiosk's: the photo import folder only
    ) -> None:
        super().__init__(parent)
        self._service, self._ops, self._actor = attachments, ops, actor
        self.pick_file: PickFile = lambda panel: pick_file(panel, reach)  # tests set their own
        self.use_camera = camera_available()
        self.incident_id: str | None = None
        self._shown: tuple[str, ...] = ()
        self._bytes: dict[str, bytes] = {}  # read once, with the thumbnails (audited then)
        self.viewer: QDialog | None = None
        self.photo_button = QPushButton(
            QCoreApplication.translate("IncidentPhotos", "Attach photo")
        )
        self.photo_button.setObjectName("attachPhoto")
        self.photo_button.clicked.connect(lambda: self.attach(AttachmentKind.PHOTO))
        self.receipt_button = QPushButton(
            QCoreApplication.translate("IncidentPhotos", "Attach receipt")
        )
        self.receipt_button.setObjectName("attachReceipt")
        self.receipt_button.clicked.connect(lambda: self.attach(AttachmentKind.RECEIPT))
        self.message = error_line("photoMessage")
        self.empty = QLabel(
            QCoreApplication.translate("IncidentPhotos", "No photo or receipt yet.")
        )
        self.empty.setProperty("variant", "subtle")
        self.list = QListWidget()
        self.list.setObjectName("incidentPhotos")
        self.list.setAccessibleName(QCoreApplication.translate("IncidentPhotos", "Photos"))
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setSpacing(8)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemClicked.connect(self._open)
        buttons = QHBoxLayout()
        buttons.addWidget(self.photo_button)
        buttons.addWidget(self.receipt_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)

    def allow_attaching(self, allowed: bool) -> None:
        self.photo_button.setVisible(allowed)
        self.receipt_button.setVisible(allowed)

    def show_attachments(self, incident_id: str, infos: Sequence[AttachmentInfo]) -> None:
        """The incident's attachments; thumbnails are read again only when they changed."""
        shas = tuple(info.sha256 for info in infos)
        self.empty.setVisible(not infos)
        self.list.setVisible(bool(infos))
        if incident_id == self.incident_id and shas == self._shown:
            return
        self.incident_id, self._shown = incident_id, shas
        self.list.clear()
        self._bytes.clear()
        if not infos:
            return
        read = self._service.read
        self._ops.run(
            lambda: [(i, thumbnail(i, d), d) for i, d in read(self._actor, incident_id)],
            on_success=lambda thumbs: self._show_thumbnails(incident_id, thumbs),
        )

    def _show_thumbnails(self, incident_id: str, thumbs: Thumbnails) -> None:
        if incident_id != self.incident_id:
            return  # another incident is on screen now
        self.list.clear()
        for info, image, data in thumbs:
            what = (
                QCoreApplication.translate("IncidentPhotos", "Photo")
                if info.kind is AttachmentKind.PHOTO
                else QCoreApplication.translate("IncidentPhotos", "Receipt")
            )
            item = QListWidgetItem(
                QIcon(QPixmap.fromImage(image)), f"{what}\n{format_date_time(info.created_at)}"
            )
            item.setData(SHA_ROLE, info.sha256)
            self.list.addItem(item)
            self._bytes[info.sha256] = data

    # Attaching -------------------------------------------------------------------------

    def attach(self, kind: AttachmentKind) -> None:
        if self.incident_id is None:
            return
        self.message.hide()
        if self.use_camera:
            from ui.incident.camera import CameraDialog

            camera = CameraDialog(self)
            camera.photo_taken.connect(lambda data: self._store(kind, lambda: data))
            camera.open()
            return
        path = self.pick_file(self)
        if path is not None:
            self._store(kind, path.read_bytes)

    def _store(self, kind: AttachmentKind, read: Callable[[], bytes]) -> None:
        incident_id = self.incident_id
        self._ops.run(
            lambda: self._service.attach(self._actor, incident_id, read(), kind),
            on_success=self.attached.emit,
            on_error=show_refusals(self.message, {}),
            busy=self.photo_button if kind is AttachmentKind.PHOTO else self.receipt_button,
        )

    def _open(self, item: QListWidgetItem) -> None:
        data = self._bytes.get(item.data(SHA_ROLE))
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            return  # a PDF receipt: its thumbnail is all the console draws of it
        self.viewer = PhotoViewer(image, item.text().replace("\n", " · "), self)
        self.viewer.open()

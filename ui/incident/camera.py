"""The tablet's camera, through Qt Multimedia where the build has it and a camera is there.

``camera_available()`` says whether to offer it; ``CameraDialog`` shows the viewfinder
over the console window and emits ``photo_taken(bytes)`` (a JPEG) once. Without Qt
Multimedia (``PySide6-Essentials`` alone) or without a camera, the incident screen
asks for a file instead (``ui.incident.photos``).
"""

from __future__ import annotations

import importlib.util
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.acts.fit import fit_to_window

JPEG_QUALITY = 85


def camera_available() -> bool:
    if importlib.util.find_spec("PySide6.QtMultimedia") is None:
        return False
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.videoInputs())


def jpeg_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, b"JPEG", JPEG_QUALITY)
    buffer.close()
    return bytes(data.data())


class CameraDialog(QDialog):
    photo_taken = Signal(bytes)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self.setObjectName("cameraDialog")
        self._camera: Any = QCamera()
        self._capture: Any = QImageCapture()
        self._session: Any = QMediaCaptureSession()
        self._session.setCamera(self._camera)
        self._session.setImageCapture(self._capture)
        viewfinder = QVideoWidget()
        self._session.setVideoOutput(viewfinder)
        self._capture.imageCaptured.connect(self._captured)
        self.take_button = QPushButton(self.tr("Take photo"))
        self.take_button.setProperty("variant", "primary")
        self.take_button.clicked.connect(self._capture.capture)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.take_button)
        layout = QVBoxLayout(self)
        layout.addWidget(viewfinder, 1)
        layout.addLayout(buttons)
        fit_to_window(self, parent)
        self.finished.connect(lambda *_: self._camera.stop())
        self._camera.start()

    def _captured(self, _id: int, image: QImage) -> None:
        self.photo_taken.emit(jpeg_bytes(image))
        self.accept()

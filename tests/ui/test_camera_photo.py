"""What the camera hands over is a JPEG the attachment store takes (the viewfinder itself
needs a camera, which the test machine has not)."""

from PySide6.QtGui import QColor, QImage

from app.domain.attachment import detect_content_type
from ui.incident.camera import jpeg_bytes


def test_a_captured_frame_becomes_a_jpeg(qapp) -> None:
    frame = QImage(64, 48, QImage.Format.Format_RGB32)
    frame.fill(QColor("#1d5c3a"))
    data = jpeg_bytes(frame)
    assert detect_content_type(data) == "image/jpeg"
    again = QImage.fromData(data)
    assert again.size() == frame.size()

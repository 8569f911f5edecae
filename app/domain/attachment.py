"""A photo or a receipt attached to an incident (SPEC §5, the filing template).

The bytes are kept in the encrypted store (SQLCipher, like everything else on the
device) under their SHA-256, and sent to the helpdesk by that hash, as acts are.
``detect_content_type`` names the three kinds the helpdesk takes by their first bytes,
not by a file name a device could lie about.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

MAX_ATTACHMENT_BYTES = 20 << 20  # the helpdesk's limit for one attachment

_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)


class AttachmentKind(StrEnum):
    PHOTO = "photo"
    RECEIPT = "receipt"


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    """What the store keeps about an attachment besides its bytes."""

    incident_id: str
    sha256: str
    kind: AttachmentKind
    content_type: str
    size: int
    created_at: datetime
    created_by: str  # staff id

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


def detect_content_type(data: bytes) -> str | None:
    """``image/jpeg``, ``image/png`` or ``application/pdf`` from the bytes; else None."""
    return next((kind for magic, kind in _SIGNATURES if data.startswith(magic)), None)

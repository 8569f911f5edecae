"""Plain data of acts: what staff fill in, what gets rendered, what gets stored."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from app.acts.strokes import DrawnSignature


class ActKind(StrEnum):
    INCIDENT_ACT = "incident_act"  # SPEC §6: facts, decision, compensation, signatures
    POST_INCIDENT_REPORT = "post_incident_report"  # P1/P2: root cause and measures
    REPORT_SIGN_OFF = "report_sign_off"  # a duty manager's review of a report, signed


class SignatureLevel(StrEnum):
    """PAdES baseline level of a stored revision."""

    B_B = "B-B"  # signed offline on the tablet
    B_T = "B-T"  # + a document timestamp from the property's TSA
    B_LT = "B-LT"  # + the validation data (certificates, CRLs) in the DSS

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]


_LEVEL_RANK = {SignatureLevel.B_B: 0, SignatureLevel.B_T: 1, SignatureLevel.B_LT: 2}


class GuestSignatureStatus(StrEnum):
    SIGNED = "signed"
    DECLINED = "declined"  # the guest was there and refused: recorded and shown on the act
    NOT_PRESENT = "not_present"


class CompensationKind(StrEnum):
    """Service recovery (SPEC §7)."""

    FREE_PLAY = "free_play"
    BONUS_PLAY = "bonus_play"
    TOURNAMENT_PRIORITY = "tournament_priority"
    ROOM_UPGRADE = "room_upgrade"
    FNB_CREDIT = "fnb_credit"
    TRANSFER = "transfer"
    BILLING_CORRECTION = "billing_correction"
    LOUNGE_CREDIT = "lounge_credit"
    OTHER = "other"

    @property
    def is_play_incentive(self) -> bool:
        """Never offered to a self-excluded or cooling-off guest (SPEC §4)."""
        return self in (CompensationKind.FREE_PLAY, CompensationKind.BONUS_PLAY)


@dataclass(frozen=True, slots=True)
class CompensationPromise:
    kind: CompensationKind
    description: str
    conditions: str  # fixed in writing before the case is closed (SPEC §6)
    value: Decimal | None = None
    currency: str = "AUD"
    agreed_by: str = ""  # the host who agreed it, when the signer may not offer it


@dataclass(frozen=True, slots=True)
class GuestSignature:
    status: GuestSignatureStatus
    drawing: DrawnSignature | None = None  # set exactly when status is SIGNED
    note: str = ""  # e.g. what the guest said when declining


@dataclass(frozen=True, slots=True)
class ActDraft:
    """What the signing staff member filled in on the tablet."""

    incident_id: str
    decision: str
    staff_signature: DrawnSignature
    guest: GuestSignature
    statement: str = ""  # facts beyond the filing template, in the staff's words
    compensation: tuple[CompensationPromise, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportDraft:
    """A post-incident report (P1/P2): root cause and measures, signed by staff."""

    incident_id: str
    root_cause: str
    measures: tuple[str, ...]
    staff_signature: DrawnSignature
    impact: str = ""


@dataclass(frozen=True, slots=True)
class SignOffDraft:
    """A duty manager's sign-off of a resolved incident's post-incident report: the
    report it reviews (by act id), their review in their words, their signature."""

    incident_id: str
    report_act_id: str
    review: str
    staff_signature: DrawnSignature


@dataclass(frozen=True, slots=True)
class ActRecord:
    """One act in the local store; its PDFs are its revisions."""

    id: str  # client-generated UUID, also in the QR code
    incident_id: str
    kind: ActKind
    number: str  # provisional act number, e.g. "TAB-DEMO-0042-A1"
    created_at: datetime
    created_by: str  # staff id
    device_id: str
    content_sha256: str  # of act.json, see app.acts.content
    guest_status: GuestSignatureStatus | None = None  # None for a report


@dataclass(frozen=True, slots=True)
class ActRevision:
    """One immutable PDF of an act, stored as ``acts/<sha256>.pdf``."""

    sha256: str
    act_id: str
    incident_id: str
    seq: int  # 0: the first signed PDF; each upgrade adds one
    level: SignatureLevel
    size: int
    created_at: datetime
    previous_sha256: str | None = None  # the revision this one was appended to

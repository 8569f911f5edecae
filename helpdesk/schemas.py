"""Request bodies: every field validated, unknown fields refused.

Every model derives from ``helpdesk.edge.Strict``, whose one validator checks every
field of every body (text, numbers, times, full payment card numbers: see that
module); the types here narrow each field further.
"""

import base64
import binascii
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from app.domain import Category, Channel, EventKind, IncidentStatus, Priority, Satisfaction
from helpdesk.edge import Strict, refuse_nulls, time_problem


def canonical_uuid(text: str) -> str:
    try:
        return str(uuid.UUID(text))
    except ValueError as error:
        raise ValueError("must be a UUID") from error


UuidStr = Annotated[str, StringConstraints(max_length=40), AfterValidator(canonical_uuid)]
StaffId = Annotated[
    str, StringConstraints(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")
]
DeviceId = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
]


ShortText = Annotated[str, StringConstraints(max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=2000)]
NameText = Annotated[str, StringConstraints(max_length=80)]
Amount = Annotated[Decimal, Field(ge=0)]  # digits and places: helpdesk.edge
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
EscalationLevel = Annotated[int, Field(ge=0, le=4, strict=True)]


class IncidentCreate(Strict):
    id: UuidStr
    provisional_number: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    device_id: DeviceId
    opened_at: AwareDatetime
    opened_by: StaffId
    priority: Priority
    category: Category
    channel: Channel
    summary: LongText = ""
    status: IncidentStatus = IncidentStatus.NEW
    guest_id: UuidStr | None = None
    owner_id: StaffId | None = None
    location: ShortText = ""
    table_id: Annotated[str, StringConstraints(min_length=1, max_length=32)] | None = None
    game: NameText = ""
    machine: NameText = ""
    amount: Amount | None = None
    currency: Currency = "AUD"
    transaction_ref: ShortText = ""
    desired_outcome: LongText = ""
    manual_escalation_level: EscalationLevel = 0
    satisfaction: Satisfaction | None = None

    @field_validator("amount", mode="before")
    @classmethod
    def _amount_not_float(cls, value: Any) -> Any:
        if isinstance(value, float):
            raise ValueError('send the amount as a decimal string, e.g. "12000.00"')
        return value


class IncidentPatch(Strict):
    """Only the fields being changed; ``owner_id: null`` un-assigns, ``guest_id: null``
    unlinks the guest (``guest_id`` re-points an incident, e.g. to the helpdesk's
    guest when a walk-in's card turned out to be taken)."""

    status: IncidentStatus | None = None
    priority: Priority | None = None
    owner_id: StaffId | None = None
    guest_id: UuidStr | None = None
    manual_escalation_level: EscalationLevel | None = None
    summary: LongText | None = None
    desired_outcome: LongText | None = None
    satisfaction: Satisfaction | None = None  # the guest's answer on resolve

    @model_validator(mode="after")
    def _something_to_change(self) -> "IncidentPatch":
        refuse_nulls(self, nullable=frozenset({"owner_id", "guest_id"}))
        return self


class EventCreate(Strict):
    id: UuidStr
    at: AwareDatetime
    kind: EventKind
    actor_id: StaffId
    detail: LongText = ""
    from_value: ShortText = ""
    to_value: ShortText = ""


def _ed25519_key(text: str) -> str:
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError("not base64") from None
    if len(raw) != 32:
        raise ValueError("not a raw Ed25519 public key (32 bytes, base64)")
    return text


CheckpointKey = Annotated[str, StringConstraints(max_length=64), AfterValidator(_ed25519_key)]


class Enrolment(Strict):
    device_id: DeviceId
    enrolment_code: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    checkpoint_public_key: CheckpointKey | None = Field(
        description="the key its audit checkpoints are signed with, bound to the device "
        "now; null: this device sends no checkpoints (any it sends is refused)"
    )
    enrolment_nonce: Annotated[str, StringConstraints(min_length=16, max_length=200)] = Field(
        description="the console's random secret for this enrolment, the same on every "
        "retry: a retry after a lost answer gets a new token instead of 'already used'"
    )


SessionId = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$")
]


class StaffSessionCreate(Strict):
    staff_id: StaffId
    pin: Annotated[str, StringConstraints(min_length=1, max_length=16)]
    totp_code: Annotated[str, StringConstraints(max_length=16)] | None = None
    session_id: SessionId | None = None  # the console's session, vouched for later too


def _base64(text: str) -> str:
    try:
        base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError("not base64") from None
    return text


def _signed_time(text: str) -> str:
    """An ISO 8601 time with its offset, in range; kept as sent (the signature covers it)."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError("not an ISO 8601 time") from None
    problem = time_problem(parsed)
    if problem is not None:
        raise ValueError(problem)
    return text


MAX_INT32 = 2**31 - 1
Base64 = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_base64)]
SignedTime = Annotated[str, StringConstraints(max_length=40), AfterValidator(_signed_time)]


class CheckpointCreate(Strict):
    """A signed audit-chain head (``app.security.audit_chain.Checkpoint.to_json``)."""

    entry_id: Annotated[int, Field(ge=1, le=MAX_INT32, strict=True)]  # an INTEGER column
    hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    at: SignedTime
    device_id: DeviceId
    public_key: Base64
    signature: Base64


class SessionAssertionBody(Strict):
    """A sign-in the device vouches for (``app.security.session_assertion``)."""

    session_id: SessionId
    staff_id: StaffId
    device_id: DeviceId
    signed_in_at: SignedTime
    public_key: Base64
    signature: Base64


MAX_BATCH_OPERATIONS = 100


class BatchOperation(Strict):
    """One write as it would be sent alone: its headers become fields."""

    # Each operation answers alone, as if sent alone: its body is validated by the
    # write's own model (helpdesk.batch), and a bad body refuses that write only.
    unchecked: ClassVar[frozenset[str]] = frozenset({"body"})

    method: Literal["POST", "PATCH"]
    path: Annotated[str, StringConstraints(min_length=1, max_length=200)] = Field(
        description="relative to /v1: /incidents, /incidents/{id}, /incidents/{id}/events"
    )
    idempotency_key: Annotated[str, StringConstraints(max_length=200)]
    staff_token: Annotated[str, StringConstraints(max_length=200)]
    if_match: Annotated[str, StringConstraints(max_length=20)] | None = None
    body: dict[str, Any]


class BatchRequest(Strict):
    operations: list[BatchOperation] = Field(min_length=1, max_length=MAX_BATCH_OPERATIONS)


def canonical(model: BaseModel, *, only_set: bool = False) -> dict[str, Any]:
    """The validated body as plain JSON values: what idempotency and "same body" compare."""
    return model.model_dump(mode="json", exclude_unset=only_set)


# Answers, for the OpenAPI document (the routes send pre-serialised JSON).


class IncidentOut(BaseModel):
    id: str
    number: str = Field(description="server-assigned ticket number, e.g. VIP-20512")
    version: int = Field(description="1 on create, +1 per accepted PATCH")
    provisional_number: str
    device_id: str
    opened_at: str
    opened_by: str
    priority: Priority
    category: Category
    channel: Channel
    summary: str
    status: IncidentStatus
    guest_id: str | None
    owner_id: str | None
    location: str
    table_id: str | None
    game: str
    machine: str
    amount: str | None = Field(description="exact decimal as a string")
    currency: str
    transaction_ref: str
    desired_outcome: str
    manual_escalation_level: int
    sla_due_at: str | None = Field(description="resolution deadline per the policy (derived)")
    next_update_at: str | None = Field(description="next guest update due (derived)")
    created_at: str
    updated_at: str
    satisfaction: Satisfaction | None = Field(
        default=None, description="the guest's answer on the latest resolve, or not_asked"
    )


class EventOut(BaseModel):
    id: str
    incident_id: str
    seq: int = Field(description="server sequence: the order of the timeline")
    at: str
    kind: EventKind
    actor_id: str
    detail: str
    from_value: str
    to_value: str
    created_at: str


class IncidentWithEvents(IncidentOut):
    events: list[EventOut]
    attachments: list[str] = Field(description="SHA-256 of the linked attachments")


class ChangeItem(BaseModel):
    seq: int
    type: str = Field(description="guest, staff, table, incident, incident_event, attachment")
    op: str = Field(description="upsert")
    data: dict[str, Any]


class ChangesPage(BaseModel):
    items: list[ChangeItem]
    next_cursor: str
    end_of_stream: bool


class AttachmentOut(BaseModel):
    sha256: str
    incident_id: str
    size: int


class Enrolled(BaseModel):
    device_id: str
    device_token: str
    role_scope: list[str] = Field(description="the roles that may sign in on this device")
    checkpoint_public_key: str | None


class StaffSessionOut(BaseModel):
    staff_token: str = Field(description="send as X-Staff-Token; bound to this device")
    expires_at: str
    staff_id: str
    role: str
    last_signed_out_at: str | None = Field(
        None, description="when this person last signed out, on any device (null: never)"
    )


class ErrorOut(BaseModel):
    detail: str


class BatchResult(BaseModel):
    status: int = Field(description="what the write alone would have answered")
    replayed: bool = Field(description="the stored answer to this Idempotency-Key")
    body: dict[str, Any] = Field(description="what the write alone would have sent")


class BatchAnswer(BaseModel):
    results: list[BatchResult] = Field(description="one per operation, in order")


class ConflictOut(BaseModel):
    detail: str
    current: IncidentWithEvents

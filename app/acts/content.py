"""The act's content: one canonical JSON document, rendered to the page and hashed.

**The content hash.** ``content_sha256`` is the SHA-256 of ``act.json``: the act's
content as UTF-8 JSON with keys sorted, no insignificant whitespace
(``separators=(",", ":")``) and non-ASCII characters as themselves
(``ensure_ascii=False``). Every value the page shows comes from this document (the
page is a pure function of it), including the drawn signatures' points, so the hash
is the fingerprint of the *rendered, unsigned content*. It cannot be a hash of the
PDF bytes: the QR code that carries it is on the page. The signed PDF embeds the
exact ``act.json`` bytes (``/EmbeddedFiles``, covered by the first signature) and
names the hash in ``/Keywords``, so anyone can recompute it from the PDF alone;
``act verify`` does.

The QR code holds ``vip-act:<act id>?sha256=<content_sha256>``.
"""

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from app.acts.model import ActDraft, ActKind, ActRecord, ReportDraft, SignOffDraft
from app.domain import Guest, Incident, Staff

SCHEMA = "vip-console/act/1"
FILE_NAME = "act.json"


@dataclass(frozen=True)
class ActContent:
    plain: Mapping[str, Any]

    @property
    def canonical(self) -> bytes:
        return canonical_json(self.plain)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.canonical).hexdigest()

    @property
    def act_id(self) -> str:
        return str(self.plain["act_id"])

    @property
    def kind(self) -> ActKind:
        return ActKind(self.plain["kind"])

    @property
    def qr_payload(self) -> str:
        return qr_payload(self.act_id, self.sha256)


def canonical_json(plain: Mapping[str, Any]) -> bytes:
    text = json.dumps(plain, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8")


def qr_payload(act_id: str, sha256: str) -> str:
    return f"vip-act:{act_id}?sha256={sha256}"


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def masked_card(card_number: str) -> str:
    """Last four digits only: the act goes to the guest and may be printed."""
    digits = "".join(c for c in card_number if c.isdigit())
    return f"•••• {digits[-4:]}" if len(digits) >= 4 else ""


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else format(amount, "f")


def incident_part(incident: Incident) -> dict[str, Any]:
    return {
        "id": incident.id,
        "provisional_number": incident.provisional_number,
        "number": incident.number,
        "priority": incident.priority.value,
        "category": incident.category.value,
        "channel": incident.channel.value,
        "status": incident.status.value,
        "opened_at": iso(incident.opened_at),
        "summary": incident.summary,
        "location": incident.location,
        "table_id": incident.table_id,
        "game": incident.game,
        "machine": incident.machine,
        "amount": _money(incident.amount),
        "currency": incident.currency,
        "transaction_ref": incident.transaction_ref,
        "desired_outcome": incident.desired_outcome,
    }


def timeline_part(incident: Incident, staff_names: Mapping[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "at": iso(event.at),
            "kind": event.kind.value,
            "by": staff_names.get(event.actor_id, event.actor_id),
            "detail": event.detail,
            "from": event.from_value,
            "to": event.to_value,
        }
        for event in incident.events
    ]


def guest_part(guest: Guest | None) -> dict[str, Any] | None:
    if guest is None:
        return None
    return {
        "name": guest.display_name,  # the alias for a quiet-visit guest
        "alias": guest.quiet.enabled and bool(guest.quiet.alias),
        "card": masked_card(guest.card_number),
        "tier": guest.tier.value,
    }


def staff_part(staff: Staff) -> dict[str, str]:
    return {"id": staff.id, "name": staff.name, "role": staff.role.value}


@dataclass(frozen=True)
class Header:
    """What every act states about itself."""

    act_id: str
    number_provisional: str
    number_final: str | None
    property_name: str
    device_id: str
    created_at: datetime  # also the signing time of both signatures (device clock)
    timezone: str
    signer_key: str = ""  # the signing certificate's common name, shown in the stamps
    # The latest signed audit checkpoint (Checkpoint.to_json, app/security/audit_chain.py):
    # a copy off the device that catches a later truncation of the audit log.
    audit_head: Mapping[str, Any] | None = None

    def plain(self, kind: ActKind) -> dict[str, Any]:
        extra = {} if self.audit_head is None else {"audit_head": dict(self.audit_head)}
        return {
            **extra,
            "schema": SCHEMA,
            "kind": kind.value,
            "act_id": self.act_id,
            "act_number": {"provisional": self.number_provisional, "final": self.number_final},
            "property": self.property_name,
            "device_id": self.device_id,
            "created_at": iso(self.created_at),
            "timezone": self.timezone,
            "signer_key": self.signer_key,
        }


def incident_act_content(
    header: Header,
    incident: Incident,
    guest: Guest | None,
    staff: Staff,
    staff_names: Mapping[str, str],
    draft: ActDraft,
) -> ActContent:
    guest_signature = draft.guest
    plain = {
        **header.plain(ActKind.INCIDENT_ACT),
        "incident": incident_part(incident),
        "guest": guest_part(guest),
        "timeline": timeline_part(incident, staff_names),
        "statement": draft.statement.strip(),
        "decision": draft.decision.strip(),
        "compensation": [
            {
                "kind": promise.kind.value,
                "description": promise.description.strip(),
                "conditions": promise.conditions.strip(),
                "value": _money(promise.value),
                "currency": promise.currency,
                "agreed_by": staff_names.get(promise.agreed_by, promise.agreed_by),
            }
            for promise in draft.compensation
        ],
        "staff": staff_part(staff),
        "signatures": {
            "staff": draft.staff_signature.to_plain(),
            "guest": {
                "status": guest_signature.status.value,
                "drawing": guest_signature.drawing.to_plain() if guest_signature.drawing else None,
                "note": guest_signature.note.strip(),
            },
        },
    }
    return ActContent(plain)


def report_content(
    header: Header,
    incident: Incident,
    guest: Guest | None,
    staff: Staff,
    staff_names: Mapping[str, str],
    draft: ReportDraft,
    resolved_at: datetime | None,
    acts: Sequence[str],
) -> ActContent:
    plain = {
        **header.plain(ActKind.POST_INCIDENT_REPORT),
        "incident": incident_part(incident),
        "guest": guest_part(guest),
        "timeline": timeline_part(incident, staff_names),
        "report": {
            "resolved_at": iso(resolved_at) if resolved_at else None,
            "impact": draft.impact.strip(),
            "root_cause": draft.root_cause.strip(),
            "measures": [m.strip() for m in draft.measures if m.strip()],
            "acts": list(acts),
        },
        "staff": staff_part(staff),
        "signatures": {"staff": draft.staff_signature.to_plain()},
    }
    return ActContent(plain)


def sign_off_content(
    header: Header,
    incident: Incident,
    guest: Guest | None,
    staff: Staff,
    staff_names: Mapping[str, str],
    draft: SignOffDraft,
    report: ActRecord,
    reviewed: Mapping[str, Any],
) -> ActContent:
    """A duty manager's sign-off: the report it reviews named by number and content hash
    (of the report's own ``act.json``), and what it says (``reviewed``: its root cause,
    impact and measures): what was read is what is signed off."""
    plain = {
        **header.plain(ActKind.REPORT_SIGN_OFF),
        "incident": incident_part(incident),
        "guest": guest_part(guest),
        "timeline": timeline_part(incident, staff_names),
        "sign_off": {
            "report": {
                "act_id": report.id,
                "number": report.number,
                "content_sha256": report.content_sha256,
                "signed_at": iso(report.created_at),
                "signed_by": staff_names.get(report.created_by, report.created_by),
                "impact": reviewed.get("impact", ""),
                "root_cause": reviewed.get("root_cause", ""),
                "measures": list(reviewed.get("measures", [])),
            },
            "review": draft.review.strip(),
        },
        "staff": staff_part(staff),
        "signatures": {"staff": draft.staff_signature.to_plain()},
    }
    return ActContent(plain)


def content_from_pdf(data: bytes) -> ActContent:
    """The ``act.json`` a signed act carries (``/EmbeddedFiles``), as content."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data))
    names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    for index in range(0, len(names), 2):
        if str(names[index]) == FILE_NAME:
            stream = names[index + 1].get_object()["/EF"]["/F"].get_object()
            return ActContent(json.loads(stream.data.decode("utf-8")))
    raise KeyError(f"no {FILE_NAME} in this PDF")

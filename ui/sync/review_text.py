"""The sync review's rows in the console's language.

The outbox and the set-aside table keep what the wire carries (field names, event kinds,
record types, the helpdesk's answer in its own words); the review words them for the
person who must decide: what the change was, why it was refused (the helpdesk's own
answer stays in the tooltip, for IT), what was set aside and why.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain.enums import EventKind
from app.sync.outbox import OutboxEntry, OutboxKind
from app.sync.set_aside import SetAside, SetAsideKind
from ui.incident.fields import field_label
from ui.incident.history import event_label


def change_label(entry: OutboxEntry) -> str:
    # QCoreApplication.translate by its full name, with its context: lupdate reads those.
    kinds = {
        OutboxKind.INCIDENT_CREATE: QCoreApplication.translate("SyncReviewDialog", "New incident"),
        OutboxKind.INCIDENT_PATCH: QCoreApplication.translate(
            "SyncReviewDialog", "Change of {fields}"
        ),
        OutboxKind.INCIDENT_EVENT: QCoreApplication.translate(
            "SyncReviewDialog", "Timeline entry ({kind})"
        ),
        OutboxKind.ATTACHMENT_UPLOAD: QCoreApplication.translate(
            "SyncReviewDialog", "Signed document"
        ),
        OutboxKind.GUEST_CREATE: QCoreApplication.translate("SyncReviewDialog", "New walk-in"),
        OutboxKind.GUEST_PATCH: QCoreApplication.translate("SyncReviewDialog", "Guest preferences"),
        OutboxKind.AUDIT_CHECKPOINT: QCoreApplication.translate(
            "SyncReviewDialog", "Audit checkpoint"
        ),
    }
    label = kinds.get(entry.kind) or QCoreApplication.translate(
        "SyncReviewDialog", "A change this console cannot send"
    )
    if entry.kind is OutboxKind.INCIDENT_PATCH:
        fields = entry.payload.get("changes", {})
        label = label.format(fields=", ".join(field_label(name) for name in fields))
    elif entry.kind is OutboxKind.INCIDENT_EVENT:
        label = label.format(kind=_event_kind(entry.payload.get("kind")))
    summary = (
        entry.payload.get("summary")
        or entry.payload.get("provisional_number")
        or (entry.payload.get("name") if entry.kind is OutboxKind.GUEST_CREATE else None)
    )
    return f"{label}: {summary}" if isinstance(summary, str) and summary else label


def _event_kind(kind: Any) -> str:
    try:
        return event_label(EventKind(kind))
    except ValueError:
        return str(kind)  # a kind this console does not know: as the helpdesk names it


def reason_text(entry: OutboxEntry) -> str:
    """Why the helpdesk refused a change, by its answer's status; no status: the console
    could not send it (a file gone, a kind it does not know)."""
    status = entry.last_status
    if status is None:
        return QCoreApplication.translate("SyncReviewDialog", "This console could not send it")
    invalid = QCoreApplication.translate("SyncReviewDialog", "The helpdesk found it invalid")
    reasons = {
        400: invalid,
        422: invalid,
        401: QCoreApplication.translate(
            "SyncReviewDialog", "The helpdesk did not recognise this tablet"
        ),
        403: QCoreApplication.translate(
            "SyncReviewDialog", "The helpdesk does not allow it for this staff member"
        ),
        404: QCoreApplication.translate(
            "SyncReviewDialog", "The helpdesk does not have this record"
        ),
        409: QCoreApplication.translate(
            "SyncReviewDialog", "The helpdesk holds a different version"
        ),
        413: QCoreApplication.translate("SyncReviewDialog", "Too large for the helpdesk"),
    }
    reason = reasons.get(status) or QCoreApplication.translate(
        "SyncReviewDialog", "Refused by the helpdesk"
    )
    return f"{reason} (HTTP {status})"


def item_label(item_type: str) -> str:
    """A record type of the change feed; one the console does not know stays as it came."""
    labels = {
        "incident": QCoreApplication.translate("SyncReviewDialog", "incident"),
        "incident_event": QCoreApplication.translate("SyncReviewDialog", "timeline entry"),
        "guest": QCoreApplication.translate("SyncReviewDialog", "guest record"),
        "staff": QCoreApplication.translate("SyncReviewDialog", "staff record"),
        "table": QCoreApplication.translate("SyncReviewDialog", "gaming table"),
    }
    return labels.get(item_type, item_type.replace("_", " "))


def set_aside_label(item: SetAside) -> str:
    """What was set aside and what the console did about it, in the user's words."""
    if item.kind is SetAsideKind.CARD_TAKEN:
        data = _json(item.data)
        local = data.get("local") if isinstance(data.get("local"), dict) else {}
        theirs = data.get("helpdesk_guest") if isinstance(data.get("helpdesk_guest"), dict) else {}
        text = QCoreApplication.translate(
            "SyncReviewDialog",
            "Walk-in “{local}” registered here: the helpdesk gives this card to “{theirs}”."
            " Incidents now naming them: {count}.",
        )
        return text.format(
            local=(local or {}).get("name", "?"),
            theirs=(theirs or {}).get("name", "?"),
            count=item.repointed,
        )
    texts = {
        SetAsideKind.MALFORMED: QCoreApplication.translate(
            "SyncReviewDialog",
            "A {what} from the helpdesk breaks the contract: kept aside until a correct one"
            " arrives.",
        ),
        SetAsideKind.UNAPPLIABLE: QCoreApplication.translate(
            "SyncReviewDialog",
            "A {what} from the helpdesk could not be stored here: tried again at each sync.",
        ),
        SetAsideKind.ORPHAN_EVENT: QCoreApplication.translate(
            "SyncReviewDialog", "A timeline entry waits for its incident to arrive."
        ),
    }
    return texts[item.kind].format(what=item_label(item.item_type))


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}

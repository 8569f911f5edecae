"""What each device receives: records cut to its signed-in staff member's role.

The change log keeps every record whole; a read (``/v1/changes``, ``/v1/feed``, an
incident by id) renders each one for the staff token it carries, from the rules of
``app.permissions`` (the console's own): guests through ``device_guest``, incident
amounts and transaction references only to roles that may see amounts, the
compensation promised in a timeline entry likewise (and what a delivery handed over:
which promise it keeps stays), staff without their PIN
verifier (a device gets those from ``/v1/staff/verifiers``, for its own staff
only). Attachment links (a hash and a size) go to every role; the bytes of a signed
act only to roles that may read acts (``GET /v1/attachments``).

A cursor names the view it was issued for (``app.permissions.device_view``): a
device whose signed-in staff sees another view is refused the cursor and reads the
log from the start, so what it holds is replaced by what the new view may hold.
"""

import base64
import binascii
import hashlib
import json
from collections.abc import Callable
from typing import Any

from app.actor import Actor
from app.domain import EventKind, Guest, Tier
from app.domain.guest import QuietVisit
from app.permissions import (
    Action,
    GuestField,
    allowed,
    device_guest,
    device_view,
    redact_guest,
    redacted_with,
    visible_guest_fields,
)
from app.recovery.delivery import read_delivery
from app.wire import codec, fast_json
from helpdesk.changes import ChangeRow, CursorError, dumps, item_json
from helpdesk.models import DEFAULT_PROPERTY

_CURSOR_PREFIX = "v2:"
_CURSOR_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_encode_guest = codec.encoder_for(Guest)
_decode_quiet = codec.decoder_for(QuietVisit)
# Each guest field as ``redact_guest`` blanks it, in the feed's encoding.
_BLANK: dict[str, Any] = _encode_guest(
    redacted_with(Guest(id="", card_number="", name="", tier=Tier.VIP), frozenset())
)
_KEPT_APART = frozenset({GuestField.NAME, GuestField.CARD_NUMBER})
# Timeline entries whose detail only roles that may see amounts read whole.
_HIDDEN_DETAIL = frozenset(
    {EventKind.COMPENSATION_PROMISED.value, EventKind.COMPENSATION_DELIVERED.value}
)

Renderer = Callable[[ChangeRow], ChangeRow | None]


def view_tag(actor: Actor, property_id: int = DEFAULT_PROPERTY) -> str:
    """A short tag of the actor's view of its property's log, carried in cursors (no
    staff id in clear). The default property's tag is the one issued before properties:
    the cursors consoles held then stay good."""
    view = (
        device_view(actor)
        if property_id == DEFAULT_PROPERTY
        else f"{device_view(actor)}@{property_id}"
    )
    return hashlib.sha256(view.encode("utf-8")).hexdigest()[:12]


def encode_cursor(actor: Actor, seq: int, property_id: int = DEFAULT_PROPERTY) -> str:
    text = f"{_CURSOR_PREFIX}{view_tag(actor, property_id)}:{seq}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(actor: Actor, cursor: str | None, property_id: int = DEFAULT_PROPERTY) -> int:
    """The seq a cursor stands for (none: 0). A cursor of another view, or of the
    contract before views (``v1:``), is refused: the device reads from the start."""
    if cursor is None or cursor == "":
        return 0
    if not set(cursor) <= _CURSOR_CHARS:
        raise CursorError("cursor: not a cursor this service issued")
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise CursorError("cursor: not a cursor this service issued") from error
    prefix, _, rest = text.partition(_CURSOR_PREFIX)
    tag, _, number = rest.partition(":")
    if prefix or not number.isdigit() or len(number) > 18 or not tag:
        raise CursorError("cursor: not a cursor this service issued")
    if tag != view_tag(actor, property_id):
        raise CursorError("cursor: issued for another staff view; read from the start")
    return int(number)


def incident_for(actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    if not allowed(actor, Action.INCIDENT_VIEW_AMOUNTS):
        data = {**data, "amount": None, "transaction_ref": ""}
    return data


def event_for(actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    kind = data.get("kind")
    if kind not in _HIDDEN_DETAIL or allowed(actor, Action.INCIDENT_VIEW_AMOUNTS):
        return data
    if kind == EventKind.COMPENSATION_DELIVERED.value:
        # Which promise it keeps stays (the console's KPIs and handover read it); what
        # was handed over goes, as ``app.permissions.redact_incident`` does.
        delivery = read_delivery(data.get("detail") or "")
        kept = "" if delivery is None else delivery.without_details().to_json()
        return {**data, "detail": kept}
    return {**data, "detail": ""}  # the promise: free play, credits, amounts


# What to do to a guest of one kind for one actor: the top-level fields to blank, the
# nested ones (``preferences.drinks``), whether the alias replaces a hidden name, and
# whether the code word may stay.
_Plan = tuple[tuple[tuple[str, Any], ...], tuple[tuple[str, str, Any], ...], bool, bool]
_RulesCache = dict[tuple[Any, ...], _Plan]


def _plan(actor: Actor, data: dict[str, Any], cache: _RulesCache) -> _Plan:
    """What ``app.permissions`` says of this guest for ``actor``, asked once per kind of
    guest: its answer depends only on the host and the quiet-visit flags (the key)."""
    quiet = data.get("quiet") or {}
    key = (data.get("host_id"), tuple(sorted(quiet.items())))
    plan = cache.get(key)
    if plan is None:
        light = Guest(
            id="",
            card_number="",
            name="",
            tier=Tier.VIP,
            host_id=data.get("host_id"),
            quiet=_decode_quiet(quiet),
            code_word_hash="set",
        )
        visible = visible_guest_fields(actor, light)
        hidden = [f.value for f in GuestField if f not in visible and f not in _KEPT_APART]
        top = tuple((name, _BLANK[name]) for name in hidden if "." not in name)
        nested = tuple(
            (head, tail, _BLANK[head][tail])
            for head, _, tail in (name.partition(".") for name in hidden if "." in name)
        )
        alias = GuestField.NAME not in visible
        may_check = allowed(actor, Action.GUEST_VERIFY_CODE_WORD, guest=light)
        plan = cache[key] = (top, nested, alias, may_check)
    return plan


def guest_data_for(
    actor: Actor, data: dict[str, Any], cache: _RulesCache | None = None
) -> dict[str, Any]:
    """``codec.encode(device_guest(actor, guest))`` computed on the feed's JSON itself:
    the same fields of ``app.permissions`` blanked the same way (a unit test holds the
    two equal for every role), at a fraction of the cost of decoding every guest (an
    initial sync sends 100,000 of them)."""
    top, nested, alias, may_check = _plan(actor, data, {} if cache is None else cache)
    out = {**data, "preferences": dict(data["preferences"]), "rg": dict(data["rg"])}
    for name, blank in top:
        out[name] = blank
    for head, tail, blank in nested:
        out[head][tail] = blank
    quiet = data.get("quiet") or {}
    if alias and quiet.get("enabled") and quiet.get("alias"):
        out["name"] = quiet["alias"]  # Guest.display_name
    if not may_check:
        out["code_word_hash"] = None
    return out


def guest_for(actor: Actor, text: str) -> str:
    """A stored guest's JSON as ``actor`` may see it (an answer to a guest write)."""
    return dumps(guest_dict_for(actor, text))


def guest_dict_for(actor: Actor, text: str) -> dict[str, Any]:
    """A stored guest as a device signed in as ``actor`` may hold it."""
    card: dict[str, Any] = _encode_guest(device_guest(actor, _stored_guest(text)))
    return card


def guest_card_for(actor: Actor, text: str) -> dict[str, Any]:
    """A stored guest as ``actor``'s screen may show it (``redact_guest``): no card
    number unless the role sees it, never the code word's hash, the quiet-visit alias
    for the name. A guest of another property is read so (a group duty manager): the
    device holds nothing of it, so it needs none of what the device view keeps."""
    card: dict[str, Any] = _encode_guest(redact_guest(actor, _stored_guest(text)))
    return card


def _stored_guest(text: str) -> Guest:
    guest = codec.decode(json.loads(text), Guest)
    assert isinstance(guest, Guest)
    return guest


def feed_view(actor: Actor) -> str:
    """What ``renderer(actor)``'s output depends on: its role, and for a host the guests
    they see whole (their own and those they cover). Streams of one feed view share the
    text of the events they are sent (helpdesk/feed.py); a test holds every rule of
    ``renderer`` to it."""
    return device_view(actor)


# The plans of each feed view, kept from one page to the next: a page of 1,000 guests
# has some 200 kinds of guest, each plan a walk of ``app.permissions`` (0.8 s of the
# 4 s an initial sync of 100,000 guests cost the helpdesk, asked again every page).
# A plan depends on nothing but the view and its key (``feed_view``, held by a test).
_PLANS: dict[str, _RulesCache] = {}
_MAX_PLANS = 20_000  # kinds of guest kept per view; past that, the view starts again


def _plans_of(actor: Actor) -> _RulesCache:
    view = feed_view(actor)
    plans = _PLANS.get(view)
    if plans is None or len(plans) > _MAX_PLANS:
        if len(_PLANS) > _MAX_PLANS:
            _PLANS.clear()
        plans = _PLANS[view] = {}
    return plans


def renderer(actor: Actor) -> Renderer:
    """The function that cuts a change-log row to ``actor``'s view (None: not sent)."""
    rules = _plans_of(actor)
    # Incidents and their events hide only amounts and promises: a role that may see
    # them gets the stored text as it is, with no decoding (a feed sends each change
    # to every subscriber, a thousand a worker).
    sees_amounts = allowed(actor, Action.INCIDENT_VIEW_AMOUNTS)

    def render(row: ChangeRow) -> ChangeRow | None:
        if row.type in ("table", "attachment"):  # an attachment's bytes are guarded apart
            return row
        if sees_amounts and row.type in ("incident", "incident_event"):
            return row
        if row.type == "incident_event" and "compensation_" not in row.data:
            return row  # no promise or delivery in it: nothing to hide
        data = fast_json.loads(row.data)
        if row.type == "guest":
            data = guest_data_for(actor, data, rules)
        elif row.type == "staff":
            data["pin_hash"] = ""  # verifiers go to the staff's own devices only
        elif row.type == "incident":
            data = incident_for(actor, data)
        elif row.type == "incident_event":
            data = event_for(actor, data)
        return row._replace(data=fast_json.dumps(data))

    return render


def page_json(
    actor: Actor,
    rows: list[ChangeRow],
    after: int,
    end_of_stream: bool,
    render: Renderer,
    property_id: int = DEFAULT_PROPERTY,
) -> bytes:
    """A page of ``rows`` as ``actor`` may see them; the cursor moves past every row
    read, sent or not."""
    next_seq = rows[-1].seq if rows else after
    shown = (render(row) for row in rows)
    items = ",".join(item_json(row) for row in shown if row is not None)
    end = "true" if end_of_stream else "false"
    cursor = encode_cursor(actor, next_seq, property_id)
    return f'{{"items":[{items}],"next_cursor":"{cursor}","end_of_stream":{end}}}'.encode()

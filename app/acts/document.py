"""The act on the page: sections laid out from ``act.json`` (``app.acts.content``).

``layout_act(content)`` is a pure function of the content: the same content gives
the same pages. ``render_act`` draws them with reportlab (``app.acts.pdf``). The
signature fields' places come back with the layout, so the signer creates every
field where the page has its frame.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.acts.content import ActContent
from app.acts.fonts import FontSet, load_fonts
from app.acts.layout import (
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Flow,
    InkOp,
    LineOp,
    Op,
    PageLayout,
    QrOp,
    RectOp,
    TextOp,
)
from app.acts.model import ActKind, GuestSignatureStatus
from app.acts.report_sections import report_sections, sign_off_sections
from app.acts.strokes import DrawnSignature, fit_segments
from app.display import level_label

STAFF_FIELD = "StaffApproval"  # approval by the signing staff member (certifies the act)
SEAL_FIELD = "PropertySeal"  # the property's seal, an approval signature after it
SIGNATURE_FIELDS = (STAFF_FIELD, SEAL_FIELD)
QR_SIZE = 92.0
STAMP_MARK_WIDTH = 50.0  # left part of a signature frame: the seal mark
QR_MASK = 2  # any of the eight QR mask patterns decodes; this one is fixed
FIXED_IN_WRITING = "All conditions are fixed in writing before the case is closed."

_TITLES = {
    ActKind.INCIDENT_ACT: "Incident act",
    ActKind.POST_INCIDENT_REPORT: "Post-incident report",
    ActKind.REPORT_SIGN_OFF: "Post-incident report sign-off",
}
_EVENT_LABELS = {
    "opened": "Opened",
    "status_changed": "Status",
    "priority_changed": "Priority",
    "assigned": "Assigned",
    "escalated": "Escalated",
    "reacted": "Manager at the table",
    "decided": "Decision",
    "stabilised": "Stabilised",
    "note": "Note",
    "conflict_settled": "Changed on two tablets, settled",
}


@dataclass(frozen=True)
class RenderedAct:
    pdf: bytes  # unsigned
    layout: PageLayout
    content: ActContent


_KIND_LABELS = {
    "free_play": "Free play",
    "bonus_play": "Bonus play",
    "tournament_priority": "Tournament priority",
    "room_upgrade": "Room upgrade",
    "fnb_credit": "F&B credit",
    "transfer": "Transfer",
    "billing_correction": "Billing correction",
    "lounge_credit": "Lounge credit",
    "other": "Other",
}


def money(text: str) -> str:
    """``12000.50`` as ``12,000.50``; the digits are the content's, only grouped."""
    whole, _, cents = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-') or 0):,}"
    return f"{sign}{grouped}.{cents}" if cents else f"{sign}{grouped}"


def label(value: str | None) -> str:
    return (value or "").replace("_", " ").capitalize()


def act_numbers(plain: Mapping[str, Any]) -> tuple[str, str]:
    """(headline, note): the ticket-based number once the helpdesk gave one."""
    numbers = plain["act_number"]
    if numbers["final"]:
        return numbers["final"], f"provisional number {numbers['provisional']}"
    return numbers["provisional"], "provisional number; the helpdesk ticket number follows"


class _Clock:
    def __init__(self, zone_name: str) -> None:
        self.zone = ZoneInfo(zone_name)

    def show(self, iso_text: str | None, zone_name: bool = True) -> str:
        if not iso_text:
            return "—"
        moment = datetime.fromisoformat(iso_text.replace("Z", "+00:00")).astimezone(self.zone)
        return moment.strftime("%Y-%m-%d %H:%M %Z" if zone_name else "%Y-%m-%d %H:%M")


def layout_act(content: ActContent, fonts: FontSet | None = None) -> PageLayout:
    fonts = fonts or load_fonts()
    plain = content.plain
    kind = content.kind
    clock = _Clock(plain["timezone"])
    flow = Flow(fonts)
    _title_block(flow, plain, kind, content, clock)
    _incident_section(flow, plain, clock)
    _timeline_section(flow, plain["timeline"], clock)
    if kind is ActKind.INCIDENT_ACT:
        _decision_sections(flow, plain)
    elif kind is ActKind.REPORT_SIGN_OFF:
        sign_off_sections(flow, plain["sign_off"], clock)
    else:
        report_sections(flow, plain["report"], clock)
    _signature_section(flow, plain, kind, clock)
    headline, _note = act_numbers(plain)
    title = _TITLES[kind]

    def decorate(index: int, count: int) -> list[Op]:
        size = 8
        run = fonts.runs
        header_y = PAGE_HEIGHT - MARGIN - 10
        footer_y = MARGIN
        return [
            TextOp(MARGIN, header_y, size, tuple(run(plain["property"], True)), 0.35),
            TextOp(
                PAGE_WIDTH - MARGIN - fonts.text_width(f"{title} {headline}", size),
                header_y,
                size,
                tuple(run(f"{title} {headline}")),
                0.35,
            ),
            LineOp(MARGIN, header_y - 5, PAGE_WIDTH - MARGIN, header_y - 5, 0.4, 0.7),
            TextOp(MARGIN, footer_y, 7, tuple(run(f"Act id {content.act_id}")), 0.45),
            TextOp(
                PAGE_WIDTH - MARGIN - fonts.text_width(f"Page {index + 1} of {count}", 7),
                footer_y,
                7,
                tuple(run(f"Page {index + 1} of {count}")),
                0.45,
            ),
        ]

    return flow.finish(decorate)


def _title_block(
    flow: Flow, plain: Mapping[str, Any], kind: ActKind, content: ActContent, clock: _Clock
) -> None:
    qr_x = flow.right - QR_SIZE
    text_right = qr_x - 12
    width = text_right - flow.left
    top = flow.y
    flow.text_lines(flow.wrap(_TITLES[kind], width, 18, True), flow.left, 18)
    headline, note = act_numbers(plain)
    flow.text_lines(flow.wrap(f"No. {headline}", width, 13, True), flow.left, 13)
    flow.text_lines(flow.wrap(note, width, 8.5), flow.left, 8.5, gray=0.35)
    flow.space(4)
    recorded = f"Recorded {clock.show(plain['created_at'])} on {plain['device_id']}"
    flow.text_lines(flow.wrap(plain["property"], width, 10, True), flow.left, 10)
    flow.text_lines(flow.wrap(recorded, width, 9), flow.left, 9, gray=0.25)
    qr_bottom = top - QR_SIZE
    flow.ops.append(QrOp(qr_x, qr_bottom, QR_SIZE, _qr_rows(content.qr_payload)))
    sha = content.sha256
    for i, line in enumerate(("Content SHA-256", sha[:16], sha[16:32], sha[32:48], sha[48:])):
        size = 6.5
        flow.ops.append(
            TextOp(qr_x, qr_bottom - 9 - i * 8, size, tuple(flow.fonts.runs(line, i == 0)), 0.3)
        )
    flow.y = min(flow.y, qr_bottom - 46)


def _incident_section(flow: Flow, plain: Mapping[str, Any], clock: _Clock) -> None:
    incident = plain["incident"]
    flow.heading("Incident")
    ticket = incident["number"] or f"{incident['provisional_number']} (provisional)"
    where = " · ".join(
        x for x in (incident["table_id"], incident["game"], incident["machine"]) if x
    )
    amount = ""
    if incident["amount"] is not None:
        amount = f"{incident['currency']} {money(incident['amount'])}"
        if incident["transaction_ref"]:
            amount += f" (transaction {incident['transaction_ref']})"
    rows = [
        ("Ticket", ticket),
        ("Opened", clock.show(incident["opened_at"])),
        ("Priority / category", f"{incident['priority']} · {label(incident['category'])}"),
        ("Channel", label(incident["channel"])),
        ("Location", incident["location"]),
        ("Table / game / machine", where),
        ("Amount", amount),
        ("Summary", incident["summary"]),
        ("Desired outcome", incident["desired_outcome"]),
        ("Status when signed", label(incident["status"])),
    ]
    flow.fields_table([(k, v) for k, v in rows if v or k in ("Ticket", "Summary")])
    guest = plain["guest"]
    flow.heading("Guest")
    if guest is None:
        flow.paragraph("No guest on this incident.", gray=0.3)
        return
    name = guest["name"] + ("  (quiet visit: alias shown)" if guest["alias"] else "")
    flow.fields_table([("Name", name), ("Tier", guest["tier"]), ("Loyalty card", guest["card"])])


def _timeline_section(flow: Flow, timeline: Sequence[Mapping[str, str]], clock: _Clock) -> None:
    flow.heading("Timeline")
    flow.paragraph(f"Times in {clock.zone.key}.", size=8, gray=0.35)
    rows = []
    for event in timeline:
        what = _EVENT_LABELS.get(event["kind"], label(event["kind"]))
        change = _change(event["kind"], event["from"], event["to"])
        detail = " — ".join(x for x in (change, event["detail"]) if x)
        rows.append([clock.show(event["at"], zone_name=False), what, event["by"], detail])
    widths = [94.0, 86.0, 118.0]
    widths.append(flow.right - flow.left - sum(widths))
    flow.table(widths, ["Time", "Event", "By", "Detail"], rows or [["—", "", "", ""]])


def _change(kind: str, before: str, after: str) -> str:
    if not before and not after:
        return ""
    if kind == "escalated":
        return f"{level_label(before or 1)} → {level_label(after)}"
    if kind == "status_changed":
        return f"{label(before)} → {label(after)}"
    return f"{before} → {after}"


def _decision_sections(flow: Flow, plain: Mapping[str, Any]) -> None:
    if plain["statement"]:
        flow.heading("Statement of facts")
        flow.paragraph(plain["statement"])
    flow.heading("Decision")
    flow.paragraph(plain["decision"])
    flow.heading("Compensation promised")
    promises = plain["compensation"]
    if not promises:
        flow.paragraph("No compensation promised.", gray=0.3)
        return
    rows = []
    for promise in promises:
        value = f"{promise['currency']} {money(promise['value'])}" if promise["value"] else ""
        what = promise["description"] + (
            f" (agreed by {promise['agreed_by']})" if promise["agreed_by"] else ""
        )
        rows.append(
            [
                _KIND_LABELS.get(promise["kind"], label(promise["kind"])),
                what,
                promise["conditions"],
                value,
            ]
        )
    widths = [92.0, 150.0, 0.0, 70.0]
    widths[2] = flow.right - flow.left - sum(widths)
    flow.table(widths, ["Kind", "What", "Conditions", "Value"], rows)
    flow.paragraph(FIXED_IN_WRITING, size=9, bold=True)


def _signature_section(flow: Flow, plain: Mapping[str, Any], kind: ActKind, clock: _Clock) -> None:
    ink_h, stamp_h, caption = 74.0, 58.0, 26.0
    height = ink_h + caption + 14 + stamp_h + 18
    flow.heading("Signatures", keep_with_next=height)  # never a title alone above them
    page, top = flow.block(height)
    gap = 14.0
    col = (flow.right - flow.left - gap) / 2
    left_x, right_x = flow.left, flow.left + col + gap
    staff = plain["staff"]
    signatures = plain["signatures"]
    ops = flow.pages[page]
    ink_y = top - caption - ink_h
    _caption(
        flow,
        ops,
        left_x,
        top - 10,
        f"Staff: {staff['name']}",
        f"{label(staff['role'])}, {staff['id']}",
    )
    _ink_box(ops, left_x, ink_y, col, ink_h, DrawnSignature.from_plain(signatures["staff"]))
    if kind is ActKind.INCIDENT_ACT:
        guest = signatures["guest"]
        guest_name = plain["guest"]["name"] if plain["guest"] else "—"
        status = GuestSignatureStatus(guest["status"])
        _caption(flow, ops, right_x, top - 10, f"Guest: {guest_name}", _guest_status_text(status))
        drawing = DrawnSignature.from_plain(guest["drawing"]) if guest["drawing"] else None
        _ink_box(ops, right_x, ink_y, col, ink_h, drawing)
        if status is not GuestSignatureStatus.SIGNED:
            message = (
                "Guest declined to sign"
                if status is GuestSignatureStatus.DECLINED
                else "Guest not present"
            )
            size = 13
            width = flow.fonts.text_width(message, size, True)
            ops.append(
                TextOp(
                    right_x + (col - width) / 2,
                    ink_y + ink_h / 2 - 2,
                    size,
                    tuple(flow.fonts.runs(message, True)),
                    0.2,
                )
            )
            if guest["note"]:
                lines = flow.wrap(f"“{guest['note']}”", col - 16, 8)
                for i, runs in enumerate(lines[:2]):
                    ops.append(TextOp(right_x + 8, ink_y + 16 - i * 10, 8, tuple(runs), 0.3))
    stamp_top = ink_y - 14
    stamp_y = stamp_top - stamp_h
    signed = f"Signed {clock.show(plain['created_at'])} (device clock)"
    key = f"Key: {plain.get('signer_key') or '—'}"
    tail = f"PAdES baseline signature · act {plain['act_id'][:8]}"
    for x, name, caption_text, title in (
        (left_x, STAFF_FIELD, "Digital signature: staff approval", f"Approved by {staff['name']}"),
        (right_x, SEAL_FIELD, "Digital signature: property seal", f"Sealed by {plain['property']}"),
    ):
        ops.append(TextOp(x, stamp_top + 3, 7, tuple(flow.fonts.runs(caption_text)), 0.4))
        ops.append(RectOp(x, stamp_y, col, stamp_h, stroke_gray=0.75, width=0.4))
        # The stamp's words are page content (embedded fonts, covered by the hash);
        # the signature widget over the frame draws the seal mark (app.acts.stamp).
        text_x = x + STAMP_MARK_WIDTH
        width = col - STAMP_MARK_WIDTH - 6
        stamp_lines = ((title, 8.8), (signed, 6.8), (key, 6.8), (tail, 6.8))
        for i, (line, font_size) in enumerate(stamp_lines):
            runs = flow.wrap(line, width, font_size, bold=i == 0)[0]
            y = stamp_top - 14 - i * 10.5 - (2 if i else 0)
            ops.append(TextOp(text_x, y, font_size, tuple(runs), 0.12 if i == 0 else 0.3))
        flow.add_field(name, page, (x, stamp_y, x + col, stamp_top))


def _guest_status_text(status: GuestSignatureStatus) -> str:
    return {
        GuestSignatureStatus.SIGNED: "signed on the tablet",
        GuestSignatureStatus.DECLINED: "declined to sign",
        GuestSignatureStatus.NOT_PRESENT: "not present",
    }[status]


def _caption(flow: Flow, ops: list[Op], x: float, y: float, title: str, sub: str) -> None:
    ops.append(TextOp(x, y, 9.5, tuple(flow.fonts.runs(title, True))))
    ops.append(TextOp(x, y - 11, 8, tuple(flow.fonts.runs(sub)), 0.35))


def _ink_box(
    ops: list[Op], x: float, y: float, w: float, h: float, drawing: DrawnSignature | None
) -> None:
    ops.append(RectOp(x, y, w, h, stroke_gray=0.55, fill_gray=0.97, width=0.6))
    ops.append(LineOp(x + 10, y + 14, x + w - 10, y + 14, 0.4, 0.75))
    if drawing is not None and not drawing.is_empty:
        ops.append(InkOp(tuple(fit_segments(drawing, (x + 4, y + 4, w - 8, h - 8)))))


def _qr_rows(payload: str) -> tuple[str, ...]:
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    # A fixed mask instead of trying all eight (``make``): every mask is valid and
    # decodes the same; the search is three quarters of the render time of a QR code.
    code.version = code.calculate_version()
    code.makeImpl(False, QR_MASK)
    count = code.getModuleCount()
    return tuple(
        "".join("1" if code.isDark(row, col) else "0" for col in range(count))
        for row in range(count)
    )


def render_act(content: ActContent) -> RenderedAct:
    """Lay the act out and draw it as an unsigned PDF."""
    from app.acts.pdf import draw_pdf

    layout = layout_act(content)
    headline, _note = act_numbers(content.plain)
    pdf = draw_pdf(
        layout,
        title=f"{_TITLES[content.kind]} {headline}",
        author=str(content.plain["property"]),
        subject=f"{content.plain['incident']['provisional_number']}",
        keywords=f"act:{content.act_id} sha256:{content.sha256}",
    )
    return RenderedAct(pdf, layout, content)

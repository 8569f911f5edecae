"""The act document: every font embedded, every script readable, content hash as documented."""

import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from app.acts.content import Header, canonical_json, incident_act_content
from app.acts.document import FIXED_IN_WRITING, STAFF_FIELD, layout_act, render_act
from app.acts.fonts import CJK, REGULAR, load_fonts
from app.acts.layout import QrOp, TextOp
from app.acts.model import GuestSignature, GuestSignatureStatus
from app.domain import Guest, Role, Staff, Tier
from app.domain.guest import QuietVisit
from tests.unit.acts_fixtures import (
    CJK_NAME,
    CYRILLIC_NAME,
    PIT_BOSS,
    T0,
    ActsEnv,
    act_draft,
    exported,
    incident,
    need_tool,
    open_env,
    pdftotext,
    run_tool,
)


@pytest.fixture
def acts_env(tmp_path: Path) -> Iterator[ActsEnv]:
    with open_env(tmp_path / "data") as env:
        yield env


STAFF = Staff(id="P001", name="Маркус Ли", role=Role.PIT_BOSS, pin_hash="x")


def header(final: str | None = None) -> Header:
    return Header(
        act_id="6f1c3f0e-7a5b-4c55-9a57-2d1a3f6e8b10",
        number_provisional="TAB-TEST01-0042-A1",
        number_final=final,
        property_name="Harbour Crown Casino",
        device_id="TAB-TEST01",
        created_at=T0 + timedelta(minutes=9),
        timezone="Australia/Sydney",
    )


def content(guest_name: str = CYRILLIC_NAME, final: str | None = None, **draft_changes: object):
    guest = Guest(id="g", card_number="9000001234", name=guest_name, tier=Tier.VVIP)
    return incident_act_content(
        header(final),
        incident(),
        guest,
        STAFF,
        {"P001": "Маркус Ли (P001)"},
        act_draft(**draft_changes),
    )


def all_text(pages) -> str:
    return "\n".join(
        "".join(text for _font, text in op.runs)
        for ops in pages
        for op in ops
        if isinstance(op, TextOp)
    )


def test_the_content_hash_is_the_sha256_of_the_canonical_json() -> None:
    act = content()
    expected = json.dumps(act.plain, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert act.canonical == expected.encode("utf-8") == canonical_json(act.plain)
    assert act.sha256 == hashlib.sha256(act.canonical).hexdigest()
    assert act.qr_payload == f"vip-act:{act.act_id}?sha256={act.sha256}"
    # The drawn signatures are content: another stroke is another hash.
    other = content(staff_signature=act_draft().guest.drawing)
    assert other.sha256 != act.sha256


def test_rendering_is_a_pure_function_of_the_content() -> None:
    act = content()
    assert render_act(act).pdf == render_act(act).pdf


def test_layout_shows_numbers_qr_and_the_written_conditions() -> None:
    provisional = layout_act(content())
    text = all_text(provisional.pages)
    assert "TAB-TEST01-0042-A1" in text and "helpdesk ticket number follows" in text
    assert FIXED_IN_WRITING in text
    assert any(isinstance(op, QrOp) for op in provisional.pages[0])
    final = all_text(layout_act(content(final="VIP-20512-A1")).pages)
    assert "VIP-20512-A1" in final and "provisional number TAB-TEST01-0042-A1" in final


def test_cjk_goes_to_the_fallback_font_and_cyrillic_stays_in_dejavu() -> None:
    pages = layout_act(content(guest_name=f"{CYRILLIC_NAME} {CJK_NAME}")).pages
    runs = [run for ops in pages for op in ops if isinstance(op, TextOp) for run in op.runs]
    assert (CJK, CJK_NAME) in runs
    assert any(font == REGULAR and CYRILLIC_NAME in text for font, text in runs)


def test_declined_and_absent_guests_are_shown_as_such() -> None:
    declined = content(
        guest=GuestSignature(GuestSignatureStatus.DECLINED, note="Will call a lawyer")
    )
    text = all_text(layout_act(declined).pages)
    assert "Guest declined to sign" in text and "Will call a lawyer" in text
    absent = content(guest=GuestSignature(GuestSignatureStatus.NOT_PRESENT))
    assert "Guest not present" in all_text(layout_act(absent).pages)


def test_a_quiet_visit_guest_appears_under_the_alias() -> None:
    guest = Guest(
        id="g",
        card_number="9000001234",
        name="Real Name",
        tier=Tier.VVIP,
        quiet=QuietVisit(enabled=True, alias="Mr Lotus"),
    )
    act = incident_act_content(header(), incident(), guest, STAFF, {}, act_draft())
    assert act.plain["guest"]["name"] == "Mr Lotus"
    assert "Real Name" not in act.canonical.decode("utf-8")


def test_long_text_wraps_and_flows_onto_more_pages() -> None:
    long_note = " ".join(["Длинное предложение о происшествии у стола."] * 60)
    long_cjk = "荷官赔错了" * 120
    act = content(statement=f"{long_note}\n{long_cjk}")
    layout = layout_act(act)
    assert len(layout.pages) >= 2
    fonts = load_fonts()
    for ops in layout.pages:
        for op in ops:
            if isinstance(op, TextOp):
                assert op.x + fonts.width(list(op.runs), op.size) <= layout.width - 41


def test_pdf_embeds_every_font_and_reads_back_in_every_script(
    acts_env: ActsEnv, tmp_path: Path
) -> None:
    recorded = acts_env.service.record_act(PIT_BOSS, act_draft("i-2"))  # the CJK guest
    cyrillic = acts_env.service.record_act(PIT_BOSS, act_draft("i-1"))
    cjk_file = exported(recorded.pdf, tmp_path, "cjk.pdf")
    fonts = run_tool("pdffonts", str(cjk_file))
    assert fonts.returncode == 0
    rows = fonts.stdout.splitlines()[2:]
    assert rows, fonts.stdout
    assert all(row.split()[-5] == "yes" for row in rows), fonts.stdout  # the "emb" column
    assert CJK_NAME in pdftotext(cjk_file)
    assert CYRILLIC_NAME in pdftotext(exported(cyrillic.pdf, tmp_path, "cyrillic.pdf"))


def test_the_signed_pdf_carries_its_content(acts_env: ActsEnv, tmp_path: Path) -> None:
    recorded = acts_env.service.record_act(PIT_BOSS, act_draft())
    reader = PdfFileReader(io.BytesIO(recorded.pdf))
    names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    data = names[1].get_object()["/EF"]["/F"].get_object().data
    assert hashlib.sha256(data).hexdigest() == recorded.act.content_sha256
    text = pdftotext(exported(recorded.pdf, tmp_path))
    assert recorded.act.content_sha256 in text.replace("\n", "")


@pytest.mark.parametrize("first_page", [1])
def test_pages_rasterise(acts_env: ActsEnv, tmp_path: Path, first_page: int) -> None:
    need_tool("pdftoppm")
    recorded = acts_env.service.record_act(PIT_BOSS, act_draft())
    pdf = str(exported(recorded.pdf, tmp_path))
    result = run_tool("pdftoppm", "-r", "40", "-png", pdf, str(tmp_path / "page"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("page-*.png"))
    _ = replace  # keep the import for readers extending this test


def test_the_qr_code_carries_the_act_id_and_content_hash(acts_env: ActsEnv, tmp_path: Path) -> None:
    """Decoded by zbar (``apt-get install zbar-tools``); skipped where it is missing."""
    zbarimg = need_tool("zbarimg")
    recorded = acts_env.service.record_act(PIT_BOSS, act_draft())
    result = run_tool(
        "pdftoppm",
        "-r",
        "150",
        "-f",
        "1",
        "-l",
        "1",
        "-png",
        str(exported(recorded.pdf, tmp_path)),
        str(tmp_path / "p"),
    )
    assert result.returncode == 0
    (page,) = tmp_path.glob("p-*.png")
    decoded = run_tool(zbarimg, "-q", "--raw", str(page)).stdout.strip()
    assert decoded == f"vip-act:{recorded.act.id}?sha256={recorded.act.content_sha256}"


def test_the_timeline_writes_levels_as_the_escalation_table_does() -> None:
    from app.domain.incident import escalate

    escalated = escalate(incident(), 3, "P001", T0 + timedelta(minutes=6), "Director", 2)
    legacy = escalate(escalated, 4, "P001", T0 + timedelta(minutes=7), "Old row")
    guest = Guest(id="g", card_number="9000001234", name=CYRILLIC_NAME, tier=Tier.VVIP)
    names = {"P001": "Маркус Ли (P001)"}
    act = incident_act_content(header(), legacy, guest, STAFF, names, act_draft())
    text = all_text(layout_act(act).pages)
    assert "L2 → L3" in text
    assert "L3 → L4" in text  # from the manual level the event recorded
    assert "L0" not in text


def heading_page(layout, title: str) -> int:
    return next(
        index
        for index, ops in enumerate(layout.pages)
        for op in ops
        if isinstance(op, TextOp) and "".join(text for _font, text in op.runs) == title
    )


def test_the_signatures_title_stays_on_the_page_of_the_signatures() -> None:
    # Statements of every length move the signatures across the foot of page 1: the
    # title must never be left alone at the foot of one page above the next's boxes.
    for sentences in range(0, 180, 6):
        layout = layout_act(
            content(statement=" ".join(["The dealer misread the hand."] * sentences))
        )
        assert heading_page(layout, "Signatures") == layout.fields[STAFF_FIELD].page, sentences

"""The guest card renders the core's GuestCardView: banners first, hidden fields absent."""

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QLabel

from app.domain import ResponsibleGambling
from app.guest_card import build_card_view
from tests.ui.conftest import HOST, PIT_BOSS
from tests.ui.demo_objects import TODAY, demo_guests, demo_incidents
from ui.guest.card_widget import GuestCardWidget

GUESTS = demo_guests()
CHARLOTTE, DMITRI, WANG, YAMAMOTO, LIAM, NGOC = GUESTS


@pytest.fixture
def card(qtbot, themed_app):
    widget = GuestCardWidget()
    qtbot.addWidget(widget)
    widget.resize(620, 900)
    widget.show()
    return widget


def _banner(card: GuestCardWidget, name: str) -> QLabel | None:
    found = card.widget().findChild(QLabel, name)
    return found if found is not None and found.isVisibleTo(card) else None  # shown


def test_quiet_visit_banner_and_no_real_name_for_other_staff(card) -> None:
    card.show_card(build_card_view(PIT_BOSS, YAMAMOTO, today=TODAY), TODAY)
    banner = _banner(card, "quietBanner")
    assert banner is not None and banner.isVisible()
    assert banner.text().startswith("QUIET VISIT")
    assert "no public paging" in banner.text() and "host only" in banner.text()
    texts = " ".join(card.texts())
    assert "Mr. Lotus" in texts
    assert "山本" not in texts  # the real name is nowhere on the card
    # The banner comes first, before the name.
    body = card.widget()
    assert (
        banner.mapTo(body, banner.rect().topLeft()).y()
        < body.findChild(QLabel, "guestName").mapTo(body, banner.rect().topLeft()).y()
    )


def test_own_host_sees_the_real_name_next_to_the_alias(card) -> None:
    card.show_card(build_card_view(HOST, YAMAMOTO, today=TODAY), TODAY)
    texts = card.texts()
    assert "Mr. Lotus" in texts and "山本 武" in texts


def test_self_excluded_banner_blocks_incentives(card) -> None:
    card.show_card(build_card_view(HOST, LIAM, today=TODAY), TODAY)
    banner = _banner(card, "rgBanner")
    assert banner is not None and "SELF-EXCLUDED" in banner.text()
    assert "no play incentives" in banner.text()


def test_cooling_off_banner_says_until_when(card) -> None:
    card.show_card(build_card_view(HOST, NGOC, today=TODAY), TODAY)
    banner = _banner(card, "rgBanner")
    assert banner is not None and "COOLING-OFF until" in banner.text()
    assert str(NGOC.rg.cooling_off_until.year) in banner.text()


def test_no_banner_for_an_ordinary_guest(card) -> None:
    card.show_card(build_card_view(HOST, DMITRI, today=TODAY), TODAY)
    assert _banner(card, "quietBanner") is None and _banner(card, "rgBanner") is None


def test_host_sees_value_figures_and_history(card) -> None:
    view = build_card_view(HOST, CHARLOTTE, today=TODAY, incidents=tuple(demo_incidents(GUESTS)))
    card.show_card(view, TODAY)
    texts = card.texts()
    assert "Credit line" in texts and "AUD\u00a0500,000" in texts  # the locale's way
    assert "ADT" in texts and "Theo (this trip)" in texts
    assert "Krug Grande Cuvée, sparkling water, no ice" in texts
    assert "VIP-20431" in texts  # incident history
    assert "VIP-20431 (prov.)" not in texts and "TAB3-0001" not in texts  # the helpdesk's
    assert "VVIP" in texts


def test_a_ticket_without_the_helpdesks_number_is_marked_provisional(card) -> None:
    waiting = replace(demo_incidents(GUESTS)[0], number=None)
    card.show_card(build_card_view(HOST, CHARLOTTE, today=TODAY, incidents=(waiting,)), TODAY)
    assert "TAB3-0001 (prov.)" in card.texts()  # as the board and the incident say it


def test_hidden_fields_are_absent_never_none(card) -> None:
    card.show_card(build_card_view(PIT_BOSS, CHARLOTTE, today=TODAY), TODAY)
    texts = card.texts()
    assert "Credit line" not in texts and "AUD 500,000" not in texts
    assert "ADT" not in texts and "Phone" not in texts and "Travel risk profile" not in texts
    assert not any("None" in t for t in texts)
    assert "Table limit" in texts  # a pit boss does see the table limit


def test_cjk_name_is_rendered_with_a_cjk_capable_font(card) -> None:
    from PySide6.QtGui import QFontMetrics

    card.show_card(build_card_view(HOST, WANG, today=TODAY), TODAY)
    name = card.widget().findChild(QLabel, "guestName")
    assert name.text() == "王伟"
    metrics = QFontMetrics(name.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "王伟") or "Droid Sans Fallback" in (
        name.font().families()
    )


def test_help_resources_are_offered_first_on_a_self_excluded_card(qtbot) -> None:
    from PySide6.QtWidgets import QFrame

    from app.compliance.rg import HELP_RESOURCES

    widget = GuestCardWidget()
    qtbot.addWidget(widget)
    guest = replace(GUESTS[0], rg=ResponsibleGambling(self_excluded=True))
    widget.show_card(build_card_view(HOST, guest, today=TODAY), today=TODAY)
    texts = " ".join(widget.texts())
    assert all(r.name in texts for r in HELP_RESOURCES)
    assert "1800 858 858" in texts
    shown = widget.texts()  # right under the SELF-EXCLUDED banner, in reading order
    assert shown[0].startswith("SELF-EXCLUDED") and shown[1] == "Gambling help to offer"
    help_section = widget.widget().findChild(QFrame, "rgHelp")
    banner = widget.widget().findChild(QLabel, "rgBanner")
    assert help_section.y() > banner.y() and help_section.isVisibleTo(widget)


def test_help_resources_are_on_every_card(qtbot) -> None:
    widget = GuestCardWidget()
    qtbot.addWidget(widget)
    widget.show_card(build_card_view(HOST, GUESTS[0], today=TODAY), today=TODAY)
    assert "Gambling Help Online" in " ".join(widget.texts())


def test_a_swipe_shows_only_the_new_guest_nothing_of_the_one_before(card) -> None:
    """The card is filled again in place: every row, banner and section of a fuller card
    goes when a sparser guest follows, and comes back for them."""
    full = build_card_view(HOST, CHARLOTTE, today=TODAY, incidents=tuple(demo_incidents(GUESTS)))
    card.show_card(full, TODAY)
    first = card.texts()
    card.show_card(build_card_view(PIT_BOSS, LIAM, today=TODAY), TODAY)
    texts = card.texts()
    assert "Charlotte" not in " ".join(texts) and "VIP-20431" not in texts
    assert "Credit line" not in texts and "Krug Grande Cuvée, sparkling water, no ice" not in texts
    assert "No incidents on file." in texts and _banner(card, "rgBanner") is not None
    assert texts.index("Gambling help to offer") < texts.index(LIAM.display_name)  # on top
    card.show_card(full, TODAY)
    assert card.texts() == first and _banner(card, "rgBanner") is None
    assert card.verticalScrollBar().value() == 0


def test_a_screen_reader_reads_every_text_of_the_card_and_of_the_next_guest(card) -> None:
    """The rows are painted, not labels: their texts reach the accessibility tree (each
    section's rows as its description), and a swipe's refill replaces them there too."""
    from PySide6.QtGui import QAccessible

    from tests.ui.accessibility_tree import forget, walk

    def spoken() -> str:
        met: list = []
        said = [
            iface.text(kind)
            for iface in walk(card, met)
            for kind in (QAccessible.Text.Name, QAccessible.Text.Description)
        ]
        forget(met)
        return "\n".join(said)

    full = build_card_view(HOST, CHARLOTTE, today=TODAY, incidents=tuple(demo_incidents(GUESTS)))
    card.show_card(full, TODAY)
    said = spoken()
    assert "Credit line: AUD\u00a0500,000" in said and "Drinks: Krug Grande Cuvée" in said
    assert all(text in said for text in card.texts())
    card.show_card(build_card_view(PIT_BOSS, LIAM, today=TODAY), TODAY)
    said = spoken()
    assert all(text in said for text in card.texts())
    assert "Credit line" not in said and "Krug" not in said

"""The card's banners (quiet visit, self-exclusion, cooling-off: first thing on the card)
and the gambling help section. Their words are the card's (``GuestCardWidget``'s
translation context)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from app.compliance.rg import HELP_RESOURCES, VENUE_SELF_EXCLUSION
from app.guest_card import GuestCardView
from ui.guest.card_sections import CardSection, banner
from ui.locale_format import format_date


def help_section() -> CardSection:
    section = CardSection(
        QCoreApplication.translate("GuestCardWidget", "Gambling help to offer"), values=""
    )  # plain lines
    section.setObjectName("rgHelp")
    lines = []
    for resource in HELP_RESOURCES:
        # The address as said to a guest: a narrow card cannot break "https://www.…".
        url = resource.url.removeprefix("https://").removeprefix("www.")
        contact = " · ".join(part for part in (resource.phone, url) if part)
        name = resource.name  # the services' own names, as they are known
        if resource is VENUE_SELF_EXCLUSION:  # ours: in the console's language
            name = QCoreApplication.translate(
                "GuestCardWidget", "This venue's self-exclusion programme"
            )
        lines.append(("", f"{name}: {contact}" if contact else name))  # full width
    section.rows.set_rows(lines)  # not finish(): shown before its card, it is a window
    return section


class CardBanners:
    """The quiet-visit and the responsible-gambling banners, made once: each swipe sets
    their words and shows the ones its guest has (a hidden one is not on the card)."""

    def __init__(self) -> None:
        self.quiet = banner("", "banner-quiet", "quietBanner")
        self.rg = banner("", "banner-rg", "rgBanner")
        self.quiet.hide()
        self.rg.hide()

    def show_for(self, view: GuestCardView, today: date) -> int:
        """The banners of ``view``'s guest shown, the others hidden; how many are shown."""
        quiet, rg = banner_texts(view, today)
        for label, text in ((self.quiet, quiet), (self.rg, rg)):
            if text and text != label.text():
                label.setText(text)
            if label.isHidden() == bool(text):
                label.setVisible(bool(text))
        return bool(quiet) + bool(rg)


def banner_texts(view: GuestCardView, today: date) -> tuple[str, str]:
    """(the quiet visit's words, the self-exclusion's or cooling-off's); "": none."""
    g = view.guest
    quiet = rg = ""
    if view.quiet_visit:
        rules = []
        if not view.paging_allowed:
            rules.append(
                QCoreApplication.translate("GuestCardWidget", "no public paging or announcements")
            )
        if g.quiet.no_camera_press:
            rules.append(QCoreApplication.translate("GuestCardWidget", "no camera / press"))
        if g.quiet.host_only_contact:
            rules.append(
                QCoreApplication.translate("GuestCardWidget", "contact through the host only")
            )
        if g.quiet.private_corridors:
            rules.append(
                QCoreApplication.translate("GuestCardWidget", "private corridors and lifts")
            )
        quiet = QCoreApplication.translate("GuestCardWidget", "QUIET VISIT") + (
            " — " + "; ".join(rules) if rules else ""
        )
    if g.rg.self_excluded:
        rg = QCoreApplication.translate(
            "GuestCardWidget", "SELF-EXCLUDED — no play incentives (no free play, no bonus play)."
        )
    elif view.incentives_blocked and g.rg.cooling_off_until is not None:
        until = format_date(g.rg.cooling_off_until)
        rg = QCoreApplication.translate(
            "GuestCardWidget", "COOLING-OFF until {date} — no play incentives."
        ).format(date=until)
    return quiet, rg

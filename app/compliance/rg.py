"""Responsible gambling: the help resources staff offer from the guest card (SPEC §4).

Staff must offer help when they see risk patterns, and a self-excluded or
cooling-off guest is never offered play incentives (see
``GuestCardView.incentives_blocked``). The card shows ``help_resources()``;
``help_resources_text()`` is the same as plain text (to read out, print or
send through the host). Strings are English fallbacks; the UI translates the
descriptions and keeps names, numbers and addresses as they are.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HelpResource:
    name: str
    description: str
    phone: str = ""  # as dialled in Australia
    url: str = ""


GAMBLING_HELP_ONLINE = HelpResource(
    name="Gambling Help Online",
    description=(
        "Free, confidential counselling and support, 24 hours a day, 7 days a week, "
        "for anyone affected by gambling, including family and friends."
    ),
    phone="1800 858 858",
    url="https://www.gamblinghelponline.org.au",
)

BETSTOP = HelpResource(
    name="BetStop – the National Self-Exclusion Register",
    description=(
        "Free national register to exclude yourself from all licensed Australian "
        "online and phone wagering services."
    ),
    url="https://www.betstop.gov.au",
)

VENUE_SELF_EXCLUSION = HelpResource(
    name="This venue's self-exclusion programme",
    description=(
        "Ask the host or the responsible gambling team to set time or spending limits, "
        "a cooling-off break or self-exclusion from this venue."
    ),
)

HELP_RESOURCES: tuple[HelpResource, ...] = (GAMBLING_HELP_ONLINE, BETSTOP, VENUE_SELF_EXCLUSION)


def help_resources() -> tuple[HelpResource, ...]:
    """The resources to offer, most direct first."""
    return HELP_RESOURCES


def help_resources_text() -> str:
    """The resources as plain text, one paragraph each."""
    paragraphs = []
    for resource in HELP_RESOURCES:
        contact = " · ".join(part for part in (resource.phone, resource.url) if part)
        heading = f"{resource.name} — {contact}" if contact else resource.name
        paragraphs.append(f"{heading}\n{resource.description}")
    return "\n\n".join(paragraphs)

"""The guest, their preference card, quiet-visit and responsible-gambling flags."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from app.domain.enums import Channel, Tier


class ItineraryDisclosure(StrEnum):
    """Who may see a quiet-visit guest's itinerary and dates (SPEC §3)."""

    ANY_STAFF = "any_staff"  # no restriction beyond role permissions
    HOST_ONLY = "host_only"  # only the guest's host (or a covering host)
    NOBODY = "nobody"  # not shown on devices at all


@dataclass(frozen=True, slots=True)
class QuietVisit:
    enabled: bool = False
    host_only_contact: bool = True
    no_public_paging: bool = True
    no_camera_press: bool = False
    private_corridors: bool = False
    itinerary_disclosure: ItineraryDisclosure = ItineraryDisclosure.HOST_ONLY
    alias: str | None = None  # the name shown instead of the real one, when set


@dataclass(frozen=True, slots=True)
class PersonalLimits:
    """Limits the guest set for themselves (responsible gambling)."""

    time_per_day_minutes: int | None = None
    bankroll_per_visit: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ResponsibleGambling:
    self_excluded: bool = False
    cooling_off_until: date | None = None
    limits: PersonalLimits = field(default_factory=PersonalLimits)

    def is_cooling_off(self, today: date) -> bool:
        return self.cooling_off_until is not None and today <= self.cooling_off_until

    def incentives_blocked(self, today: date) -> bool:
        """A self-excluded or cooling-off guest is never offered play incentives."""
        return self.self_excluded or self.is_cooling_off(today)


@dataclass(frozen=True, slots=True)
class TravelRiskProfile:
    documents: tuple[str, ...] = ()
    visas: tuple[str, ...] = ()
    insurance: str = ""
    cash_limit: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PreferenceCard:
    drinks: tuple[str, ...] = ()
    meals: tuple[str, ...] = ()
    rooms: tuple[str, ...] = ()
    tables_games: tuple[str, ...] = ()
    communication: tuple[str, ...] = ()
    transfers: tuple[str, ...] = ()
    travel: TravelRiskProfile = field(default_factory=TravelRiskProfile)


@dataclass(frozen=True, slots=True)
class ItineraryItem:
    """A flight, transfer or stay: disclosure-limited for quiet visits."""

    starts_at: datetime
    kind: str  # "flight", "transfer", "stay", ...
    detail: str


@dataclass(frozen=True, slots=True)
class Guest:
    id: str  # client-generated UUID
    card_number: str  # loyalty card number, digits only
    name: str  # in any script
    tier: Tier
    host_id: str | None = None
    phone: str = ""  # E.164, e.g. "+61412345678"
    languages: tuple[str, ...] = ()
    currency: str = "AUD"
    preferred_channels: tuple[Channel, ...] = ()
    code_word_hash: str | None = None  # salted hash only; the word is never stored
    credit_line: Decimal | None = None
    table_limit: Decimal | None = None  # max bet agreed with the guest
    adt: Decimal | None = None  # average daily theoretical
    theo: Decimal | None = None  # theoretical win, this trip
    sof_sow_status: str = "not_checked"  # source of funds / wealth check
    room: str = ""  # current hotel room, when staying
    preferences: PreferenceCard = field(default_factory=PreferenceCard)
    quiet: QuietVisit = field(default_factory=QuietVisit)
    rg: ResponsibleGambling = field(default_factory=ResponsibleGambling)
    itinerary: tuple[ItineraryItem, ...] = ()

    @property
    def display_name(self) -> str:
        """The name staff see: the alias for a quiet-visit guest who has one."""
        if self.quiet.enabled and self.quiet.alias:
            return self.quiet.alias
        return self.name

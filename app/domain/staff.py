"""Staff members and the tables they cover."""

from dataclasses import dataclass, field

from app.domain.enums import Role


@dataclass(frozen=True, slots=True)
class Staff:
    id: str  # staff id typed at sign-in, e.g. "H001"
    name: str
    role: Role
    pin_hash: str  # salted hash, see app.security.secrets
    device_id: str | None = None
    pits: tuple[str, ...] = ()  # pits a pit boss covers
    tables: tuple[str, ...] = ()  # tables assigned to this staff's tablet
    covering_for: tuple[str, ...] = ()  # host ids this host covers for
    active: bool = True


@dataclass(frozen=True, slots=True)
class GamingTable:
    id: str  # e.g. "BJ-07"
    pit: str  # e.g. "Pit 2"
    game: str  # e.g. "Blackjack"
    min_bet: int = 0
    max_bet: int = 0
    extra: dict[str, str] = field(default_factory=dict)

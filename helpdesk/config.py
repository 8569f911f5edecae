"""The service's settings, declared once with their defaults."""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

MIB = 1024 * 1024
FEED_WINDOW_SECONDS = 0.2
DEMO_ENROLMENT_CODE = "demo-enrolment"
ENROLMENT_CODE_TTL = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str
    """SQLAlchemy URL: ``sqlite:///path/helpdesk.db`` or ``postgresql+psycopg://…``."""

    demo_enrolment_code: str | None = None
    """A demo helpdesk's published code, good for any device id not live. None on a
    real helpdesk: every tablet enrols with the code IT issued for its id."""

    enrolment_code_ttl: timedelta = ENROLMENT_CODE_TTL
    """How long a code from ``vip-console helpdesk device add`` stays good (used once)."""

    heartbeat_seconds: float = 15.0
    """Interval of the ``: ping`` comments on ``GET /v1/feed``."""

    feed_window_seconds: float = FEED_WINDOW_SECONDS
    """The live feed wakes its streams at most once per window, with every commit the
    window gathered (helpdesk/feed.py): what a change may wait, at most."""

    idempotency_retention: timedelta = timedelta(days=7)
    """How long a stored answer to an ``Idempotency-Key`` is replayed (at least 7 days)."""

    max_body_bytes: int = 1 * MIB
    max_batch_bytes: int = 4 * MIB
    """``POST /v1/batch``: up to 100 writes, each within ``max_body_bytes``."""

    max_attachment_bytes: int = 20 * MIB

    ticket_first_number: int = 20001
    ticket_prefix: str = "VIP-"
    """The default property's; another property's numbers carry its own (``property add``)."""

    property_code: str = "MAIN"
    property_name: str = "Main property"
    property_timezone: str = "UTC"
    """The default property (id 1): where a helpdesk made before properties keeps its
    records, and the demo's (helpdesk/properties.py)."""

    staff_session_ttl: timedelta = timedelta(hours=2)
    """How long a staff token lives; a console still signed in exchanges its session's
    assertion for another (``POST /v1/staff/sessions/assertion``)."""

    assertion_max_age: timedelta = timedelta(hours=14)
    """The oldest sign-in a device may vouch for: a shift, and the link down for hours."""

    require_totp: bool = False
    """The property's policy: a PIN and an authenticator code (``StaffTotp``)."""

    feed_batch: int = 500
    """Rows read from the change log per round trip of a feed stream."""

    allow_short_retention: bool = False
    """Tests only: lets a test purge keys without waiting a week."""

    blob_key: bytes | None = None
    """32 bytes sealing every attachment at rest (helpdesk/sealing.py); ``serve`` always
    sets one. None (tests building settings directly): stored as sent."""

    metrics_token: str | None = None
    """The bearer token ``GET /metrics`` asks for (``VIP_HELPDESK_METRICS_TOKEN``);
    None: the metrics are off."""

    access_log: bool = False
    """One structured ``helpdesk.access`` line per request (``serve --log-format json``);
    off when uvicorn's text access log runs, or embedded in a console."""

    updates_dir: Path | None = None
    """The TUF repository of console updates served read-only under ``/updates``
    (``metadata/``, ``targets/``: helpdesk/update_repo.py); None: no updates served."""

    def default_property(self) -> dict[str, str]:
        return {
            "code": self.property_code,
            "name": self.property_name,
            "timezone": self.property_timezone,
        }

    def __post_init__(self) -> None:
        if self.idempotency_retention < timedelta(days=7) and not self.allow_short_retention:
            raise ValueError("the contract keeps idempotency keys for at least 7 days")
        if self.heartbeat_seconds <= 0:
            raise ValueError("heartbeat_seconds must be positive")
        if not 0 <= self.feed_window_seconds <= 5:
            raise ValueError("feed_window_seconds: 0 to 5")
        if self.demo_enrolment_code == "":
            raise ValueError("a demo enrolment code cannot be empty")
        if self.enrolment_code_ttl <= timedelta(0):
            raise ValueError("enrolment_code_ttl must be positive")
        if self.blob_key is not None and len(self.blob_key) != 32:
            raise ValueError("blob_key is 32 bytes")

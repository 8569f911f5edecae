"""What IT hands a tablet to provision it: its device id and enrolment code, as a URI.

``vip-enrol:TAB-0042?code=K7QM4XPA9RTE2WDN`` (``&helpdesk=<url>`` when IT named it) is
what the QR code of ``vip-console helpdesk device add`` holds. The provisioning screen
takes it from a scanner (which types it like a keyboard) or a paste, as well as the
id and the code typed apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlencode

SCHEME = "vip-enrol:"


@dataclass(frozen=True, slots=True)
class EnrolmentTicket:
    device_id: str
    code: str
    helpdesk_url: str = ""


def enrolment_uri(device_id: str, code: str, helpdesk_url: str = "") -> str:
    query = {"code": code, **({"helpdesk": helpdesk_url} if helpdesk_url else {})}
    return f"{SCHEME}{quote(device_id, safe='')}?{urlencode(query)}"


def parse_enrolment_uri(text: str) -> EnrolmentTicket | None:
    """The ticket in ``text``, or None when it is not a ``vip-enrol:`` URI."""
    text = text.strip()
    if not text.lower().startswith(SCHEME):
        return None
    device, _, query = text[len(SCHEME) :].partition("?")
    values = parse_qs(query)
    code = values.get("code", [""])[0]
    if not device or not code:
        return None
    return EnrolmentTicket(unquote(device), code, values.get("helpdesk", [""])[0])

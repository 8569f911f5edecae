"""Transport security for the helpdesk link (SPEC §10: documents only through secure channels).

The sync engine builds its one ``httpx.AsyncClient`` with
``verify=client_verify_for(url)``:

* ``https://`` to any host -> an ``ssl.SSLContext`` that verifies the
  certificate chain and the host name (TLS 1.2 at least), from the system's
  trust store or from ``ca_file`` (a property's private CA).
* ``verify=False`` (e.g. a self-signed test server) is allowed **only** for a
  loopback host; for any other host it raises ``InsecureTransport``.
* ``http://`` is allowed only to a loopback host: ``127.0.0.0/8``, ``::1``
  (also as ``::ffff:127.x.y.z``) and ``localhost``. Names are not resolved:
  ``127.0.0.1.nip.io`` or ``localhost.example.com`` are *not* loopback, and
  ``0.0.0.0``, ``127.1`` or ``2130706433`` are refused too.

``check_helpdesk_url(url)`` validates a configured helpdesk URL (settings,
enrolment) and raises ``InsecureTransport`` with a clear message for plain
http to another host, another scheme, a missing host, or user:password
written into the URL (it would end up in logs).

Redirects: the client must not follow redirects (httpx's default), or must run
``check_helpdesk_url`` on each ``Location`` it follows.
"""

import ipaddress
import os
import ssl
from urllib.parse import SplitResult, urlsplit

LOOPBACK_NAMES = frozenset({"localhost"})


class InsecureTransport(ValueError):
    """A helpdesk URL or TLS setting that would send data unprotected or unverified."""


def is_loopback_host(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 (incl. IPv4-mapped loopback) and ``localhost``."""
    name = host.strip("[]").rstrip(".").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def check_helpdesk_url(url: str) -> SplitResult:
    """The parsed URL when it may be used for the helpdesk; else ``InsecureTransport``."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018 - a bad port raises ValueError here
    except ValueError as error:
        raise InsecureTransport(f"The helpdesk address is not a valid URL: {error}.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise InsecureTransport(
            "The helpdesk address must start with https:// (http:// only for this computer)."
        )
    if not host:
        raise InsecureTransport("The helpdesk address has no host name.")
    if parts.username is not None or parts.password is not None:
        raise InsecureTransport(
            "The helpdesk address must not contain a user name or password; "
            "the console enrols with its device certificate instead."
        )
    if scheme == "http" and not is_loopback_host(host):
        raise InsecureTransport(
            f"Refusing plain http:// to {host}: the helpdesk link carries guest data and "
            "must use https://. Plain http is allowed only to this computer (localhost)."
        )
    return parts


def client_verify_for(
    url: str, *, ca_file: str | os.PathLike[str] | None = None, verify: bool = True
) -> bool | ssl.SSLContext:
    """The ``verify=`` argument for an httpx client talking to ``url``.

    Always a verifying ``SSLContext``, except ``False`` when ``verify=False`` is
    asked for a loopback host. ``verify=False`` for any other host raises
    ``InsecureTransport``; so does an unacceptable URL (``check_helpdesk_url``).
    """
    parts = check_helpdesk_url(url)
    host = parts.hostname or ""
    if not verify:
        if not is_loopback_host(host):
            raise InsecureTransport(
                f"Refusing to turn off certificate checks for {host}: they may be turned "
                "off only for a test server on this computer."
            )
        return False
    return verifying_context(ca_file)


def verifying_context(ca_file: str | os.PathLike[str] | None = None) -> ssl.SSLContext:
    """Certificate chain and host name checked, TLS 1.2 or later."""
    context = ssl.create_default_context(cafile=ca_file)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    return context

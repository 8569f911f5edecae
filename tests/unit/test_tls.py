"""The helpdesk link: https verified for every host, plain http and no-verify only on loopback."""

import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import IPv4Address
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.security.tls import (
    InsecureTransport,
    check_helpdesk_url,
    client_verify_for,
    is_loopback_host,
)


@pytest.mark.parametrize(
    "host",
    ["localhost", "LOCALHOST", "localhost.", "127.0.0.1", "127.8.9.10", "::1", "[::1]"]
    + ["::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"],
)
def test_loopback_hosts(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize(
    "host",
    ["helpdesk.example.com", "10.0.0.5", "192.168.1.20", "0.0.0.0", "::", "127.1"]
    + ["2130706433", "127.0.0.1.nip.io", "localhost.example.com", "mylocalhost", "::ffff:10.0.0.1"],
)
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback_host(host)


@pytest.mark.parametrize(
    "url",
    [
        "https://helpdesk.example.com",
        "https://helpdesk.example.com:8443/v1/",
        "HTTPS://10.0.0.5",
        "http://127.0.0.1:8765",
        "http://localhost:8000/v1",
        "http://[::1]:8000",
    ],
)
def test_acceptable_helpdesk_urls(url: str) -> None:
    assert check_helpdesk_url(url).hostname


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://helpdesk.example.com", "Refusing plain http:// to helpdesk.example.com"),
        ("http://10.0.0.5:8000", "must use https://"),
        ("http://localhost@evil.example.com", "user name or password"),
        ("http://evil.example.com#@localhost", "Refusing plain http://"),
        ("http://127.0.0.1.nip.io", "Refusing plain http://"),
        ("https://user:secret@helpdesk.example.com", "user name or password"),
        ("ftp://helpdesk.example.com", "must start with https://"),
        ("helpdesk.example.com", "must start with https://"),
        ("https://", "no host name"),
        ("https://helpdesk.example.com:99999", "not a valid URL"),
    ],
)
def test_unacceptable_helpdesk_urls(url: str, message: str) -> None:
    with pytest.raises(InsecureTransport, match=message):
        check_helpdesk_url(url)


def test_a_password_in_the_url_is_never_echoed() -> None:
    with pytest.raises(InsecureTransport) as caught:
        check_helpdesk_url("https://device:hunter2@helpdesk.example.com")
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize(
    "url", ["https://helpdesk.example.com", "https://127.0.0.1:8443", "http://localhost:8000"]
)
def test_verification_is_on_by_default(url: str) -> None:
    context = client_verify_for(url)
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname
    assert context.minimum_version >= ssl.TLSVersion.TLSv1_2


@pytest.mark.parametrize(
    "url", ["https://helpdesk.example.com", "https://10.0.0.5:8443", "http://plain.example.com"]
)
def test_verify_false_is_refused_for_other_hosts(url: str) -> None:
    with pytest.raises(InsecureTransport):
        client_verify_for(url, verify=False)


def test_verify_false_is_allowed_on_loopback_only() -> None:
    assert client_verify_for("https://127.0.0.1:8443", verify=False) is False
    assert client_verify_for("https://localhost:8443", verify=False) is False


# -- a real TLS handshake on loopback ----------------------------------------------


def _self_signed_localhost(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test helpdesk")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(IPv4Address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class _Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.send_response(200)
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    cert_file, key_file = _self_signed_localhost(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"https://localhost:{server.server_address[1]}", cert_file
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_an_unknown_certificate_is_refused(tls_server: tuple[str, Path]) -> None:
    url, _ = tls_server
    with httpx.Client(verify=client_verify_for(url)) as client, pytest.raises(httpx.ConnectError):
        client.get(url)


def test_the_property_ca_is_trusted_when_given(tls_server: tuple[str, Path]) -> None:
    url, cert_file = tls_server
    with httpx.Client(verify=client_verify_for(url, ca_file=cert_file)) as client:
        assert client.get(url).text == "hello"


def test_no_verify_on_loopback_reaches_a_self_signed_test_server(
    tls_server: tuple[str, Path],
) -> None:
    url, _ = tls_server
    with httpx.Client(verify=client_verify_for(url, verify=False)) as client:
        assert client.get(url).text == "hello"


def test_the_sync_transport_refuses_plain_http_off_loopback() -> None:
    from app.sync.transport import HelpdeskTransport

    with pytest.raises(InsecureTransport):
        HelpdeskTransport("http://helpdesk.property.example:8765")
    HelpdeskTransport("http://127.0.0.1:8765")  # the embedded demo service


def test_a_request_after_the_engine_stopped_is_unreachable_not_a_crash() -> None:
    """A read still under way when the sync stops (a KPI strip's, at the last window's
    close) meets a closed client: httpx's RuntimeError would reach the screen as a bug."""
    import asyncio

    from app.sync.transport import HelpdeskTransport, Unreachable

    async def scenario() -> None:
        transport = HelpdeskTransport("http://127.0.0.1:9")  # nothing is ever sent
        await transport.aclose()
        with pytest.raises(Unreachable, match="sync stopped"):
            await transport.request("GET", "/kpis/strip")
        with pytest.raises(Unreachable, match="sync stopped"):
            async with transport.open_stream("/changes/live", headers={}, read_timeout_s=1):
                pass

    asyncio.run(scenario())

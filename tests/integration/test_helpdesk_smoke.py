import socket

import httpx

from tests.integration.conftest import HelpdeskService


def test_service_answers_with_server_time(helpdesk: HelpdeskService) -> None:
    reply = httpx.get(f"{helpdesk.url}/v1/changes", headers=helpdesk.headers())
    assert reply.status_code == 200
    assert reply.headers["X-Server-Time"].endswith("Z")


def test_the_listening_socket_sends_answers_without_delay(helpdesk: HelpdeskService) -> None:
    # TCP_NODELAY, inherited by accepted sockets: otherwise uvicorn's head and body,
    # written apart, wait ~40 ms each for a delayed ACK.
    sockets = [sock for server in helpdesk.server._server.servers for sock in server.sockets]
    assert sockets
    assert all(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) for sock in sockets)

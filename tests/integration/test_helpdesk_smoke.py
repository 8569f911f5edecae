import httpx

from tests.integration.conftest import HelpdeskService


def test_service_answers_with_server_time(helpdesk: HelpdeskService) -> None:
    reply = httpx.get(f"{helpdesk.url}/v1/changes", headers=helpdesk.headers())
    assert reply.status_code == 200
    assert reply.headers["X-Server-Time"].endswith("Z")

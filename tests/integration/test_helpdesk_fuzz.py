"""No body makes the helpdesk answer 5xx (issue 11, item 5).

Hypothesis sends each route's body to the real service on 127.0.0.1: a valid body with
one field made hostile (huge integers, NaN strings, lone surrogates, NUL, card numbers,
extreme dates, nested junk, wrong types), a field dropped or an unknown one added, or a
body of junk altogether. Every answer must be below 500, and a refusal must be the
contract's ``{"detail": …}`` without the card number it refused.

Deterministic and quick: derandomized, no example database, a few dozen examples per
route against one service per route.
"""

import copy
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.security.audit_chain import CheckpointSigner
from tests.integration.conftest import (
    HelpdeskService,
    enrol_body,
    event_body,
    incident_body,
    new_key,
)
from tests.integration.test_helpdesk_guests import walk_in

CARD = "4111111111111111"
EXAMPLES = 40

PROFILE = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same examples on every run, on every machine
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)  # surrogates too
# fmt: off
HOSTILE = (
    2**63, -(2**63) - 1, 2**64, 10**30, 2**31, -1, 0,
    "NaN", "sNaN", "-Infinity", "1e999999", "1e-999999", "12.00001", "abc", "",
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2026-11-27T04:18:00",
    "2026-02-30T00:00:00Z", "9999-12-31", "1999-12-31",
    CARD, "4111 1111 1111 1111", f"ref {CARD}", "\ud800", "a\udfffb", "\x00", "x" * 2500,
    "\u00b2", "\uff19", "P1", "note", "VIP", [], {},
)
# fmt: on
CHOSEN = st.sampled_from(HOSTILE)
HOSTILE_SCALARS = st.one_of(
    CHOSEN,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    ANY_TEXT,
)
JUNK = st.recursive(
    HOSTILE_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=12,
)
DEEP = st.integers(min_value=1, max_value=200).map(lambda depth: _nest([], depth))
REPLACEMENT = st.one_of(CHOSEN, CHOSEN, CHOSEN, JUNK, DEEP)  # mostly the known troublemakers


def _nest(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value: object keys and list positions, at any depth."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _holder(body: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        body = body[step]
    return body


@st.composite
def hostile_bodies(draw: st.DrawFn, valid: Any) -> Any:
    """``valid`` with one place made hostile, dropped or joined by an unknown field; or junk."""
    kind = draw(st.sampled_from(["replace"] * 7 + ["drop", "add", "junk"]))
    if kind == "junk":
        return draw(JUNK)
    body = copy.deepcopy(valid)
    path = draw(st.sampled_from(_paths(body)))
    holder, last = _holder(body, path), path[-1]
    if kind == "drop":
        del holder[last]
    elif kind == "add" and isinstance(holder, dict):
        holder[draw(ANY_TEXT | st.just(CARD))] = draw(JUNK)
    else:
        holder[last] = draw(REPLACEMENT)
    return body


@dataclass
class Target:
    method: str
    path: str
    valid: Any
    staff: bool = True
    extra_headers: dict[str, str] = field(default_factory=dict)
    finish: Callable[[Any], Any] = lambda body: body  # e.g. sign what was drawn


def _checkpoint_signer(service: HelpdeskService) -> Callable[[Any], Any]:
    signer = CheckpointSigner(b"f" * 32)

    def sign(body: Any) -> Any:
        """Signs a drawn checkpoint whose signed fields have their types, so that the
        service gets past the signature to the rest of its checks."""
        if not isinstance(body, dict):
            return body
        entry, head, at, device = (body.get(k) for k in ("entry_id", "hash", "at", "device_id"))
        if type(entry) is int and all(type(v) is str for v in (head, at, device)):
            try:
                signed = signer.sign(device, entry, head, at).to_json()
            except UnicodeEncodeError:  # a lone surrogate cannot even be signed
                return body
            body = {**body, **{k: signed[k] for k in ("public_key", "signature") if k in body}}
        return body

    return sign


def _targets(service: HelpdeskService, client: httpx.Client) -> dict[str, Target]:
    incident = incident_body()
    client.post("/v1/incidents", json=incident, headers=service.headers(key=new_key()))
    guest = walk_in()
    client.post("/v1/guests", json=guest, headers=service.headers(key=new_key(), staff="H001"))
    iid = incident["id"]
    operation = {"method": "PATCH", "path": f"/incidents/{iid}", "body": {"status": "new"}}
    operation |= {"staff_token": service.staff_token("P001"), "idempotency_key": new_key()}
    operation["if_match"] = "1"
    created = {**operation, "method": "POST", "path": "/incidents", "body": incident_body()}
    checkpoint = CheckpointSigner(b"f" * 32).sign(
        service.device_id, 100, "ab" * 32, "2026-11-27T09:00:00Z"
    )
    return {
        "enrol": Target(
            "POST",
            "/v1/devices/enrol",
            enrol_body("TAB-FUZZ01", service.issue_code("TAB-FUZZ01"), b"f" * 32),
            staff=False,
        ),
        "staff session": Target(
            "POST", "/v1/staff/sessions", {"staff_id": "H001", "pin": "2468"}, staff=False
        ),
        "incident": Target("POST", "/v1/incidents", incident_body()),
        "incident patch": Target(
            "PATCH",
            f"/v1/incidents/{iid}",
            {"status": "in_progress", "owner_id": "H001", "summary": "Shoe replaced"},
            extra_headers={"If-Match": "1"},
        ),
        "event": Target("POST", f"/v1/incidents/{iid}/events", event_body()),
        "batch": Target("POST", "/v1/batch", {"operations": [created, operation]}, staff=False),
        "guest": Target("POST", "/v1/guests", walk_in()),
        "guest patch": Target(
            "PATCH", f"/v1/guests/{guest['id']}", {"preferences": {"drinks": ["tea"], "meals": []}}
        ),
        "audit checkpoint": Target(
            "POST",
            "/v1/audit/checkpoints",
            checkpoint.to_json(),
            staff=False,
            finish=_checkpoint_signer(service),
        ),
    }


@pytest.fixture
def targets(helpdesk: HelpdeskService, client: httpx.Client) -> dict[str, Target]:
    return _targets(helpdesk, client)


def assert_no_server_error(reply: httpx.Response) -> None:
    """Below 500; a refusal is ``{"detail": …}``; a card number neither echoed nor taken."""
    assert reply.status_code < 500, (reply.request.method, reply.request.url, reply.text)
    if reply.status_code >= 400 and reply.headers.get("content-type") == "application/json":
        assert isinstance(reply.json()["detail"], str)
    assert CARD not in reply.text.replace(" ", "")


@pytest.mark.parametrize(
    "route",
    ["enrol", "staff session", "incident", "incident patch", "event", "batch", "guest",
     "guest patch", "audit checkpoint"],
)  # fmt: skip
@PROFILE
@given(data=st.data())
def test_no_body_makes_a_route_fail(
    helpdesk, client, targets, route: str, data: st.DataObject
) -> None:
    target = targets[route]
    body = target.finish(data.draw(hostile_bodies(target.valid), label="body"))
    headers = helpdesk.headers(staff="" if target.staff else None, key=new_key())
    headers |= target.extra_headers | {"Content-Type": "application/json"}
    text = json.dumps(body, ensure_ascii=True)  # NaN as NaN, a surrogate as \\ud800
    reply = client.request(target.method, target.path, content=text.encode(), headers=headers)
    assert_no_server_error(reply)


# Attachments, headers and URLs -------------------------------------------------------

SIGNATURES = [b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"<html>", b""]
HEADER_TEXT = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"),
    max_size=30,
) | st.sampled_from(["\u00b2", "1", "0", "99999999999999999999", CARD, 'W/"1"'])
HEADER_VALUES = HEADER_TEXT.map(lambda text: text.encode("latin-1"))  # HTTP carries bytes


@PROFILE
@given(
    start=st.sampled_from(SIGNATURES),
    rest=st.binary(max_size=64),
    media=st.sampled_from([b"application/pdf", b"image/png", b"image/jpeg", b"text/html"])
    | HEADER_VALUES,
    same_sha=st.booleans(),
)
def test_no_upload_makes_attachments_fail(
    helpdesk, client, incident_id, start: bytes, rest: bytes, media: bytes, same_sha: bool
) -> None:
    content = start + rest
    sha = hashlib.sha256(content if same_sha else rest + b"?").hexdigest()
    headers = helpdesk.headers() | {"Content-Type": media}
    path = f"/v1/incidents/{incident_id}/attachments/{sha}"
    assert_no_server_error(client.put(path, content=content, headers=headers))
    assert_no_server_error(client.get(f"/v1/attachments/{sha}", headers=helpdesk.headers()))


@PROFILE
@given(if_match=HEADER_VALUES, key=HEADER_VALUES, staff=HEADER_VALUES, last_event=HEADER_VALUES)
def test_no_header_makes_a_route_fail(
    helpdesk, client, incident_id, if_match: bytes, key: bytes, staff: bytes, last_event: bytes
) -> None:
    sent = {"If-Match": if_match, "Idempotency-Key": key, "X-Staff-Token": staff}
    headers: dict[str, Any] = helpdesk.headers(staff=None) | sent
    patch = client.patch(f"/v1/incidents/{incident_id}", json={"summary": "x"}, headers=headers)
    assert_no_server_error(patch)
    created = client.post("/v1/incidents", json=incident_body(), headers=headers)
    assert_no_server_error(created)
    feed_headers = helpdesk.headers() | {"Last-Event-ID": last_event}
    with client.stream("GET", "/v1/feed", headers=feed_headers) as feed:  # may stay open
        assert feed.status_code in (200, 400)


@PROFILE
@given(cursor=ANY_TEXT | st.just(CARD), limit=ANY_TEXT | st.integers().map(str), where=ANY_TEXT)
def test_no_url_makes_a_route_fail(helpdesk, client, cursor: str, limit: str, where: str) -> None:
    query = {"cursor": cursor, "limit": limit}
    assert_no_server_error(client.get("/v1/changes", params=query, headers=helpdesk.headers()))
    name = quote(where, safe="", errors="surrogatepass")
    for path in (f"/v1/incidents/{name}", f"/v1/attachments/{name}", f"/v1/guests/{name}"):
        assert_no_server_error(client.get(path, headers=helpdesk.headers()))

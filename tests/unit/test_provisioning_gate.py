"""Only a demo data directory may use the demo helpdesk's published enrolment code; a
real store never reaches it, and a real console with a helpdesk and no token must be
provisioned (app.bootstrap)."""

from pathlib import Path

import pytest

from app.bootstrap import build_context
from app.demo.writer import DEMO_MARKER
from app.security.audit_chain import CheckpointSigner
from app.security.store_key import DEMO_STORE_KEY
from app.sync.device_token import REFUSED_KEY, TOKEN_KEY
from app.sync.embedded import DEMO_ENROLMENT_CODE, EMBEDDED
from offline_cache.encryption import StoreKeyError

REAL_KEY = bytes(range(32))
URL = "https://helpdesk.example"


def _code_sent(data_dir: Path, key: bytes, helpdesk: str = EMBEDDED, **sync: str) -> str | None:
    context = build_context(data_dir, store_key=key)
    try:
        return context.sync(helpdesk, **sync).engine.config.enrolment_code
    finally:
        context.close()


def test_a_demo_directory_enrols_with_the_demo_code(tmp_path: Path) -> None:
    (tmp_path / DEMO_MARKER).write_text("demo\n", encoding="utf-8")
    assert _code_sent(tmp_path, DEMO_STORE_KEY) == DEMO_ENROLMENT_CODE
    context = build_context(tmp_path, store_key=DEMO_STORE_KEY)
    try:
        assert context.demo_store and not context.needs_provisioning(URL)
    finally:
        context.close()


def test_a_real_store_never_sends_the_demo_code_even_with_a_planted_marker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _code_sent(tmp_path, REAL_KEY, helpdesk=URL) is None
    (tmp_path / DEMO_MARKER).write_text("planted\n", encoding="utf-8")
    assert _code_sent(tmp_path, REAL_KEY, helpdesk=URL) is None  # its own key: not demo
    monkeypatch.setenv("VIP_CONSOLE_STORE_KEY", REAL_KEY.hex())
    context = build_context(tmp_path)  # the key given wins over the planted marker
    try:
        assert not context.demo_store
    finally:
        context.close()
    monkeypatch.delenv("VIP_CONSOLE_STORE_KEY")
    with pytest.raises(StoreKeyError):  # no key given: the marker means the demo key...
        build_context(tmp_path)  # ...which does not open a real store
    assert _code_sent(tmp_path, REAL_KEY, helpdesk=URL, enrolment_code="K7QM4XPA9RTE2WDN") == (
        "K7QM4XPA9RTE2WDN"  # IT's code (--enrol) is what it sends
    )


def test_the_embedded_helpdesk_is_for_demo_data_only(tmp_path: Path) -> None:
    """It keeps guests in a plain database beside the store: never for a real one."""
    context = build_context(tmp_path, store_key=REAL_KEY)
    try:
        assert "demo data directory" in (context.helpdesk_refusal(EMBEDDED, None) or "")
        with pytest.raises(ValueError, match="embedded demo helpdesk"):
            context.sync(EMBEDDED)
        assert context.helpdesk_refusal(URL, None) is None
    finally:
        context.close()


def test_a_demo_store_never_enrols_with_a_real_helpdesks_code(tmp_path: Path) -> None:
    (tmp_path / DEMO_MARKER).write_text("demo\n", encoding="utf-8")
    context = build_context(tmp_path, store_key=DEMO_STORE_KEY)
    try:
        assert context.demo_store
        with pytest.raises(ValueError, match="published demo key"):
            context.sync(URL, enrolment_code="K7QM4XPA9RTE2WDN")
        with pytest.raises(ValueError, match="published demo key"):
            context.provisioner(URL)
        # With the demo code it may try: only a demo helpdesk accepts that code.
        assert context.helpdesk_refusal(URL, DEMO_ENROLMENT_CODE) is None
    finally:
        context.close()


def test_a_real_console_with_a_helpdesk_must_be_provisioned_until_it_holds_a_token(
    tmp_path: Path,
) -> None:
    context = build_context(tmp_path, store_key=REAL_KEY)
    try:
        # The device's own checkpoint key, not one derived from the store key.
        assert context.checkpoint_public_key == context.store.checkpoint_public_key
        assert context.checkpoint_public_key != CheckpointSigner(REAL_KEY).public_key
        assert context.needs_provisioning(URL)
        assert not context.needs_provisioning(None)  # offline only: nothing to enrol with
        with context.store.unit_of_work() as uow:
            uow.sync_state.set(TOKEN_KEY, "a-token")
        assert not context.needs_provisioning(URL)
        with context.store.unit_of_work() as uow:
            uow.sync_state.set(REFUSED_KEY, "revoked")
        assert context.needs_provisioning(URL)  # revoked: provision again
    finally:
        context.close()

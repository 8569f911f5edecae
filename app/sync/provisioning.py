"""Provisioning a tablet before its first sync: what the provisioning screen asks the core.

IT types (or scans) the device id and the single-use enrolment code that ``vip-console
helpdesk device add`` issued for it; ``provision`` enrols with the helpdesk, keeps the
device token in the (encrypted) store and the device id in ``settings.toml``. A demo
data directory never needs it: it enrols with the demo helpdesk's published code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.ports import Store, UnitOfWork
from app.settings import Settings, load_settings, save_settings
from app.sync.device_token import TOKEN_KEY, needs_provisioning_by
from app.sync.enrolment import Enrolment
from app.sync.storeio import StoreWorker
from app.sync.transport import HelpdeskTransport

DEVICE_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")  # as the helpdesk's device ids
ROLE_SCOPE_KEY = "device_role_scope"  # the roles the helpdesk lets sign in here


def needs_provisioning(uow: UnitOfWork) -> bool:
    """No device token, or the helpdesk refused the one held (revoked)."""
    return needs_provisioning_by(uow.sync_state.get)


@dataclass(frozen=True, slots=True)
class Provisioned:
    device_id: str
    role_scope: tuple[str, ...]


async def provision(
    store: Store,
    data_dir: Path,
    helpdesk_url: str,
    device_id: str,
    code: str,
    checkpoint_public_key: str | None,
) -> Provisioned:
    """Enrol ``device_id`` with ``code``. Raises ValueError for a malformed id or code,
    NotProvisioned (refused: used, expired, another id, live id; or an outdated
    helpdesk), Unreachable, EnrolmentRefused or MalformedResponse."""
    from app.sync.engine import SyncConfig

    device_id, code = device_id.strip(), code.strip()
    if not DEVICE_ID.match(device_id):
        raise ValueError("device_id")
    if not code or len(code) > 200:
        raise ValueError("code")
    config = SyncConfig(
        base_url=helpdesk_url,
        device_id=device_id,
        enrolment_code=code,
        checkpoint_public_key=checkpoint_public_key,
    )
    worker = StoreWorker(store)
    transport = HelpdeskTransport(helpdesk_url, timeout_s=config.request_timeout_s)
    try:
        enrolment = Enrolment(worker, transport, config)
        scope = await enrolment.enrol_now()
        await worker.run(lambda uow: uow.sync_state.set(ROLE_SCOPE_KEY, ",".join(scope)))
    finally:
        await transport.aclose()
        await worker.aclose()
    settings = load_settings(data_dir)
    save_settings(data_dir, Settings({**settings.values, "device_id": device_id}))
    return Provisioned(device_id, scope)


class Provisioner:
    """What the provisioning screen may do, and no more: enrol this console's store."""

    def __init__(
        self, store: Store, data_dir: Path, helpdesk_url: str, checkpoint_public_key: str | None
    ) -> None:
        self._store, self._data_dir = store, data_dir
        self.helpdesk_url, self._public_key = helpdesk_url, checkpoint_public_key

    def again(self) -> bool:
        """A token is held, and the helpdesk refused it: provisioned again, not anew."""
        with self._store.unit_of_work() as uow:
            return uow.sync_state.get(TOKEN_KEY) is not None

    async def enrol(self, device_id: str, code: str) -> Provisioned:
        return await provision(
            self._store, self._data_dir, self.helpdesk_url, device_id, code, self._public_key
        )

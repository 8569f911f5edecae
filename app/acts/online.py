"""Upgrading stored acts to B-T / B-LT once the helpdesk answers.

``ActUpgrader.upgrade_pending`` takes every act whose newest revision is below B-LT,
appends what is missing (``app.acts.upgrade``), stores each result as a new
revision linked to the one before, queues its upload and audits it (as the system:
nobody pressed a button). Blocking (network + PDF work): run it in an executor.

``UpgradeOnReconnect`` does that whenever the sync engine reports the link online
(``SyncEngine.add_listener``), at most one run at a time, on the engine's loop.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx

from app.acts.model import ActRevision

if TYPE_CHECKING:
    from app.acts.service import ActService

log = logging.getLogger(__name__)


@dataclass
class UpgradeReport:
    upgraded: list[ActRevision] = field(default_factory=list)  # new revisions stored
    problems: list[str] = field(default_factory=list)
    unreachable: bool = False


class ActUpgrader:
    """``service`` is asked for at the first upgrade, in the executor: building it loads
    pyHanko (~0.8 s), which must not happen on the GUI thread at start."""

    def __init__(self, service: "Callable[[], ActService]", helpdesk_url: str) -> None:
        self._service = service
        self._url = helpdesk_url

    def upgrade_pending(self, client: httpx.Client | None = None, limit: int = 20) -> UpgradeReport:
        from app.acts.upgrade import TIMEOUT_S, upgrade

        service = self._service()
        report = UpgradeReport()
        pending = service.pending_upgrades(limit)
        if not pending:
            return report
        roots = service.upgrade_trust_roots()
        http = client or httpx.Client(timeout=TIMEOUT_S)
        try:
            for revision in pending:
                result = upgrade(
                    service.files.get(revision.sha256),
                    revision.level,
                    helpdesk_url=self._url,
                    trust_roots=roots,
                    client=http,
                )
                previous = revision
                for step in result.steps:
                    previous = service.add_revision(previous, step.level, step.pdf)
                    report.upgraded.append(previous)
                if result.stopped:
                    report.problems.append(f"{revision.act_id}: {result.stopped}")
                    if not result.steps and not result.revoked:
                        report.unreachable = True  # no point trying the others now
                        break
        finally:
            if client is None:
                http.close()
        return report

"""The sync banner speaks French in every state it can be in (each row of the banner's
own table, tests/ui/test_sync_status_banner.py ROWS): no visible text left in English.
What the helpdesk or the link answered stays in its own words, in the tooltip, for IT.
The review's rows in French are checked on the console (tests/ui/screens.py)."""

from __future__ import annotations

import pytest

from app.sync.status import Link, SyncStatus
from tests.ui.french_texts import data_texts, untranslated, visible_texts
from tests.ui.test_sync_status_banner import ROWS
from ui.sync.status_banner import SyncStatusBanner

ATTENTION = SyncStatus(Link.ONLINE, dead=2, conflicts=1, set_aside=3, last_error="HTTP 403")


@pytest.mark.parametrize("status", [row[0] for row in ROWS] + [ATTENTION])
def test_the_banner_speaks_french(qtbot, french, status: SyncStatus) -> None:
    banner = SyncStatusBanner(status)
    qtbot.addWidget(banner)
    banner.show()
    answers = data_texts([status.feed_error, status.last_error])  # the helpdesk's words
    english = untranslated(visible_texts(banner), answers)
    assert english == [], english


def test_a_feed_failure_says_what_to_do_and_keeps_the_reason_for_it(qtbot, french) -> None:
    reason = "malformed answer: items[3].tier"
    banner = SyncStatusBanner(SyncStatus(Link.ONLINE, feed_error=reason))
    qtbot.addWidget(banner)
    assert "prévenez l'informatique" in banner.detail.text()
    assert reason not in banner.detail.text() and banner.detail.toolTip() == reason

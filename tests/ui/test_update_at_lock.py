"""Signed updates in the real console: checked in the background, installed only at the
idle lock, a refusal shown to IT translated. The repository is published with IT's tools
and served by a plain HTTP server on 127.0.0.1 (any static server will do)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app.updates.installed import RESTART_FOR_UPDATE, InstallDir
from app.updates.service import UpdateService
from app.updates.source import UpdateSource, trusted_root
from helpdesk import update_repo
from tests.integration.update_fixtures import make_bundle
from tests.ui.demo_console import Console, sign_in
from ui.updates.restart import RestartForUpdate
from ui.updates.watcher import UpdateWatcher, attach_updates


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def static_repo(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    repo = tmp_path / "www" / "updates"
    root = update_repo.init_repository(repo, tmp_path / "it-keys")
    (tmp_path / "root.json").write_bytes(root.read_bytes())
    handler = functools.partial(_QuietHandler, directory=str(tmp_path / "www"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield repo, f"http://127.0.0.1:{server.server_address[1]}/updates"
    finally:
        server.shutdown()
        server.server_close()


def _watch(
    console: Console,
    static_repo: tuple[Path, str],
    tmp_path: Path,
    restart: Callable[[str], None] | None = None,
) -> UpdateWatcher:
    repo, url = static_repo
    update_repo.publish(repo, [tmp_path / "it-keys"], make_bundle(tmp_path, "0.2.0"), "0.2.0")
    data_dir = console.context.data_dir
    trusted_root(data_dir).parent.mkdir(parents=True, exist_ok=True)
    trusted_root(data_dir).write_bytes((tmp_path / "root.json").read_bytes())
    install = InstallDir(tmp_path / "opt")
    (install.versions / "0.1.0").mkdir(parents=True)
    (install.root / "current").write_text("0.1.0\n")
    context = console.context
    service = UpdateService(
        context.store,
        context.clock,
        context.device_id,
        data_dir,
        install,
        UpdateSource(url),
        "0.1.0",
    )
    return attach_updates(console.window, service, console.window._ops, 60, restart)


def _idle_lock(console: Console) -> None:
    timeout = console.context.policy.session.idle_lock_for(console.window.actor.role)
    console.clock.advance(timeout + timedelta(seconds=1))
    with console.qtbot.waitSignal(console.window.locked):
        console.window.guard.check()


def test_a_verified_update_waits_for_the_idle_lock_then_installs(
    qtbot, console: Console, static_repo, tmp_path: Path
) -> None:
    restart = RestartForUpdate(console.window)
    watcher = _watch(console, static_repo, tmp_path, restart.restart)
    install = watcher._service.install_dir
    sign_in(console, "H001")
    with qtbot.waitSignal(watcher.staged, timeout=20000) as staged:
        watcher.check_now()
    assert staged.args == ["0.2.0"]
    assert install.staged() == "0.2.0" and install.current() == "0.1.0"

    console.window.lock()  # locked by hand: someone is at the tablet, nothing installs
    console.window.lock_screen.unlocked.emit(console.window.actor)
    qtbot.waitUntil(lambda: console.window._ops.pending == 0, timeout=10000)
    assert install.current() == "0.1.0"

    with qtbot.waitSignal(watcher.installed, timeout=10000) as installed:
        _idle_lock(console)
    assert installed.args == ["0.2.0"]
    assert (install.current(), install.previous()) == ("0.2.0", "0.1.0")
    assert watcher.waiting is None
    # then the console closes with "start me again": the launcher runs 0.2.0 now
    qtbot.waitUntil(lambda: not console.window.isVisible())
    assert restart.exit_code == RESTART_FOR_UPDATE


def test_a_tampered_update_is_refused_with_a_message_for_it(
    qtbot, console: Console, static_repo, tmp_path: Path
) -> None:
    watcher = _watch(console, static_repo, tmp_path)
    archive = static_repo[0] / "targets" / "vip-console-0.2.0.tar.gz"
    archive.write_bytes(b"\0" * archive.stat().st_size)
    with qtbot.waitSignal(watcher.refused, timeout=20000) as refused:
        watcher.check_now()
    notice = watcher.notice  # type: ignore[attr-defined]
    assert notice.isVisible()
    assert notice.text.text() == refused.args[0]
    assert "tampered or damaged" in notice.text.text() and "Tell IT" in notice.text.text()
    assert watcher._service.install_dir.staged() is None
    with console.context.store.unit_of_work() as uow:
        assert uow.audit.recent(1)[0].action == "update.refused"

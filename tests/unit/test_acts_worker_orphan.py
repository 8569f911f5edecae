"""The act-signing child ends with its console: a console killed (power, crash) leaves
no process behind (app/acts/worker.py), nor does its embedded demo helpdesk
(helpdesk/embedded.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CONSOLE = """
import sys
from app.acts.worker import ProcessWorker
from helpdesk.embedded import start_embedded_helpdesk

worker = ProcessWorker(identity=None)
worker.warm_up()
helpdesk = start_embedded_helpdesk(__import__("pathlib").Path(sys.argv[1]), 3)
children = [p.pid for p in __import__("multiprocessing").active_children()]
print(" ".join(str(pid) for pid in children), flush=True)
__import__("time").sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split()[2] == "Z")  # not a zombie


def test_a_killed_consoles_children_end_with_it(tmp_path: Path) -> None:
    console = subprocess.Popen(
        [sys.executable, "-c", CONSOLE, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert console.stdout is not None
        children = [int(pid) for pid in console.stdout.readline().split()]
        assert len(children) >= 2 and all(_alive(pid) for pid in children)
    finally:
        console.send_signal(signal.SIGKILL)
        console.wait(10)
        if console.stdout is not None:
            console.stdout.close()
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if _alive(pid)], "orphans left behind"

"""``make dist-check``: the packaged console starts, shows its provisioning screen, quits.

Run on the folder ``make dist`` built. First the bundle is read: every file the console
needs at run time is named here, and a missing one fails by its name (the xcb and
offscreen platform plugins, the fonts, the French catalogues, the policies, the store's
migrations). Then the bundle is started offscreen on a fresh data directory, with a
temporary home (no real user directory is touched) and a helpdesk address that answers
nothing: a tablet never enrolled shows the provisioning screen, which prints
"provisioning-ready" once painted and closes; the process must exit 0. Last, the
bundle's TUF client verifies and stages an update published with IT's tools and served
on 127.0.0.1 (tufup, python-tuf and their libraries are in the bundle and work), and
signs an act in its signing child process, then verifies it (``act self-test``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

REQUIRED = (
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/translations/qtbase_fr.qm",
    "resources/fonts/DejaVuSans.ttf",
    "resources/fonts/DejaVuSans-Bold.ttf",
    "resources/fonts/DroidSansFallbackFull.ttf",
    "resources/translations/vip_console_fr.qm",
    "resources/theme/dark.qss",
    "resources/sounds/alert.wav",
    "resources/layouts/demo_floor.toml",
    "app/policy/default_policy.toml",
    "app/recovery/default_compensation.toml",
    "app/compliance/aml_policy.toml",
    "offline_cache/migrations/env.py",
)
LAUNCHERS = ("vip-console-launch", "vip-console-session")  # beside it: docs/kiosk.md
NOT_SHIPPED = ("helpdesk", "fastapi", "uvicorn", "tests", "PySide6/Qt/translations/qtbase_de.qm")


def missing_files(bundle: Path) -> list[str]:
    inside = bundle / "_internal"
    problems = [
        f"missing from the bundle: {name}" for name in REQUIRED if not (inside / name).exists()
    ]
    migrations = list((inside / "offline_cache/migrations/versions").glob("*.py"))
    if not migrations:
        problems.append("missing from the bundle: offline_cache/migrations/versions/*.py")
    problems += [
        f"shipped but not wanted: {name}" for name in NOT_SHIPPED if (inside / name).exists()
    ]
    for launcher in LAUNCHERS if os.name != "nt" else ():
        if not os.access(bundle / launcher, os.X_OK):
            problems.append(f"missing from the bundle: {launcher} (the kiosk units start it)")
    return problems


def _bundle_env(tmp: Path) -> dict[str, str]:
    """A temporary home (no real user directory touched), offscreen, a random store key."""
    home = tmp / "home"
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "QT_QPA_PLATFORM": "offscreen",
        "VIP_CONSOLE_STORE_KEY": os.urandom(32).hex(),
    }


def start_once(executable: Path) -> tuple[int, str]:
    with tempfile.TemporaryDirectory(prefix="vip-bundle-") as tmp:
        env = _bundle_env(Path(tmp))
        command = [
            str(executable),
            "--data-dir",
            str(Path(tmp) / "tablet"),
            "--helpdesk",
            "https://127.0.0.1:9",  # the discard port: nothing answers, nothing leaves
            "run",
            "--exit-at-provisioning",
        ]
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout + done.stderr


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def update_problem(executable: Path) -> str | None:
    """The bundle's TUF client at work: a repository published with IT's tools (from the
    venv) and served on 127.0.0.1; the bundle must trust its root, verify and stage."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from helpdesk import update_repo

    with tempfile.TemporaryDirectory(prefix="vip-bundle-updates-") as name:
        tmp = Path(name)
        root = update_repo.init_repository(tmp / "www" / "updates", tmp / "keys")
        (tmp / "new" / "_internal").mkdir(parents=True)
        (tmp / "new" / "vip-console").write_text("a stand-in for the next bundle\n")
        update_repo.publish(tmp / "www" / "updates", [tmp / "keys"], tmp / "new", "99.0.0")
        handler = functools.partial(_QuietFiles, directory=str(tmp / "www"))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        data = ["--data-dir", str(tmp / "tablet")]
        url = f"http://127.0.0.1:{server.server_address[1]}/updates"
        steps = (
            ["update", "trust", str(root), *data],
            ["update", "check", "--url", url, "--install-dir", str(tmp / "opt"), *data],
        )
        env = _bundle_env(tmp)
        try:
            for step in steps:
                done = subprocess.run(
                    [str(executable), *step], env=env, capture_output=True, text=True, timeout=120
                )
                if done.returncode != 0:
                    return f"`{' '.join(step[:2])}` failed:\n{(done.stdout + done.stderr)[-3000:]}"
        finally:
            server.shutdown()
            server.server_close()
        if "staged for the next idle lock: 99.0.0" not in done.stdout:
            return f"the bundle did not stage the signed update:\n{done.stdout[-3000:]}"
    return None


def signing_problem(executable: Path) -> str | None:
    """The bundle's act signer at work (``act self-test``): rendered and signed in its
    child process, then verified. A library the child imports but the bundle left out
    (Pillow's libtiff once) fails here, not at the first incident on the floor."""
    with tempfile.TemporaryDirectory(prefix="vip-bundle-acts-") as tmp:
        done = subprocess.run(
            [str(executable), "act", "self-test"],
            env=_bundle_env(Path(tmp)),
            capture_output=True,
            text=True,
            timeout=180,
        )
    if done.returncode != 0 or "verified" not in done.stdout:
        return (
            f"the bundle could not sign an act (exit {done.returncode}):\n"
            + (done.stdout + done.stderr)[-3000:]
        )
    return None


def main(argv: list[str]) -> int:
    bundle = Path(argv[0] if argv else "dist/vip-console")
    executable = bundle / ("vip-console.exe" if os.name == "nt" else "vip-console")
    problems = missing_files(bundle) if executable.exists() else [f"no bundle at {bundle}"]
    if not problems:  # as the kiosk unit starts it: through the launcher
        code, output = start_once(executable if os.name == "nt" else bundle / LAUNCHERS[0])
        if "provisioning-ready" not in output:
            problems.append("the bundle never showed its provisioning screen:\n" + output[-3000:])
        elif code != 0:
            problems.append(
                f"the bundle exited {code} after its provisioning screen:\n" + output[-3000:]
            )
    if not problems and (problem := update_problem(executable)) is not None:
        problems.append(problem)
    if not problems and (problem := signing_problem(executable)) is not None:
        problems.append(problem)
    for problem in problems:
        print(f"check_bundle: {problem}", file=sys.stderr)
    if not problems:
        print(
            f"check_bundle: {bundle} starts, shows the provisioning screen and quits cleanly; "
            "it verifies and stages a signed update, and signs an act in its signing process"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

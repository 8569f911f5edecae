"""``make dist-check``: the packaged console starts, shows its provisioning screen, quits.

Run on the folder ``make dist`` built. First the bundle is read: every file the console
needs at run time is named here, and a missing one fails by its name (the xcb and
offscreen platform plugins, the fonts, the French catalogues, the policies, the store's
migrations). Then the bundle is started offscreen on a fresh data directory, with a
temporary home (no real user directory is touched) and a helpdesk address that answers
nothing: a tablet never enrolled shows the provisioning screen, which prints
"provisioning-ready" once painted and closes; the process must exit 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
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
    return problems


def start_once(executable: Path) -> tuple[int, str]:
    with tempfile.TemporaryDirectory(prefix="vip-bundle-") as tmp:
        home = Path(tmp) / "home"
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_STATE_HOME": str(home / ".local/state"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "QT_QPA_PLATFORM": "offscreen",
            "VIP_CONSOLE_STORE_KEY": os.urandom(32).hex(),
        }
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


def main(argv: list[str]) -> int:
    bundle = Path(argv[0] if argv else "dist/vip-console")
    executable = bundle / ("vip-console.exe" if os.name == "nt" else "vip-console")
    problems = missing_files(bundle) if executable.exists() else [f"no bundle at {bundle}"]
    if not problems:
        code, output = start_once(executable)
        if "provisioning-ready" not in output:
            problems.append("the bundle never showed its provisioning screen:\n" + output[-3000:])
        elif code != 0:
            problems.append(
                f"the bundle exited {code} after its provisioning screen:\n" + output[-3000:]
            )
    for problem in problems:
        print(f"check_bundle: {problem}", file=sys.stderr)
    if not problems:
        print(f"check_bundle: {bundle} starts, shows the provisioning screen and quits cleanly")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

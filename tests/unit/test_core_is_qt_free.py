"""The core must run without Qt: importing every ``app`` module loads no PySide6."""

import os
import pkgutil
import subprocess
import sys

import app


def all_app_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(app.__path__, prefix="app."))


def test_every_app_module_imports_without_pyside6() -> None:
    modules = all_app_modules()
    assert "app.domain.incident" in modules  # the walk really found the core
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"Qt loaded by the core: {result.stdout}"


def test_building_the_console_loads_no_pdf_library(tmp_path) -> None:
    """pyHanko and reportlab cost half a second of import: they load with the first act
    or handover (in the worker), never on the start's path (the GUI thread)."""
    data = tmp_path / "demo"
    made = [sys.executable, "-m", "app.cli", "demo-data", "--guests", "3", "--out", str(data)]
    subprocess.run(made, capture_output=True, check=True)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.bootstrap import build_context\n"
        f"context = build_context(Path({str(data)!r}))\n"
        "heavy = {'pyhanko', 'reportlab'}\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & heavy)))\n"
        "context.close()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "VIP_CONSOLE_STORE_KEY"}  # demo key
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"loaded at start: {result.stdout}"

"""The core must run without Qt: importing every ``app`` module loads no PySide6."""

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

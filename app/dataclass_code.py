"""The code of the methods ``@dataclass`` writes, compiled ahead and kept like bytecode.

For every class, ``dataclasses`` writes ``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__`` ... as source text and compiles it at import. The console
imports some 130 frozen dataclasses before its sign-in screen shows (domain, ports,
messages): that compiling was 0.1-0.2 s of every start, nearly a bare Qt window's whole
start. The same text always compiles to the same code, so ``install`` hands
``dataclasses`` the code compiled before, from a file beside the package's bytecode.

The file is bytecode by another name and is treated as such: it lives in
``__pycache__``, it is written only where bytecode may be written (never under
``PYTHONDONTWRITEBYTECODE``, never from a bundle), and ``python -m app.dataclass_code``
writes it wherever the bytecode is compiled ahead (``make``, the benchmarks). A missing,
stale or damaged file only means compiling as before.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import hashlib
import importlib
import importlib.util
import marshal
import os
import pkgutil
import sys
from pathlib import Path
from typing import Any

PACKAGES = ("app", "ui", "offline_cache", "helpdesk")
_NAME = f"dataclass-code.{sys.implementation.cache_tag}.marshal"
CACHE_FILE = Path(__file__).resolve().parent / "__pycache__" / _NAME
# The interpreter's bytecode version, then this file's own.
_MAGIC = importlib.util.MAGIC_NUMBER + b"dataclass-code 2"


class DataclassCode:
    """``exec`` for ``dataclasses``: source text it compiled before runs its kept code.

    Kept by a 128-bit digest of the text, each piece unmarshalled only when asked for:
    the whole file (2,000-odd pieces) loads in a few milliseconds."""

    def __init__(self, path: Path = CACHE_FILE) -> None:
        self.path = path
        self.kept = _read(path)
        self.used: dict[bytes, bytes] = {}

    def exec(self, source: Any, globals: Any = None, locals: Any = None) -> None:  # noqa: A002
        if isinstance(source, str):
            key = hashlib.blake2b(source.encode(), digest_size=16).digest()
            kept = self.kept.get(key)
            code = marshal.loads(kept) if kept is not None else _compile(source)
            self.used[key] = kept if kept is not None else marshal.dumps(code)
            source = code
        builtins.exec(source, globals, locals)

    def save(self, *, only_used: bool = False) -> None:
        """Write what was compiled (with what was kept, unless ``only_used``); atomic."""
        codes = dict(self.used) if only_used else {**self.kept, **self.used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        partial.write_bytes(_MAGIC + marshal.dumps(codes))
        os.replace(partial, self.path)
        self.kept = codes

    def save_if_new(self) -> None:
        if self.used.keys() - self.kept.keys() and _may_write_bytecode():
            try:
                self.save()
            except OSError:  # a read-only install: compiled at each start, as before
                pass


def _compile(source: str) -> Any:
    # As ``dataclasses`` compiles it: none of this module's ``__future__`` flags (its
    # annotations would become strings).
    return compile(source, "<string>", "exec", dont_inherit=True)


def _read(path: Path) -> dict[bytes, bytes]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if not data.startswith(_MAGIC):
        return {}  # another interpreter's
    try:
        codes = marshal.loads(data[len(_MAGIC) :])
    except (EOFError, ValueError, TypeError):
        return {}
    return codes if isinstance(codes, dict) else {}


def _may_write_bytecode() -> bool:
    return not sys.dont_write_bytecode and not getattr(sys, "frozen", False)


def install(path: Path = CACHE_FILE) -> DataclassCode:
    """From now on ``@dataclass`` runs kept code; new code is kept at exit where
    bytecode may be written. Call it before the first dataclass is made."""
    installed = getattr(getattr(dataclasses, "exec", None), "__self__", None)
    if isinstance(installed, DataclassCode) and installed.path == path:
        return installed  # once per process
    code = DataclassCode(path)
    dataclasses.exec = code.exec  # type: ignore[attr-defined]  # its global name ``exec``
    atexit.register(code.save_if_new)
    return code


def write_ahead(path: Path = CACHE_FILE) -> int:
    """Import every module of the console's packages and keep exactly the code their
    dataclasses compiled; returns how many pieces. ``python -m app.dataclass_code``."""
    code = install(path)
    for package in PACKAGES:
        try:
            root = importlib.import_module(package)
        except ImportError:  # the helpdesk is optional
            continue
        for module in pkgutil.walk_packages(root.__path__, f"{package}."):
            if module.name.endswith("__main__"):
                continue
            try:
                importlib.import_module(module.name)
            except Exception:  # noqa: BLE001 - an optional dependency; its classes compile at use
                continue
    code.save(only_used=True)
    return len(code.used)


if __name__ == "__main__":
    print(f"{write_ahead()} dataclass methods compiled ahead into {CACHE_FILE.name}")

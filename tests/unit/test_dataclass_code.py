"""The dataclass methods' code kept ahead behaves as the code compiled at import."""

import dataclasses
import sys
from pathlib import Path

import pytest

from app.dataclass_code import DataclassCode


def _make(code: DataclassCode | None, monkeypatch: pytest.MonkeyPatch) -> type:
    """A frozen, slotted dataclass as the core writes them (``code``: kept code's)."""
    if code is not None:
        monkeypatch.setattr(dataclasses, "exec", code.exec, raising=False)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Stay:
        guest: str
        nights: int = 1
        tags: tuple[str, ...] = ()

    return Stay


def test_kept_code_makes_the_same_class(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = DataclassCode(tmp_path / "kept.marshal")
    _make(first, monkeypatch)
    first.save()

    again = DataclassCode(tmp_path / "kept.marshal")
    compiled: list[str] = []
    real_compile = compile
    monkeypatch.setattr(
        "builtins.compile", lambda *a, **k: compiled.append(a[0]) or real_compile(*a, **k)
    )
    stay = _make(again, monkeypatch)
    assert compiled == []  # every method came from the file
    assert again.used.keys() == first.used.keys()

    plain = _make(DataclassCode(tmp_path / "none.marshal"), monkeypatch)
    monkeypatch.undo()
    compiled_as_usual = _make(None, monkeypatch)
    assert stay.__init__.__annotations__ == compiled_as_usual.__init__.__annotations__
    assert plain.__init__.__annotations__ == compiled_as_usual.__init__.__annotations__

    one, same = stay("P001", 2, ("vip",)), stay("P001", 2, ("vip",))
    assert one == same and hash(one) == hash(same) and one != stay("P002")
    assert repr(one).endswith("Stay(guest='P001', nights=2, tags=('vip',))")
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.nights = 3  # type: ignore[misc]


def test_a_damaged_or_foreign_file_only_means_compiling(tmp_path: Path) -> None:
    path = tmp_path / "kept.marshal"
    path.write_bytes(b"not marshal at all")
    assert DataclassCode(path).kept == {}
    path.write_bytes(b"\x00\x00\r\n" + b"{}")  # another interpreter's magic
    assert DataclassCode(path).kept == {}


def test_never_written_where_bytecode_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = DataclassCode(tmp_path / "kept.marshal")
    _make(code, monkeypatch)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    code.save_if_new()
    assert not code.path.exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    code.save_if_new()
    assert DataclassCode(code.path).kept.keys() == code.used.keys()

"""The property's floor layout: pits and tables placed as on the casino floor.

A layout is a TOML or JSON file (same shape in both)::

    [floor]
    name = "Main floor"
    width = 1640            # floor units (the map scales them to the screen)
    height = 1000
    table_width = 150       # optional, default 150
    table_height = 96       # optional, default 96

    [[pits]]
    name = "Pit 1"          # the pit's name as in the store's tables
    x = 40                  # pit rectangle on the floor
    y = 40
    width = 700
    height = 300

    [[pits.tables]]
    id = "BAC-101"          # a table id of the store
    x = 20                  # the table's top-left corner, relative to its pit
    y = 50

``load_layout`` validates at load and raises ``LayoutError`` naming the file and the
key (``pits[2].tables[5].x: expected a number``). ``grid_layout`` lays out any
list of tables (the demo file and the 200-table benchmark come from it).
Qt-free.
"""

import json
import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

DEFAULT_TABLE_WIDTH = 150.0
DEFAULT_TABLE_HEIGHT = 96.0
DEMO_LAYOUT = "demo_floor.toml"
PROPERTY_LAYOUT = "floor_layout.toml"  # in the data directory; else the demo layout


class LayoutError(ValueError):
    """A layout file the console refuses, naming the key to fix."""


@dataclass(frozen=True, slots=True)
class TablePlace:
    id: str
    x: float  # absolute floor coordinates of the top-left corner
    y: float


@dataclass(frozen=True, slots=True)
class PitPlace:
    name: str
    x: float
    y: float
    width: float
    height: float
    tables: tuple[TablePlace, ...]


@dataclass(frozen=True, slots=True)
class FloorLayout:
    name: str
    width: float
    height: float
    table_width: float
    table_height: float
    pits: tuple[PitPlace, ...]

    def table_ids(self) -> list[str]:
        return [t.id for pit in self.pits for t in pit.tables]

    def pit_of(self, table_id: str) -> str | None:
        return next((p.name for p in self.pits for t in p.tables if t.id == table_id), None)


def load_layout(path: Path) -> FloorLayout:
    """Read and validate ``path`` (``.toml`` or ``.json``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise LayoutError(f"{path}: cannot read the floor layout ({error.strerror})") from error
    return parse_layout(text, path.name, json_format=path.suffix.lower() == ".json")


def parse_layout(text: str, source: str = "layout", *, json_format: bool = False) -> FloorLayout:
    try:
        data: Any = json.loads(text) if json_format else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        kind = "JSON" if json_format else "TOML"
        raise LayoutError(f"{source}: not valid {kind}: {error}") from error
    return layout_from_data(data, source)


def layout_from_data(data: Any, source: str = "layout") -> FloorLayout:
    reader = _Reader(source)
    root = reader.table(data, "")
    reader.only(root, "", {"floor", "pits"})
    floor = reader.table(reader.need(root, "", "floor"), "floor")
    reader.only(floor, "floor", {"name", "width", "height", "table_width", "table_height"})
    width = reader.positive(floor, "floor", "width")
    height = reader.positive(floor, "floor", "height")
    table_w = reader.positive(floor, "floor", "table_width", DEFAULT_TABLE_WIDTH)
    table_h = reader.positive(floor, "floor", "table_height", DEFAULT_TABLE_HEIGHT)
    raw_pits = reader.need(root, "", "pits")
    if not isinstance(raw_pits, list) or not raw_pits:
        raise reader.error("pits", "expected a non-empty list of pits")
    pits: list[PitPlace] = []
    seen_tables: dict[str, str] = {}
    seen_pits: set[str] = set()
    for p, raw in enumerate(raw_pits):
        key = f"pits[{p}]"
        pit = reader.table(raw, key)
        reader.only(pit, key, {"name", "x", "y", "width", "height", "tables"})
        name = reader.text(pit, key, "name")
        if name in seen_pits:
            raise reader.error(f"{key}.name", f"pit {name!r} is listed twice")
        seen_pits.add(name)
        px, py = reader.number(pit, key, "x"), reader.number(pit, key, "y")
        pw, ph = reader.positive(pit, key, "width"), reader.positive(pit, key, "height")
        if px < 0 or py < 0 or px + pw > width or py + ph > height:
            raise reader.error(key, f"pit {name!r} does not fit on the floor ({width}x{height})")
        raw_tables = pit.get("tables", [])
        if not isinstance(raw_tables, list):
            raise reader.error(f"{key}.tables", "expected a list of tables")
        tables: list[TablePlace] = []
        for t, raw_table in enumerate(raw_tables):
            tkey = f"{key}.tables[{t}]"
            table = reader.table(raw_table, tkey)
            reader.only(table, tkey, {"id", "x", "y"})
            table_id = reader.text(table, tkey, "id")
            if table_id in seen_tables:
                raise reader.error(
                    f"{tkey}.id", f"table {table_id!r} is already at {seen_tables[table_id]}"
                )
            seen_tables[table_id] = tkey
            tx, ty = reader.number(table, tkey, "x"), reader.number(table, tkey, "y")
            if tx < 0 or ty < 0 or tx + table_w > pw or ty + table_h > ph:
                raise reader.error(tkey, f"table {table_id!r} does not fit in pit {name!r}")
            tables.append(TablePlace(table_id, px + tx, py + ty))
        pits.append(PitPlace(name, px, py, pw, ph, tuple(tables)))
    name = reader.text(floor, "floor", "name", "Floor")
    return FloorLayout(name, width, height, table_w, table_h, tuple(pits))


def grid_layout(
    tables: Sequence[tuple[str, str]],
    *,
    name: str = "Floor",
    per_row: int = 4,
    pits_per_row: int = 3,
    table_width: float = DEFAULT_TABLE_WIDTH,
    table_height: float = DEFAULT_TABLE_HEIGHT,
) -> FloorLayout:
    """Pits in a grid, each pit's tables in rows of ``per_row``; ``tables``: (id, pit)."""
    by_pit: dict[str, list[str]] = {}
    for table_id, pit in tables:
        by_pit.setdefault(pit, []).append(table_id)
    gap, header = 24.0, 44.0
    most = max((len(ids) for ids in by_pit.values()), default=1)
    rows = math.ceil(most / per_row)
    pit_w = gap + per_row * (table_width + gap)
    pit_h = header + rows * (table_height + gap)
    pits = []
    for index, (pit, ids) in enumerate(by_pit.items()):
        px = gap + (index % pits_per_row) * (pit_w + gap)
        py = gap + (index // pits_per_row) * (pit_h + gap)
        places = tuple(
            TablePlace(
                table_id,
                px + gap + (n % per_row) * (table_width + gap),
                py + header + (n // per_row) * (table_height + gap),
            )
            for n, table_id in enumerate(ids)
        )
        pits.append(PitPlace(pit, px, py, pit_w, pit_h, places))
    columns = min(len(pits), pits_per_row) or 1
    width = gap + columns * (pit_w + gap)
    height = gap + math.ceil(len(pits) / pits_per_row) * (pit_h + gap)
    return FloorLayout(name, width, height, table_width, table_height, tuple(pits))


def synthetic_tables(count: int, per_pit: int = 8) -> list[tuple[str, str]]:
    """``count`` made-up (table id, pit) pairs: for the 200-table benchmark and tests."""
    return [(f"T-{n:03d}", f"Pit {n // per_pit + 1}") for n in range(count)]


def to_toml(layout: FloorLayout) -> str:
    """The file form of ``layout`` (table positions relative to their pit)."""
    lines = [
        "[floor]",
        f'name = "{layout.name}"',
        f"width = {layout.width:g}",
        f"height = {layout.height:g}",
        f"table_width = {layout.table_width:g}",
        f"table_height = {layout.table_height:g}",
    ]
    for pit in layout.pits:
        lines += ["", "[[pits]]", f'name = "{pit.name}"', f"x = {pit.x:g}", f"y = {pit.y:g}"]
        lines += [f"width = {pit.width:g}", f"height = {pit.height:g}"]
        for t in pit.tables:
            lines += ["", "[[pits.tables]]", f'id = "{t.id}"']
            lines += [f"x = {t.x - pit.x:g}", f"y = {t.y - pit.y:g}"]
    return "\n".join(lines) + "\n"


def demo_layout() -> FloorLayout:
    text = resources.files("resources.layouts").joinpath(DEMO_LAYOUT).read_text("utf-8")
    return parse_layout(text, DEMO_LAYOUT)


def property_layout(data_dir: Path) -> FloorLayout:
    """``<data_dir>/floor_layout.toml`` (or ``.json``) when the property has one, else the demo."""
    for candidate in (data_dir / PROPERTY_LAYOUT, data_dir / "floor_layout.json"):
        if candidate.is_file():
            return load_layout(candidate)
    return demo_layout()


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, key: str, problem: str) -> LayoutError:
        return LayoutError(f"{self.source}: {key or '(top level)'}: {problem}")

    def table(self, value: Any, key: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.error(key, "expected a table of keys")
        return value

    def only(self, table: Mapping[str, Any], key: str, allowed: set[str]) -> None:
        for name in table:
            if name not in allowed:
                where = f"{key}.{name}" if key else name
                raise self.error(
                    where, f"unknown key (expected one of {', '.join(sorted(allowed))})"
                )

    def need(self, table: Mapping[str, Any], key: str, name: str) -> Any:
        if name not in table:
            raise self.error(f"{key}.{name}" if key else name, "missing")
        return table[name]

    def number(
        self, table: Mapping[str, Any], key: str, name: str, default: float | None = None
    ) -> float:
        if name not in table and default is not None:
            return default
        value = self.need(table, key, name)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self.error(f"{key}.{name}", f"expected a number, got {value!r}")
        return float(value)

    def positive(
        self, table: Mapping[str, Any], key: str, name: str, default: float | None = None
    ) -> float:
        value = self.number(table, key, name, default)
        if value <= 0:
            raise self.error(f"{key}.{name}", f"expected a positive number, got {value:g}")
        return value

    def text(
        self, table: Mapping[str, Any], key: str, name: str, default: str | None = None
    ) -> str:
        if name not in table and default is not None:
            return default
        value = self.need(table, key, name)
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"{key}.{name}", f"expected a non-empty text, got {value!r}")
        return value.strip()

"""Floor layouts: validated at load, errors name the key; the demo floor matches the demo tables."""

import json
from pathlib import Path

import pytest

from app.demo.generator import make_tables
from app.floor_layout import (
    LayoutError,
    demo_layout,
    grid_layout,
    load_layout,
    parse_layout,
    property_layout,
    synthetic_tables,
    to_toml,
)

GOOD = """
[floor]
width = 1000
height = 600

[[pits]]
name = "Pit 1"
x = 10
y = 10
width = 500
height = 300

[[pits.tables]]
id = "BJ-01"
x = 20
y = 50
"""


def test_the_demo_layout_matches_the_demo_tables() -> None:
    layout = demo_layout()
    tables = make_tables()
    assert sorted(layout.table_ids()) == sorted(t.id for t in tables)
    for table in tables:
        assert layout.pit_of(table.id) == table.pit


def test_toml_and_json_load(tmp_path: Path) -> None:
    layout = parse_layout(GOOD)
    assert layout.pits[0].tables[0].x == 30  # absolute: pit x + table x
    path = tmp_path / "floor.json"
    path.write_text(
        json.dumps(
            {
                "floor": {"width": 1000, "height": 600},
                "pits": [
                    {
                        "name": "Pit 1",
                        "x": 10,
                        "y": 10,
                        "width": 500,
                        "height": 300,
                        "tables": [{"id": "BJ-01", "x": 20, "y": 50}],
                    }
                ],
            }
        )
    )
    assert load_layout(path) == layout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("x = 20\ny = 50", 'x = "a"\ny = 50'), "pits[0].tables[0].x: expected a number"),
        (("width = 1000\n", ""), "floor.width: missing"),
        (('id = "BJ-01"', 'id = ""'), "pits[0].tables[0].id: expected a non-empty text"),
        (("x = 20\ny = 50", "x = 400\ny = 50"), "pits[0].tables[0]: table 'BJ-01' does not fit"),
        (("height = 300", "height = 300\ncolour = 1"), "pits[0].colour: unknown key"),
        (("width = 500", "width = 5000"), "pits[0]: pit 'Pit 1' does not fit on the floor"),
        (("height = 600", "height = -1"), "floor.height: expected a positive number"),
    ],
)
def test_errors_name_the_key(change: tuple[str, str], message: str) -> None:
    text = GOOD.replace(*change, 1)
    with pytest.raises(LayoutError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_layout(text, "floor.toml")


def test_duplicates_and_bad_syntax_are_refused() -> None:
    twice = GOOD + '\n[[pits.tables]]\nid = "BJ-01"\nx = 200\ny = 50\n'
    with pytest.raises(LayoutError, match=r"pits\[0\].tables\[1\].id: table 'BJ-01' is already"):
        parse_layout(twice)
    with pytest.raises(LayoutError, match="not valid TOML"):
        parse_layout("[floor")


def test_generated_layouts_round_trip_and_scale_to_200_tables(tmp_path: Path) -> None:
    big = grid_layout(synthetic_tables(200), per_row=5, pits_per_row=5)
    assert len(big.table_ids()) == 200
    assert parse_layout(to_toml(big)) == big
    assert property_layout(tmp_path) == demo_layout()
    (tmp_path / "floor_layout.toml").write_text(to_toml(big), encoding="utf-8")
    assert property_layout(tmp_path) == big

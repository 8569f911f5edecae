"""The theme passes WCAG 2.2 AA contrast (app/accessibility/contrast.py): every text on
its background 4.5:1 (large text 3:1), every state indicator 3:1 against the window;
the colours the code paints (the board's rows, the floor map, the sync banner) too."""

from __future__ import annotations

import pytest

from app.accessibility.contrast import ColourPair, Kind, contrast_ratio
from app.accessibility.qss_colours import colour_pairs, declarations
from app.domain import Priority
from app.sla import Urgency
from ui import theme
from ui.floor import scene
from ui.sync import status_banner


def _code_pairs(name: str) -> list[ColourPair]:
    """The board's colours, as ``apply_theme`` sets them for the theme ``name``."""
    colours = theme._CODE_COLOURS[name]
    rules = declarations(theme.stylesheet(name))
    table = rules["QTableView"]
    rows = [table["background-color"], table["alternate-background-color"]]
    pairs = [
        ColourPair(
            "board breached clock",
            colours["BREACHED_FOREGROUND"],
            colours["BREACHED_BACKGROUND"],
            Kind.TEXT,
        ),
        ColourPair(
            "board clock about to breach",
            colours["SOON_FOREGROUND"],
            colours["SOON_BACKGROUND"],
            Kind.TEXT,
        ),
    ]
    for row in rows:
        pairs.append(ColourPair("board waiting", colours["WAITING_FOREGROUND"], row, Kind.TEXT))
        pairs.append(ColourPair("board warning", colours["WARNING_FOREGROUND"], row, Kind.TEXT))
    return pairs


def _painted_pairs() -> list[ColourPair]:
    """What the floor map and the sync banner paint, the same in both themes."""
    name = lambda c: c.name()  # noqa: E731 - QColor as #rrggbb
    pairs = []
    for urgency, colour in scene.URGENCY_COLOURS.items():
        text = scene.DARK_TEXT if urgency is Urgency.SOON else scene.TEXT  # TableItem.light
        pairs.append(ColourPair(f"floor {urgency}", name(text), name(colour), Kind.TEXT))
    pairs.append(ColourPair("floor idle", name(scene.TEXT), name(scene.IDLE_COLOUR), Kind.TEXT))
    pairs.append(
        ColourPair("floor waiting", name(scene.WAITING_TEXT), name(scene.WAITING_COLOUR), Kind.TEXT)
    )
    for style in status_banner._STYLES.values():
        pairs += colour_pairs(f"QFrame {{ {style} }}")
    return pairs


@pytest.mark.parametrize(("name", "enhanced"), [("dark", False), (theme.HIGH_CONTRAST, True)])
def test_every_text_and_state_colour_of_the_theme_passes_wcag(name: str, enhanced: bool) -> None:
    """The dark theme at level AA; the high-contrast one at AAA (7:1 for text)."""
    pairs = [*colour_pairs(theme.stylesheet(name)), *_code_pairs(name)]
    if not enhanced:
        pairs += _painted_pairs()
    assert len(pairs) > 60  # the reader found the theme's rules
    failing = [
        f"{p.where}: {p.foreground} on {p.background} {p.ratio:.2f}:1 ({p.kind})"
        for p in pairs
        if not p.passes(enhanced=enhanced)
    ]
    assert failing == []


def test_the_text_scale_scales_every_font_size_of_the_sheet() -> None:
    normal, double = theme.stylesheet(), theme.stylesheet(text_scale=200)
    assert "font-size: 16pt" in normal and "font-size: 32pt" in double
    assert "font-size: 16pt" not in double


@pytest.mark.parametrize(
    ("qss", "expected"),
    [
        # A label has no background of its own: checked on every surface it may sit on.
        ('QWidget { background-color: #000000; } QLabel[variant="x"] { color: #555555; }', 1),
        # A checked state inherits the text colour of the control it refines.
        (
            "QWidget { background-color: #12151c; } QPushButton { color: #ffffff; "
            'background-color: #2b3342; } QPushButton[variant="p"]:checked { background-color: '
            "#f57c00; }",
            3,
        ),
    ],
)
def test_the_reader_finds_what_a_bug_would_hide(qss: str, expected: int) -> None:
    pairs = list(colour_pairs(qss))
    assert len(pairs) == expected, pairs
    assert any(not p.passes() for p in pairs)  # grey on black; white on orange


def test_the_wcag_ratio_matches_its_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#fff", "#ffffff") == pytest.approx(1.0)
    assert Priority.P1 in scene.PRIORITY_COLOURS

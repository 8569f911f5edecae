"""One countdown format and one level numbering for every screen and the acts."""

from datetime import timedelta

import pytest

from app.display import countdown_text, level_label


@pytest.mark.parametrize(
    ("left", "text"),
    [
        (0, "00:00"),
        (59.6, "00:59"),
        (9 * 60 + 41, "09:41"),
        (-(3 * 60 + 12), "\u221203:12"),
        (-0.2, "\u221200:01"),
        (2 * 3600 + 5, "2:00:05"),
        (-(4 * 3600 + 48), "\u22124:00:48"),
        (2 * 86400 + 5 * 3600, "2d 05:00"),
        (timedelta(minutes=-33, seconds=-52), "\u221233:52"),
    ],
)
def test_countdown_format(left: float | timedelta, text: str) -> None:
    assert countdown_text(left) == text


@pytest.mark.parametrize(
    ("level", "text"), [(0, "L1"), (1, "L1"), (2, "L2"), (4, "L4"), (7, "L4"), ("3", "L3")]
)
def test_levels_read_as_the_escalation_table_writes_them(level: int | str, text: str) -> None:
    assert level_label(level) == text

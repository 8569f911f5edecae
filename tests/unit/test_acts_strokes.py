"""Drawn signatures: recording, compact form, vectors with pressure-driven widths."""

import pytest

from app.acts.fonts import CJK, REGULAR, REPLACEMENT, load_fonts
from app.acts.strokes import (
    DEFAULT_PRESSURE,
    MAX_POINTS,
    DrawnSignature,
    InputKind,
    SignatureTooLong,
    StrokeRecorder,
    fit_segments,
    line_width,
)


def test_recorder_keeps_strokes_relative_time_and_clamped_input() -> None:
    recorder = StrokeRecorder(200, 100)
    recorder.begin(10, 10, 5000, 0.4, InputKind.PEN)
    assert recorder.add(50, 20, 5016, 1.7)  # pressure clamped to 1
    assert not recorder.add(50.2, 20.1, 5020, 0.5)  # too close to count
    recorder.add(250, -5, 5030, None)  # outside the pad: clamped to its edge
    recorder.end()
    recorder.begin(80, 80, 6000, None, InputKind.MOUSE)
    recorder.end()
    signature = recorder.signature()
    first, second = signature.strokes
    assert [p.t for p in first.points] == [0, 16, 30]
    assert first.points[1].pressure == 1.0
    assert (first.points[2].x, first.points[2].y) == (200, 0)
    assert first.input is InputKind.PEN and second.input is InputKind.MOUSE
    assert second.points[0].t == 1000
    assert signature.point_count == 4


def test_plain_form_round_trips_rounded() -> None:
    recorder = StrokeRecorder(300.04, 120)
    recorder.begin(1.234, 5.678, 0, 0.333, InputKind.TOUCH)
    recorder.add(9.99, 9.99, 12, None)
    recorder.end()
    signature = recorder.signature()
    plain = signature.to_plain()
    assert plain["strokes"][0]["points"] == [[1.2, 5.7, 0, 0.33], [10.0, 10.0, 12, None]]
    again = DrawnSignature.from_plain(plain)
    assert again == signature.normalised()
    assert again.to_plain() == plain


def test_segments_fit_the_box_with_width_from_pressure() -> None:
    recorder = StrokeRecorder(400, 100)
    recorder.begin(0, 0, 0, 0.0, InputKind.PEN)
    recorder.add(400, 100, 10, 1.0)
    recorder.end()
    recorder.begin(200, 50, 20, None, InputKind.MOUSE)  # a dot
    recorder.end()
    segments = fit_segments(recorder.signature(), (10, 20, 200, 100), min_width=0.5, max_width=2.5)
    line, dot = segments
    # 400 x 100 scaled by 0.5 into 200 x 100: 200 x 50, centred vertically, y up.
    assert (line.x1, line.y1, line.x2, line.y2) == (10, 95, 210, 45)
    assert line.width == pytest.approx(line_width(0.5, 0.5, 2.5))
    assert (dot.x1, dot.y1) == (dot.x2, dot.y2) == (110, 70)
    assert dot.width == pytest.approx(line_width(DEFAULT_PRESSURE, 0.5, 2.5))


def test_a_scribble_without_end_is_refused() -> None:
    recorder = StrokeRecorder(10_000, 10_000)
    recorder.begin(0, 0, 0, None, InputKind.MOUSE)
    with pytest.raises(SignatureTooLong):
        for i in range(MAX_POINTS + 1):
            recorder.add((i % 2) * 5.0, i * 1.0, i, None)


def test_runs_split_by_glyph_coverage() -> None:
    fonts = load_fonts()
    assert fonts.runs("Ли Вэй 李伟 Li") == [(REGULAR, "Ли Вэй "), (CJK, "李伟 "), (REGULAR, "Li")]
    # A combining accent stays with its letter; a character no font has is replaced.
    assert fonts.runs("e\u0301") == [(REGULAR, "e\u0301")]
    assert fonts.runs("\U0001fae0") == [(REGULAR, REPLACEMENT)]

"""Drawn signatures as plain data: strokes of points (x, y, t, pressure).

The signature pad (``ui.acts.signature_pad``) records pen, touch or mouse input
into a ``StrokeRecorder``; the act embeds the result twice: as vectors on the page
(line width from pressure) and as data in ``act.json`` (so the content hash covers
the dynamics, not only the picture).

Coordinates are in the pad's own space: origin top-left, y down, ``width`` x
``height`` units (the widget's logical pixels). ``t`` is milliseconds since the first
point of the signature; ``pressure`` is 0..1, or ``None`` when the device gives none
(mouse, most touch screens), drawn as ``DEFAULT_PRESSURE``.
"""

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.messages import KeyedError

DEFAULT_PRESSURE = 0.5
# The signature pad's own space: the shape of the act's ink box (app.acts.document: a
# 240.6 x 66 pt inside), so the whole box on the screen is the whole box on paper.
PAD_WIDTH = 600.0
PAD_HEIGHT = 165.0
MAX_POINTS = 6000  # ~1 min of 100 Hz pen input: more is not a signature
MIN_DISTANCE = 0.75  # points closer than this to the previous one add nothing


class InputKind(StrEnum):
    PEN = "pen"  # a tablet pen: real pressure
    TOUCH = "touch"
    MOUSE = "mouse"


@dataclass(frozen=True, slots=True)
class StrokePoint:
    x: float
    y: float
    t: int  # ms since the signature's first point
    pressure: float | None = None

    @property
    def drawn_pressure(self) -> float:
        return DEFAULT_PRESSURE if self.pressure is None else self.pressure


@dataclass(frozen=True, slots=True)
class Stroke:
    points: tuple[StrokePoint, ...]
    input: InputKind = InputKind.MOUSE


@dataclass(frozen=True, slots=True)
class DrawnSignature:
    width: float
    height: float
    strokes: tuple[Stroke, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(stroke.points for stroke in self.strokes)

    @property
    def point_count(self) -> int:
        return sum(len(stroke.points) for stroke in self.strokes)

    def bounds(self) -> tuple[float, float, float, float] | None:
        """(left, top, right, bottom) of the ink, or None when nothing was drawn."""
        points = [p for stroke in self.strokes for p in stroke.points]
        if not points:
            return None
        xs = [p.x for p in points]
        ys = [p.y for p in points]
        return min(xs), min(ys), max(xs), max(ys)

    def to_plain(self) -> dict[str, Any]:
        """Compact JSON-ready form (coordinates to 0.1, pressure to 0.01)."""
        return {
            "width": round(self.width, 1),
            "height": round(self.height, 1),
            "strokes": [
                {
                    "input": stroke.input.value,
                    "points": [
                        [
                            round(p.x, 1),
                            round(p.y, 1),
                            p.t,
                            None if p.pressure is None else round(p.pressure, 2),
                        ]
                        for p in stroke.points
                    ],
                }
                for stroke in self.strokes
            ],
        }

    @classmethod
    def from_plain(cls, plain: Mapping[str, Any]) -> "DrawnSignature":
        strokes = tuple(
            Stroke(
                points=tuple(
                    StrokePoint(float(x), float(y), int(t), None if p is None else float(p))
                    for x, y, t, p in stroke["points"]
                ),
                input=InputKind(stroke.get("input", InputKind.MOUSE.value)),
            )
            for stroke in plain["strokes"]
        )
        return cls(float(plain["width"]), float(plain["height"]), strokes)

    def normalised(self) -> "DrawnSignature":
        """Rounded as ``to_plain`` rounds: what the act stores and draws."""
        return DrawnSignature.from_plain(self.to_plain())


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of ink in target coordinates, with its line width."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float


def line_width(pressure: float, min_width: float, max_width: float) -> float:
    pressure = min(1.0, max(0.0, pressure))
    return min_width + (max_width - min_width) * pressure


def fit_segments(
    signature: DrawnSignature,
    box: tuple[float, float, float, float],
    *,
    min_width: float = 0.5,
    max_width: float = 2.2,
    y_up: bool = True,
    tolerance: float = 0.15,
) -> list[Segment]:
    """The ink scaled into ``box`` = (x, y, width, height), aspect ratio kept, centred.

    ``y_up``: the target's y axis points up (PDF); the pad's points down. A stroke of
    one point becomes a dot (a zero-length segment with round caps). Points that lie
    within ``tolerance`` (target units) of the line through their neighbours and carry
    nearly the same pressure are dropped: invisible at that size, and fewer vectors.
    """
    bounds = signature.bounds()
    if bounds is None:
        return []
    bx, by, bw, bh = box
    # Scale the pad, not the ink's bounds, so a small initial stays small,
    # unless the ink would not fit (a pad bigger than the box).
    scale = min(bw / signature.width, bh / signature.height) if signature.width else 1.0
    off_x = bx + (bw - signature.width * scale) / 2
    off_y = by + (bh - signature.height * scale) / 2

    def place(p: StrokePoint) -> tuple[float, float]:
        x = off_x + p.x * scale
        y = off_y + (signature.height - p.y) * scale if y_up else off_y + p.y * scale
        return x, y

    segments: list[Segment] = []
    for stroke in signature.strokes:
        points = _simplified(stroke.points, tolerance / scale if scale else 0.0)
        if len(points) == 1:
            x, y = place(points[0])
            width = line_width(points[0].drawn_pressure, min_width, max_width)
            segments.append(Segment(x, y, x, y, width))
            continue
        for a, b in zip(points, points[1:], strict=False):
            x1, y1 = place(a)
            x2, y2 = place(b)
            pressure = (a.drawn_pressure + b.drawn_pressure) / 2
            segments.append(Segment(x1, y1, x2, y2, line_width(pressure, min_width, max_width)))
    return segments


def _simplified(points: tuple[StrokePoint, ...], tolerance: float) -> tuple[StrokePoint, ...]:
    """Ramer-Douglas-Peucker on position, keeping points where the pressure changes."""
    if len(points) < 3 or tolerance <= 0:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        a, b = points[first], points[last]
        dx, dy = b.x - a.x, b.y - a.y
        length = math.hypot(dx, dy)
        worst, worst_index = -1.0, -1
        for index in range(first + 1, last):
            p = points[index]
            if length == 0:
                distance = math.hypot(p.x - a.x, p.y - a.y)
            else:
                distance = abs(dy * (p.x - a.x) - dx * (p.y - a.y)) / length
            if abs(p.drawn_pressure - a.drawn_pressure) > 0.08:
                distance = max(distance, tolerance * 2)  # a width change must stay
            if distance > worst:
                worst, worst_index = distance, index
        if worst > tolerance:
            keep[worst_index] = True
            stack.append((first, worst_index))
            stack.append((worst_index, last))
    return tuple(p for p, kept in zip(points, keep, strict=True) if kept)


class SignatureTooLong(KeyedError, ValueError):
    """More points than a signature plausibly has."""

    def __init__(self) -> None:
        super().__init__("act.signature_too_long", max_points=MAX_POINTS)


@dataclass
class StrokeRecorder:
    """Builds a ``DrawnSignature`` from input events, in the pad's coordinates.

    Qt-free: the widget converts its events and calls ``begin``/``add``/``end``.
    ``t_ms`` may come from any monotonic millisecond clock; it is made relative to
    the first point.
    """

    width: float
    height: float
    _strokes: list[Stroke] = field(default_factory=list)
    _current: list[StrokePoint] | None = None
    _input: InputKind = InputKind.MOUSE
    _t0: int | None = None
    _count: int = 0

    def begin(self, x: float, y: float, t_ms: int, pressure: float | None, kind: InputKind) -> None:
        if self._current is not None:
            self.end()
        self._current = []
        self._input = kind
        self.add(x, y, t_ms, pressure)

    def add(self, x: float, y: float, t_ms: int, pressure: float | None) -> bool:
        """Add a point to the current stroke; False when it was too close to count."""
        if self._current is None:
            return False
        if self._count >= MAX_POINTS:
            raise SignatureTooLong()
        if self._t0 is None:
            self._t0 = t_ms
        x = min(self.width, max(0.0, x))
        y = min(self.height, max(0.0, y))
        if pressure is not None:
            pressure = min(1.0, max(0.0, pressure))
        point = StrokePoint(x, y, max(0, t_ms - self._t0), pressure)
        if self._current:
            last = self._current[-1]
            if math.hypot(point.x - last.x, point.y - last.y) < MIN_DISTANCE:
                return False
        self._current.append(point)
        self._count += 1
        return True

    def end(self) -> None:
        if self._current:
            self._strokes.append(Stroke(tuple(self._current), self._input))
        self._current = None

    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self._t0 = None
        self._count = 0

    @property
    def strokes(self) -> Sequence[Stroke]:
        """Finished strokes plus the one being drawn."""
        if self._current:
            return [*self._strokes, Stroke(tuple(self._current), self._input)]
        return list(self._strokes)

    def signature(self) -> DrawnSignature:
        return DrawnSignature(self.width, self.height, tuple(self.strokes))


def iter_points(signature: DrawnSignature) -> Iterator[StrokePoint]:
    for stroke in signature.strokes:
        yield from stroke.points

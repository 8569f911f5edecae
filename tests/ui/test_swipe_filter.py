"""Card-reader bursts through the application-wide filter, with a fake key clock."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from tests.ui.reader_keys import reader_keys
from ui.guest.swipe_filter import BurstDetector, SwipeFilter

CARD = "9001234567890"


class KeyClock:
    """Each key read advances time by ``step`` seconds: a reader or a person."""

    def __init__(self, step: float) -> None:
        self.now = 100.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def form(qtbot, qapp):
    window = QWidget()
    layout = QVBoxLayout(window)
    first, second = QLineEdit(), QLineEdit()
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    return window, first, second


@pytest.fixture
def installed(qapp):
    filters = []

    def install(step: float) -> SwipeFilter:
        swipe = SwipeFilter(clock=KeyClock(step))
        qapp.installEventFilter(swipe)
        filters.append(swipe)
        return swipe

    yield install
    for swipe in filters:
        qapp.removeEventFilter(swipe)


def test_reader_burst_is_detected_and_removed_from_the_field(qtbot, form, installed) -> None:
    _, field, _ = form
    field.setText("Ch")
    swipe = installed(0.008)
    returns = []
    field.returnPressed.connect(lambda: returns.append(True))
    with qtbot.waitSignal(swipe.swipe_detected, timeout=2000) as blocker:
        qtbot.keyClicks(field, CARD)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert blocker.args == [CARD]
    assert field.text() == "Ch"  # the burst is gone, the person's text stays
    assert returns == []  # the reader's Enter did not submit the field


def test_track_sentinels_are_passed_raw(qtbot, form, installed) -> None:
    _, field, _ = form
    swipe = installed(0.005)
    with qtbot.waitSignal(swipe.swipe_detected, timeout=2000) as blocker:
        qtbot.keyClicks(field, f";{CARD}?")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert blocker.args == [f";{CARD}?"]


def test_a_person_typing_digits_is_left_alone(qtbot, form, installed) -> None:
    _, field, _ = form
    swipe = installed(0.180)
    seen = []
    swipe.swipe_detected.connect(seen.append)
    with qtbot.waitSignal(field.returnPressed, timeout=2000):
        qtbot.keyClicks(field, CARD)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert seen == []
    assert field.text() == CARD


def test_disabled_filter_sees_nothing(qtbot, form, installed) -> None:
    _, field, _ = form
    swipe = installed(0.005)
    swipe.enabled = False
    seen = []
    swipe.swipe_detected.connect(seen.append)
    qtbot.keyClicks(field, CARD)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert seen == [] and field.text() == CARD


@pytest.mark.parametrize(
    ("gaps", "expected"),
    [
        ([0.01] * 12, CARD[:12]),  # a reader
        ([0.2] * 12, None),  # a person
        ([0.01] * 4, None),  # too short for a card: key roll-over
        ([0.01] * 6 + [0.3] + [0.01] * 4, None),  # a pause breaks the burst
        ([0.01, 0.3] + [0.01] * 10, CARD[1:12]),  # a person's key before it is dropped
    ],
)
def test_burst_detector(gaps: list[float], expected: str | None) -> None:
    detector = BurstDetector()
    t = 0.0
    for char, gap in zip(CARD, gaps, strict=False):
        t += gap
        detector.key(char, t)
    assert detector.enter(t + 0.01) == expected


def test_enter_long_after_the_burst_is_a_person(qtbot) -> None:
    detector = BurstDetector()
    for i, char in enumerate(CARD):
        detector.key(char, i * 0.01)
    assert detector.enter(5.0) is None


@pytest.mark.parametrize(
    ("typed_ms", "read_s", "swiped"),
    [
        (5, 0.100, True),  # busy console: a reader's keys, 5 ms apart, read 100 ms apart
        (150, 0.001, False),  # keys a person typed 150 ms apart, read all at once
    ],
)
def test_keys_are_timed_by_their_timestamps_not_by_when_they_are_read(
    qtbot, form, installed, typed_ms: int, read_s: float, swiped: bool
) -> None:
    _, field, _ = form
    swipe = installed(read_s)
    seen: list[str] = []
    swipe.swipe_detected.connect(seen.append)
    reader_keys(field, CARD, start_ms=50_000, gap_ms=typed_ms)
    assert seen == ([CARD] if swiped else [])
    assert field.text() == ("" if swiped else CARD)

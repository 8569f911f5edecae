"""A guest card's painted label/value rows: each text in its own column, whole."""

from PySide6.QtGui import QColor, QImage

from ui.guest.card_sections import CardSection
from ui.guest.field_rows import COLUMN_GAP

ROWS = [
    ("Host", "Sophie Laurent"),
    ("Personal bankroll limit", "AUD 5,000"),
    ("Code word", "on file: ask the guest, never say it"),
]


def _ink_columns(image: QImage, background: QColor) -> set[int]:
    return {
        x
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y) != background
    }


def test_labels_stay_in_their_column_and_values_wrap_whole_beside_them(qtbot, themed_app) -> None:
    section = CardSection("Guest")
    qtbot.addWidget(section)
    section.resize(460, 400)
    section.show()
    section.begin()
    for label, value in ROWS:
        section.add(label, value)
    section.finish()
    rows = section.rows
    qtbot.waitUntil(lambda: rows.height() >= rows.heightForWidth(rows.width()))
    image = rows.grab().toImage()
    background = image.pixelColor(image.width() - 1, image.height() - 1)
    left = rows.value_left()
    assert left > COLUMN_GAP  # the labels make a column, the values are beside it
    ink = _ink_columns(image, background)
    gap = set(range(left - COLUMN_GAP + 2, left - 1))
    assert not ink & gap, sorted(ink & gap)  # no label runs into its value
    assert any(x < left - COLUMN_GAP for x in ink) and any(x >= left for x in ink)
    assert rows.texts() == [text for row in ROWS for text in row if text]
    narrow = rows.heightForWidth(200)
    assert narrow > rows.heightForWidth(460)  # narrower, the texts wrap to more lines


def test_a_larger_text_size_measures_the_rows_again(qtbot, themed_app) -> None:
    """The rows remember their texts' widths from swipe to swipe; in a larger font (the
    device's text size) they are measured again: the label column widens."""
    section = CardSection("Guest")
    qtbot.addWidget(section)
    section.resize(900, 400)
    section.show()
    rows = section.rows
    rows.set_rows(ROWS)
    rows.heightForWidth(rows.width())
    left = rows.value_left()
    section.setStyleSheet('QLabel[variant="subtle"] { font-size: 26pt; }')
    rows.set_rows(ROWS[1:])  # the next guest's rows, then the first's again
    rows.set_rows(ROWS)
    rows.heightForWidth(rows.width())
    assert rows.value_left() > left

"""A choice row refreshed (new counts, one host more or fewer) keeps the buttons it can:
the keyboard's focus and the choice stay where they were."""

from __future__ import annotations

from ui.choice_row import TouchPicker


def test_a_refresh_keeps_the_buttons_and_the_choice(qtbot) -> None:  # noqa: ANN001
    picker = TouchPicker("hosts", 2)
    qtbot.addWidget(picker)
    picker.set_options([("Fewest guests", None), ("Sophie (4)", "H001"), ("Ken (2)", "H002")])
    picker.show()
    before = list(picker.buttons)
    picker.set_value("H002")
    before[2].setFocus()
    picker.set_options(
        [("Fewest guests", None), ("Sophie (5)", "H001"), ("Ken (2)", "H002")], picker.value()
    )
    assert picker.buttons == before
    assert [b.text() for b in picker.buttons] == ["Fewest guests", "Sophie (5)", "Ken (2)"]
    assert picker.value() == "H002" and before[2].isChecked()
    picker.set_options([("Fewest guests", None), ("Ken (2)", "H002")], picker.value())
    assert picker.buttons == before[:2]  # the third goes; the first two stay
    assert picker.value() == "H002" and picker.buttons[1].text() == "Ken (2)"
    picker.buttons[0].click()
    assert picker.value() is None

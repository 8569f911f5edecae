"""The board page's height: what stands above the table gives way, in order, until the
table keeps its rows (app/board_room.py)."""

from app.board_room import Part, give_way

KPIS = Part("kpis", 130, 0)
REMINDER = Part("reminder", 170, 90)
SIGN_OFFS = Part("sign_offs", 130, 90)


def test_nothing_gives_way_where_there_is_room() -> None:
    assert give_way(800, 270, [KPIS, REMINDER]) == frozenset()


def test_the_first_part_gives_way_first_and_only_as_far_as_needed() -> None:
    assert give_way(560, 270, [KPIS, REMINDER]) == {"kpis"}  # 560 - 170 keeps 390
    assert give_way(560, 270, [REMINDER, KPIS]) == {"reminder"}  # 560 - 90 - 130 keeps 340


def test_then_the_next_until_the_table_has_its_height() -> None:
    assert give_way(400, 270, [KPIS, REMINDER, SIGN_OFFS]) == {"kpis", "reminder", "sign_offs"}
    assert give_way(500, 270, [KPIS, REMINDER, SIGN_OFFS]) == {"kpis", "reminder"}


def test_all_give_way_when_even_that_is_short() -> None:
    assert give_way(100, 270, [KPIS, REMINDER]) == {"kpis", "reminder"}


def test_a_part_not_shown_takes_no_room_and_does_not_change() -> None:
    hidden = Part("sign_offs", 0, 0)
    assert give_way(390, 270, [hidden, KPIS]) == {"kpis"}
    assert give_way(400, 270, [KPIS, hidden], spacing=6) == {"kpis"}


def test_spacing_counts_for_each_part_shown() -> None:
    assert give_way(400, 270, [KPIS]) == frozenset()  # 400 - 130 = 270
    assert give_way(400, 270, [KPIS], spacing=6) == {"kpis"}

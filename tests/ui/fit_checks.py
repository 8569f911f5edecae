"""What "fits" means on a tablet, checked on a screen of the real console.

``fits``: nothing needs more room than the window has, nothing scrolls sideways (nor
lies beside a list whose sideways bar is off: an act's page as wide as its viewer), text
is 12 px or more, every button is a touch target in view, and no text is cut: a button,
a label that does not wrap, a field's hint, a tab, a header, a guest card's painted rows
and each cell of a list or table in view show their text whole (or wrapped into the
height they have). ``chrome_fits``: the same of the window's own parts around a page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStyleOptionViewItem,
    QTabBar,
    QWidget,
)
from pytestqt.exceptions import TimeoutError

from tests.ui.demo_console import Console, in_view, screen_fits
from ui.guest.field_rows import FieldRows
from ui.guest.lookup import GuestLookupPanel
from ui.hint_field import FIELD_MARGINS
from ui.theme import MIN_TOUCH


def fits(console: Console, screen: QWidget) -> None:
    window = console.window
    console.qtbot.wait(10)  # type: ignore[attr-defined] - what a shown screen posts runs

    # a relayout may take a few turns (pages drawn again once a scroll bar came, a
    # choice checked as the screen opened: its border is 2 px wider for a turn)
    def settled() -> bool:
        try:
            screen_fits(console, within=screen)
        except AssertionError:
            return False
        return not list(cut_texts(screen)) and not list(wide_areas(screen))

    settle(console, settled)
    need = screen.minimumSizeHint()
    have = screen.size()
    assert need.width() <= have.width() and need.height() <= have.height(), (need, have)
    screen_fits(console, within=screen)
    wide = list(wide_areas(screen))  # its bar hidden, nothing hides beside it
    assert wide == [], wide
    cut = list(cut_texts(screen))
    assert cut == [], cut
    for button in shown(screen, QAbstractButton):
        if button.isEnabled() and button.window() is screen.window():
            assert button.height() >= MIN_TOUCH, button.objectName() or button.text()
            if screen.window() is window:
                reachable(window, button)


def chrome_fits(console: Console) -> None:
    """The window's own parts around the page: the search field with its hint, the
    banners and the status strip, each shown whole with its controls in the window."""
    window = console.window
    chrome = [window.statusBar(), *window.findChildren(GuestLookupPanel)]
    # An alert that comes meanwhile takes the status bar: its lines at the width it
    # gets are laid out a turn later (ui/fitted_label.py), as a page's after a resize.
    settle(console, lambda: not any(list(cut_texts(p)) for p in chrome if p.isVisible()))
    for part in chrome:
        if not part.isVisible():
            continue
        cut = list(cut_texts(part))
        assert cut == [], cut
        controls = [*part.findChildren(QAbstractButton), *part.findChildren(QLineEdit)]
        for control in controls:
            if control.isVisible():
                in_view(window, control)


def reachable(window: QWidget, widget: QWidget) -> None:
    """In view, or in a list that scrolls up and down to it: never beside the window."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        in_view(window, widget)
        return
    left = widget.mapTo(area.viewport(), QPoint(0, 0)).x()
    name = widget.objectName() or widget.metaObject().className()
    assert 0 <= left and left + widget.width() <= area.viewport().width(), name
    in_view(window, area)


def wide_areas(screen: QWidget) -> Iterator[tuple[str, int, int]]:
    """Scroll areas whose content is wider than what they show."""
    for area in shown(screen, QScrollArea):
        inside = area.widget()
        if inside is not None and area.widgetResizable():
            if inside.width() > area.viewport().width():
                yield _name(area), inside.width(), area.viewport().width()


def settle(console: Console, settled: Callable[[], bool]) -> None:
    """Let the event loop run until ``settled`` (layouts that follow a resize), or a
    second has passed: what is still wrong then is asserted by the caller."""
    try:
        console.qtbot.waitUntil(settled, timeout=1000)  # type: ignore[attr-defined]
    except TimeoutError:
        pass


def shown(root: QWidget, kind: type) -> Iterator:
    for widget in root.findChildren(kind):
        if widget.isVisible():
            yield widget


def cut_texts(root: QWidget) -> Iterator[tuple[str, str, int, int]]:
    """(where, text, room needed, room given) of each text that does not show whole."""
    for label in shown(root, QLabel):
        text = label.text()
        if not text or label.pixmap() is not None and not label.pixmap().isNull():
            continue
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if need > label.height():
                yield _name(label), text[:40], need, label.height()
        elif label.sizeHint().width() > label.width():
            yield _name(label), text[:40], label.sizeHint().width(), label.width()
    for rows in shown(root, FieldRows):  # a card's painted rows wrap to their width
        need = rows.heightForWidth(rows.width())
        if need > rows.height():
            yield _name(rows), " ".join(rows.texts())[:40], need, rows.height()
    for button in shown(root, QAbstractButton):
        if button.text() and button.sizeHint().width() > button.width():
            yield _name(button), button.text(), button.sizeHint().width(), button.width()
    for edit in shown(root, QLineEdit):
        hint = edit.placeholderText()
        if hint and not edit.text():
            need = edit.fontMetrics().horizontalAdvance(hint) + FIELD_MARGINS
            if need > edit.width():
                yield _name(edit), hint, need, edit.width()
    for bar in shown(root, QTabBar):
        # Qt's own size for the tab (the style sheet's tab font, not the bar's, and the
        # padding): a tab given less elides its title; one past the bar's end is behind
        # its scroll buttons.
        for tab in range(bar.count()):
            need = bar.tabSizeHint(tab).width()
            if need > bar.tabRect(tab).width() or bar.tabRect(tab).right() > bar.width():
                yield _name(bar), bar.tabText(tab), need, bar.tabRect(tab).width()
    for view in shown(root, QAbstractItemView):
        if not isinstance(view, QHeaderView):
            yield from _cut_cells(view)


def _cut_cells(view: QAbstractItemView) -> Iterator[tuple[str, str, int, int]]:
    """A cell is whole when its delegate, asked for the size of its text at the cell's
    width (wrapped where the view wraps), needs no more than the cell has."""
    model = view.model()
    viewport = view.viewport().rect()
    for index in _indexes(model):
        rect = view.visualRect(index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not rect.isValid() or not viewport.intersects(rect) or not text:
            continue
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = rect
        need = view.itemDelegateForIndex(index).sizeHint(option, index)
        if option.features & QStyleOptionViewItem.ViewItemFeature.WrapText:
            if need.height() > rect.height() + 1:  # wrapped: the lines need the height
                yield _name(view), str(text)[:40], need.height(), rect.height()
        elif need.width() > rect.width() + 1:
            yield _name(view), str(text)[:40], need.width(), rect.width()


def _indexes(model) -> Iterator[QModelIndex]:  # noqa: ANN001
    root = QModelIndex()
    for row in range(model.rowCount(root)):
        for column in range(columns(model)):
            yield model.index(row, column, root)


def columns(model) -> int:  # noqa: ANN001
    try:
        return model.columnCount(QModelIndex())
    except TypeError:  # a list model: one column (PySide keeps columnCount private)
        return 1


def _name(widget: QWidget) -> str:
    names = []
    while widget is not None and len(names) < 3:
        if widget.objectName():
            names.append(widget.objectName())
        widget = widget.parentWidget()
    return "/".join(names) or type(widget).__name__

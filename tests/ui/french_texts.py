"""Every text a screen shows, and whether any of it is still English.

``visible_texts`` walks a screen's widget tree: labels, buttons, field hints, tabs,
tooltips, window titles, the headers and the cells in view of every list and table.
``untranslated`` compares them with the English source catalogue (the ``.ts`` file's
sources whose French differs): a text that is a source, or a source's sentence with
its placeholders filled in, or that holds a longer source, is untranslated. Words
that never went through the catalogue (an enum's value, a core message in English)
are caught too: a word of the English texts the console knows (the catalogue's
sources, the core's messages, its enums' values) that French never uses. The
property's data (names, rooms, preferences, tables, locations) is not the console's
to translate and is left out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass
from enum import Enum
from functools import cache
from importlib import resources

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as QtGuiQt  # mightBeRichText lives in QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from app.domain import enums
from app.messages import ENGLISH
from tests.ui.fit_checks import columns as model_columns
from ui.guest.field_rows import FieldRows
from ui.i18n import LANGUAGE_NAMES

PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^}]*)?\}|%n|%\d")
WORD = re.compile(r"[A-Za-z][a-z]{2,}")  # a word of three letters or more
PARTS = re.compile(r"\s+[·—|]\s+|\n")  # what joins the pieces of a composed text
PIECES = re.compile(r"(,\s+|:\s+)")  # what joins items of a list, or a name and its value


@dataclass(frozen=True)
class Catalogue:
    sources: frozenset[str]  # English sources whose French differs
    templates: tuple[re.Pattern[str], ...]  # the same with placeholders, as patterns
    long_sources: tuple[str, ...]  # sources of several words, found inside a text
    english_words: frozenset[str]  # words English texts use and French never does


@cache
def catalogue() -> Catalogue:
    data = resources.files("resources.translations").joinpath("vip_console_fr.ts").read_bytes()
    sources, templates, long_sources = set(), [], []
    english, french = set(), set()
    for message in ET.fromstring(data).iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        french.update(w.casefold() for form in forms for w in WORD.findall(_plain(form)))
        if all(form == source for form in forms):
            continue  # the same in both languages ("Concierge", "VIP")
        english.update(w.casefold() for w in WORD.findall(PLACEHOLDER.sub(" ", _plain(source))))
        if PLACEHOLDER.search(source):
            literal = PLACEHOLDER.sub("", source)
            if len(re.findall(r"[A-Za-z]", literal)) >= 4:
                pieces = [re.escape(p) for p in PLACEHOLDER.split(source)]
                templates.append(re.compile("(?s)" + "(.+?)".join(pieces)))
        else:
            sources.add(source)
            if len(source.split()) >= 2 and len(source) >= 12:
                long_sources.append(source)
    for template in ENGLISH.values():
        for text in (template,) if isinstance(template, str) else template:
            english.update(w.casefold() for w in WORD.findall(PLACEHOLDER.sub(" ", text)))
    for enum in vars(enums).values():
        if isinstance(enum, type) and issubclass(enum, Enum) and enum is not Enum:
            for member in enum:
                if isinstance(member.value, str):
                    english.update(w.casefold() for w in WORD.findall(member.value))
    return Catalogue(
        frozenset(sources), tuple(templates), tuple(long_sources), frozenset(english - french)
    )


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of every text ``root`` shows now, itself included."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        where = widget.objectName() or type(widget).__name__
        if isinstance(widget, QDialog) or widget.isWindow():
            yield where, widget.windowTitle()
        if widget.toolTip():
            yield where, widget.toolTip()
        if isinstance(widget, QLabel):
            yield where, widget.text()
        elif isinstance(widget, FieldRows):  # a guest card's painted label/value rows
            yield from ((where, text) for text in widget.texts())
        elif isinstance(widget, QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            yield where, widget.placeholderText()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                yield where, widget.tabText(tab)
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            yield from ((where, text) for text in _view_texts(widget))


def _view_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    root = QModelIndex()
    columns = model_columns(model)
    for column in range(columns):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    viewport = view.viewport().rect()
    for row in range(model.rowCount(root)):
        for column in range(columns):
            index = model.index(row, column, root)
            if viewport.intersects(view.visualRect(index)):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    text = index.data(role)
                    if isinstance(text, str):
                        yield text


def untranslated(texts: Iterable[tuple[str, str]], data: frozenset[str]) -> list[str]:
    """Each text (and part of one) still in English, with where it shows."""
    known = catalogue()
    found = []
    for where, raw in texts:
        text = _plain(raw).strip()
        if not text:
            continue
        parts = [p.strip() for p in PARTS.split(text)]  # "Category · summary · Guest: …"
        for part in filter(None, parts if len(parts) > 1 else [text]):
            why = _english(part, known, data)
            if why:
                found.append(f"{where}: {part!r} ({why})")
                break
    return sorted(set(found))


def _english(part: str, known: Catalogue, data: frozenset[str]) -> str:
    if part.casefold() in data or part in LANGUAGE_NAMES.values():
        return ""
    if part in known.sources:
        return "an English source"
    if any(template.fullmatch(part) for template in known.templates):
        return "an English sentence"
    inside = next((s for s in known.long_sources if s in part), None)
    if inside is not None:
        return f"holds {inside!r}"
    words = " ".join(_not_data(part, data))
    english = [w for w in WORD.findall(words) if w.casefold() in known.english_words]
    return f"English words {english}" if english else ""


def _not_data(part: str, data: frozenset[str]) -> list[str]:
    """The pieces of ``part`` that are not data: a list of preferences ("Near lift, Sky
    Villa, high floor"), a name and its number ("Gambling Help Online: 1800 858 858")
    are data items joined by commas and colons, some holding commas themselves."""
    pieces = PIECES.split(part)  # items at even places, their joiners between
    left, start = [], 0
    while start < len(pieces):
        end = next(
            (
                end
                for end in range(len(pieces), start, -2)
                if "".join(pieces[start:end]).casefold() in data
            ),
            None,
        )
        if end is None:
            left.append(pieces[start])
            start += 2
        else:
            start = end + 1
    return left


def _plain(text: str) -> str:
    if QtGuiQt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def data_texts(values: Iterable[object]) -> frozenset[str]:
    """Every text held in these records (names, rooms, preferences…), case-folded: the
    property's own words, which no catalogue translates."""
    found: set[str] = set()
    for value in values:
        _collect(value, found)
    return frozenset(t.casefold() for t in found)


def _collect(value: object, found: set[str]) -> None:
    if isinstance(value, Enum):
        return  # a code the console words itself
    if isinstance(value, str):
        found.add(value)
    elif is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            _collect(getattr(value, field.name), found)
    elif isinstance(value, Mapping):  # a dict, or a policy's read-only mapping
        for item in value.values():
            _collect(item, found)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _collect(item, found)

"""ORM objects made and read through their state, not their attributes (issue 15).

The ORM's attributes fire an event on every set and look the value up on every read:
a new incident's 30 columns set one by one cost 70-130 us, and an answer's 30 reads
as much as the JSON they become. Here a row is made as a loaded one is, its columns
put in its state at once, and read back from that state where every column is there.
Only for objects no flush writes: the rows inserted and updated by plain statements
(helpdesk.incident_rows) and read to answer.
"""

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy.orm import configure_mappers
from sqlalchemy.orm.instrumentation import manager_of_class

T = TypeVar("T")


def transient(model: type[T], values: Mapping[str, Any], **more: Any) -> T:
    """A ``model`` object holding ``values`` and ``more`` as its committed state, never
    to be added to a session (what changed since is not tracked: nothing flushes it).
    A column not given holds None, as it reads on an object made by the constructor."""
    manager = manager_of_class(model)
    if not manager.mapper.configured:
        configure_mappers()  # as the constructor does: the columns' attributes exist then
    row: T = manager.new_instance()
    row.__dict__.update(dict.fromkeys(column_names(model)), **values, **more)
    return row


_NAMES: dict[type[Any], tuple[tuple[str, ...], frozenset[str]]] = {}


def column_names(model: type[Any]) -> tuple[str, ...]:
    """The names of ``model``'s columns, which are its attributes' names too."""
    return _names(model)[0]


def _names(model: type[Any]) -> tuple[tuple[str, ...], frozenset[str]]:
    found = _NAMES.get(model)
    if found is None:
        names = tuple(column.name for column in model.__table__.columns)
        found = _NAMES[model] = (names, frozenset(names))
    return found


def columns(row: Any) -> Mapping[str, Any]:
    """The row's columns by name, as its attributes would read them. A row with a
    column not loaded (expired by a commit, never set) is read attribute by attribute."""
    held: dict[str, Any] = row.__dict__
    names, name_set = _names(type(row))
    if name_set <= held.keys():
        return held
    return {name: getattr(row, name) for name in names}

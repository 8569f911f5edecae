"""Many rows of one statement handed to SQLite's executemany as tuples (a batch's end).

SQLAlchemy's executemany builds every row's parameters in Python (``construct_params``
and the bind processors, row by row): 20-70 us a row, several times SQLite's own
insert, and a batch of the replay writes some 400 rows (issue 15). Here the statement
is compiled once per set of keys and each row becomes the driver's tuple through the
same bind processors, so the values stored are the same. Only on SQLite: on
PostgreSQL SQLAlchemy already sends the rows of an insert in pages. A statement this
does not cover (a default or onupdate computed per row, a bind the rows do not name,
an expanding or escaped bind) goes through ``Session.execute`` as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, cast

from sqlalchemy.orm import Session

_MAX_PLANS = 256  # statements are module constants: a bound only against a leak


@dataclass(frozen=True, slots=True)
class _Plan:
    sql: str
    keys: tuple[str, ...]  # the row's key for each "?" in order
    take: Callable[[Mapping[str, Any]], Any]  # itemgetter of ``keys``
    converted: tuple[tuple[int, Callable[[Any], Any]], ...]  # (position, bind processor)


_PLANS: dict[tuple[Any, tuple[str, ...]], _Plan | None] = {}


def executemany(session: Session, statement: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    """``session.execute(statement, rows)``, without SQLAlchemy's per-row work where it can."""
    connection = session.connection()
    keys = tuple(rows[0])
    plan = _plan(connection.dialect, statement, keys) if len(rows) > 1 else None
    if plan is None or any(tuple(row) != keys for row in rows):
        session.execute(statement, list(rows))
        return
    connection.exec_driver_sql(plan.sql, [_driver_row(plan, row) for row in rows])


def _driver_row(plan: _Plan, row: Mapping[str, Any]) -> tuple[Any, ...]:
    """The row's values in the statement's order, each through its bind processor; the
    values taken at once (a generator per row cost twice the rest)."""
    values = plan.take(row)
    if len(plan.keys) == 1:
        values = (values,)  # itemgetter of one key: the value itself
    if not plan.converted:
        return cast(tuple[Any, ...], values)
    listed = list(values)
    for index, process in plan.converted:
        listed[index] = process(listed[index])
    return tuple(listed)  # what the driver's executemany is handed


def _plan(dialect: Any, statement: Any, keys: tuple[str, ...]) -> _Plan | None:
    if dialect.name != "sqlite":
        return None
    cache_key = (statement, keys)
    if cache_key not in _PLANS:
        if len(_PLANS) >= _MAX_PLANS:
            _PLANS.clear()
        _PLANS[cache_key] = _compile(dialect, statement, keys)
    return _PLANS[cache_key]


def _compile(dialect: Any, statement: Any, keys: tuple[str, ...]) -> _Plan | None:
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    order = compiled.positiontup
    per_row = (
        compiled.insert_prefetch,
        compiled.update_prefetch,
        compiled.escaped_bind_names,
        compiled.post_compile_params,
        compiled.literal_execute_params,
        compiled.effective_returning,
    )
    if not compiled.positional or order is None or any(per_row) or not set(order) <= set(keys):
        return None
    processors = compiled._bind_processors  # noqa: SLF001 - what construct_params applies
    if any(isinstance(processors.get(name), tuple) for name in order):
        return None  # a tuple type's processors
    converted = tuple(
        (index, processors[name]) for index, name in enumerate(order) if processors.get(name)
    )
    return _Plan(compiled.string, tuple(order), itemgetter(*order), converted)

"""A real store whose units of work have one broken repository, for the rollback tests.

``FailingStore(store, "audit", RuntimeError("disk full"))`` hands out the real units of
work, except that every call on ``uow.audit`` raises that error: the unit then rolls
back as it would after a real disk error, and the test reads the real store to see what
was (not) kept.
"""

from typing import Any, Self

from app.ports import Store, UnitOfWork


class _BrokenRepository:
    """Any method called on it raises ``error``."""

    def __init__(self, error: Exception) -> None:
        self._error = error

    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise self._error

        return fail


class _UnitOfWorkWithABrokenRepository:
    """The real unit of work, but ``repository`` is broken."""

    def __init__(self, inner: UnitOfWork, repository: str, error: Exception) -> None:
        self._inner, self._repository = inner, repository
        self._broken = _BrokenRepository(error)

    def __getattr__(self, name: str) -> Any:
        if name == self._repository:
            return self._broken
        return getattr(self._inner, name)

    def __enter__(self) -> Self:
        self._inner.__enter__()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._inner.__exit__(*exc_info)


class FailingStore:
    """``inner``, except that ``repository`` (e.g. "audit") raises ``error`` in every unit."""

    def __init__(self, inner: Store, repository: str, error: Exception) -> None:
        if repository not in UnitOfWork.__annotations__:
            raise ValueError(f"no repository {repository!r} in a unit of work")
        self._inner, self._repository, self._error = inner, repository, error

    def prepare_guests(self, guests: Any) -> Any:
        return self._inner.prepare_guests(guests)

    def unit_of_work(self) -> _UnitOfWorkWithABrokenRepository:
        inner = self._inner.unit_of_work()
        return _UnitOfWorkWithABrokenRepository(inner, self._repository, self._error)

    def reading(self) -> _UnitOfWorkWithABrokenRepository:
        inner = self._inner.reading()
        return _UnitOfWorkWithABrokenRepository(inner, self._repository, self._error)

    def close(self) -> None:
        self._inner.close()

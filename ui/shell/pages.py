"""What a feature module offers the shell: pages, each for the roles that may see it.

A feature package (``ui.host``, ``ui.desk``, ``ui.concierge``, ``ui.incident`` …)
exposes ``pages(env: PageEnv) -> list[PageSpec]``; the main window shows, for the
signed-in actor, the pages whose ``roles`` hold the actor's role, in ``order``.
A page's widget is built once per sign-in and dropped at sign-out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.actor import Actor
from app.domain import Role

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.async_ops import AsyncOps


@dataclass(frozen=True)
class PageEnv:
    """Everything a page may use: the core context's services and the UI helpers."""

    context: Any  # app.bootstrap.ConsoleContext
    ops: AsyncOps
    actor: Actor
    extras: dict[str, Any] = field(default_factory=dict)  # e.g. "sync": the sync engine


@dataclass(frozen=True)
class PageSpec:
    key: str  # stable id, e.g. "host.my_guests"
    title: str  # already translated
    roles: frozenset[Role]
    build: Callable[[], QWidget]
    order: int = 100
    shortcut: str | None = None  # e.g. "Ctrl+2", for desk staff
    in_rail: bool = True  # False: a page reached from another (the incident view)


def visible_pages(specs: list[PageSpec], actor: Actor) -> list[PageSpec]:
    """The pages ``actor``'s role may see, in ``order`` (then key); one per key."""
    seen: set[str] = set()
    chosen = []
    for spec in sorted(specs, key=lambda s: (s.order, s.key)):
        if actor.role in spec.roles and spec.key not in seen:
            seen.add(spec.key)
            chosen.append(spec)
    return chosen

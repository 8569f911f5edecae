"""The host's pages for the shell (``ui.shell.pages`` contract)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain import Role
from ui.shell.pages import PageEnv, PageSpec


def host_names(context: object) -> Callable[[str], str]:
    """The staff name for a host id (one small local read per host, then cached)."""
    store = getattr(context, "store", None)
    known: dict[str, str] = {}

    def name(host_id: str) -> str:
        if store is None:
            return host_id
        if host_id not in known:
            with store.unit_of_work() as uow:
                staff = uow.staff.by_id(host_id)
            known[host_id] = staff.name if staff else host_id
        return known[host_id]

    return name


def engine_of(env: PageEnv) -> object | None:
    sync = env.extras.get("sync")
    return getattr(sync, "engine", sync)


def pages(env: PageEnv) -> list[PageSpec]:
    def build() -> QWidget:
        from ui.host.page import HostPage

        return HostPage(
            env.context,
            env.ops,
            env.actor,
            engine=engine_of(env),
            host_names=host_names(env.context),
        )

    return [
        PageSpec(
            key="host.my_guests",
            title=QCoreApplication.translate("pages", "My guests"),
            roles=frozenset({Role.HOST}),
            build=build,
            order=20,
            shortcut="Ctrl+2",
        )
    ]

"""Thin entry point and composition root: ``python main.py`` is ``vip-console``.

Commands that need no window run from the Qt-free core (``app.cli``); only the
console itself imports the ``ui`` package, and only when it is started.
"""

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from app.dataclass_code import install

    install()  # before the first dataclass: its methods' code compiled ahead
    from app.gc_rest import hold_for_start

    hold_for_start()  # until the console's start is made (app/gc_rest.py)
    from app.cli import configure_logging, default_log_dir, parse_args, run_command

    args = parse_args(argv)
    # The console keeps a rotating log file; one-shot commands log to stderr only.
    configure_logging(args.verbose, default_log_dir() if args.command == "run" else None)
    if args.command == "run":
        _skip_unused_imports()
        from ui.launch import launch_console

        return launch_console(args)
    import gc

    gc.enable()  # a one-shot command or a service: collected as usual
    return run_command(args)


def _skip_unused_imports() -> None:
    """httpx imports its command-line tool (click, rich: some 50 ms of the console's
    start) whenever they are installed; the console never runs it. A None entry makes
    that one import fail, which httpx expects (its ``main`` then only says how to install
    the tool)."""
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]


if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # the bundle: its process pool's children start here
        import multiprocessing

        multiprocessing.freeze_support()  # runs a child's task instead of the console
    sys.exit(main())

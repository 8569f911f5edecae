"""Thin entry point and composition root: ``python main.py`` is ``vip-console``.

Commands that need no window run from the Qt-free core (``app.cli``); only the
console itself imports the ``ui`` package, and only when it is started.
"""

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli import configure_logging, parse_args, run_command

    args = parse_args(argv)
    configure_logging(args.verbose)
    if args.command == "run":
        from ui.launch import launch_console

        return launch_console(args)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())

"""Thin entry point: ``python main.py`` is ``vip-console``."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())

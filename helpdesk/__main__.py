"""``python -m helpdesk serve …`` (same as ``vip-console helpdesk serve …``)."""

import sys

from helpdesk.cli import main

sys.exit(main())

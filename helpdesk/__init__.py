"""The property's central helpdesk: the reference service behind the sync contract.

FastAPI + SQLAlchemy, SQLite by default and PostgreSQL by URL; see
``docs/helpdesk-api.md``. Start it with ``vip-console helpdesk serve`` or embed it
with ``helpdesk.server.start_in_thread``. Separate from ``app/`` (which never
imports it) so the console's core stays light.
"""

__version__ = "0.1.0"

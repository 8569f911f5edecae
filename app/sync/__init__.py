"""Sync with the central helpdesk: outbox replay, change feed, offline status.

Importing this package is cheap and network-free: the outbox vocabulary lives in
``app.sync.outbox`` (used by the services and the store); the engine
(``app.sync.engine``) brings in httpx, the replay and the feed only when it learns the
helpdesk's address (for the embedded helpdesk, after the console's start).
"""

"""Sync with the central helpdesk: outbox replay, change feed, offline status.

Importing this package is cheap and network-free: the outbox vocabulary lives in
``app.sync.outbox`` (used by the services and the store); the engine
(``app.sync.engine``) brings in httpx only when it is imported.
"""

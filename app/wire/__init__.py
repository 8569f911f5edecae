"""The wire: how domain objects become JSON and back, one contract for everyone.

``codec`` is the exact dataclass <-> JSON codec (the store's JSON columns, the
helpdesk's records, the change feed); ``contract`` the shapes of
docs/helpdesk-api.md with strict checks on what comes in. The store
(``offline_cache``), the sync engine (``app.sync``) and the helpdesk all use these
two modules and no other encoding of the domain.
"""

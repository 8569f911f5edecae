"""Qt-free services: the only way the UI reads or changes anything.

Every public call checks the actor's permission (``app.permissions.require``),
does its work and appends an audit row in one unit of work. Import services
from their modules (``app.services.guests``); this package stays import-light.
"""

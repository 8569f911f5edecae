"""Signed updates of the console (docs/updates.md).

``source`` says where updates come from, ``installed`` keeps the versioned install
directory (the running version, the one before it, the one staged for the next idle
lock), ``service`` checks, verifies (TUF, through tufup's client), stages, installs and
audits. Qt-free: the UI only decides *when* (in the background; at the idle lock).
"""

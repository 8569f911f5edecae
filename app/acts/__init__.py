"""Incident acts (SPEC §6): rendered to PDF, signed (PAdES), stored immutably, verified.

``model`` holds the plain data; ``document`` lays an act out and renders it with
reportlab; ``signing`` seals it (PAdES B-B), ``upgrade`` adds a timestamp and
validation data (B-T, B-LT) when the helpdesk is reachable; ``verify`` is the verdict
of ``vip-console act verify``; ``service.ActService`` ties them to the store.

This package's ``__init__`` imports nothing, so ``app.ports`` can use ``app.acts.model``
without loading reportlab or pyHanko.
"""

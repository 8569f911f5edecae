"""Compliance helpers of the core (SPEC §4): AML/CTF threshold reports, gambling help.

Import from the modules: ``app.compliance.aml``, ``app.compliance.rg``.
"""

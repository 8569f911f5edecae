"""Sync status for the user: the banner, the review dialog, the wiring to the engine."""

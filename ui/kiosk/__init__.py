"""Kiosk operation: the window that cannot be left but by IT's PIN, kept awake."""

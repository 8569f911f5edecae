"""Signed updates in the window: checked in the background, installed at the idle lock,
a refusal shown to IT (app/updates does the work)."""

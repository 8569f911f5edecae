"""Alerts on screen: the banner with its sound and announcement, and the inbox page."""

"""Repositories of the offline store: each works on the unit of work's connection."""

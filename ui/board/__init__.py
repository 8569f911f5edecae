"""Live incident board: a table model sorted by time to breach, ticking every second."""

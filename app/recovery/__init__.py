"""Service recovery (SPEC §7): what to offer when service fails, by event and tier."""

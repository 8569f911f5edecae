"""Reports the console makes: the shift handover (issue 14)."""

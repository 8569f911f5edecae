"""Signed incident acts in the UI: signature pad, act form, guest copy, report reminder."""

"""Accessibility rules the screens follow: WCAG contrast, text scale (Qt-free)."""

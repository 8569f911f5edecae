"""desk feature pages."""

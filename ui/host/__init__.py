"""host feature pages."""

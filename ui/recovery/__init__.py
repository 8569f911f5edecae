"""recovery feature pages."""

"""concierge feature pages."""

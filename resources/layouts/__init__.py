"""Floor layouts shipped with the console (the demo property's floor)."""

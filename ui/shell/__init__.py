"""The console's shell: role-based pages around the board."""

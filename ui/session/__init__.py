"""Session safety: idle auto-lock, the lock screen, switching user on a shared tablet."""

"""Guest identification (card swipe, search) and the guest preference card."""

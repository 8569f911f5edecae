"""Table incidents: the quick form (≤ 8 taps from the board) and the incident view."""

"""The floor map: pits and tables as on the casino floor, each with its incidents."""

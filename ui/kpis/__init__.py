"""The KPIs on screen (issue 14, item 4): the dashboard page and the strip on the board."""

"""The Qt user interface of the VIP Host Console. Depends on ``app``; never the reverse."""

"""Sounds the console plays (``alert.wav``: made by ``tools/make_alert_sound.py``)."""

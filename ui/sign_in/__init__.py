"""Sign-in screen: staff id and PIN, with a touch keypad."""

from ui.sign_in.screen import SignInScreen

__all__ = ["SignInScreen"]

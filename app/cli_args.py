"""Argument types shared by the console's and the helpdesk's command lines."""

from __future__ import annotations

import argparse


def service_url(text: str) -> str:
    """An http(s) URL with a host: a typo is a usage error, not a traceback later."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018 - raises on a port that is no number
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a URL: {text!r} ({error})") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"an http:// or https:// URL with a host, not {text!r}")
    return text.strip().rstrip("/")

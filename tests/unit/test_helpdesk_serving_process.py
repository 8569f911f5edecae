"""A process serving the helpdesk hands the GIL to a waiting thread sooner than Python's
default: a batch's thread waits for it at each database round trip while holding its
property's change lock (helpdesk.server ``SWITCH_INTERVAL_SECONDS``)."""

import sys

import pytest

from helpdesk.server import SWITCH_INTERVAL_SECONDS, serving_process


def test_a_serving_process_hands_the_gil_over_within_a_millisecond() -> None:
    before = sys.getswitchinterval()
    try:
        serving_process()
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_SECONDS)
        assert sys.getswitchinterval() <= 0.001
    finally:
        sys.setswitchinterval(before)

"""ui/locale_format.py: money reads with the locale's separators and the currency code
where the locale puts it, apart from the digits; no currency, no symbol. A moment in a
history carries its date, even today."""

from datetime import datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from ui.locale_format import format_date_time, format_datetime, format_money

NB = "\u00a0"
NNB = "\u202f"


@pytest.mark.parametrize(
    ("locale", "amount", "currency", "expected"),
    [
        ("fr_FR", "12000", "AUD", f"12{NNB}000{NB}AUD"),
        ("fr_FR", "12000.5", "AUD", f"12{NNB}000,50{NB}AUD"),
        ("en_AU", "12000", "AUD", f"AUD{NB}12,000"),
        ("en_AU", "10000.00", "AUD", f"AUD{NB}10,000"),  # no cents when there are none
        ("en_US", "980.25", "USD", f"USD{NB}980.25"),
        ("de_DE", "12000", "AUD", f"12.000{NB}AUD"),
        ("fr_FR", "12000", "", f"12{NNB}000"),  # never the locale's own €
    ],
)
def test_money(locale: str, amount: str, currency: str, expected: str) -> None:
    assert format_money(Decimal(amount), currency, QLocale(locale)) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("fr_FR", "1 déc. 2030 14:05"), ("en_AU", f"1 Dec 2030 2:05{NNB}pm")],
)
def test_a_moment_in_a_history_carries_its_date(locale: str, expected: str) -> None:
    at = datetime(2030, 12, 1, 14, 5).astimezone()
    assert format_date_time(at, QLocale(locale)) == expected
    today = datetime.now().astimezone().replace(hour=14, minute=5)
    assert format_date_time(today, QLocale(locale)).endswith(expected.split(" ", 3)[3])
    assert format_date_time(today, QLocale(locale)) != format_datetime(today, QLocale(locale))

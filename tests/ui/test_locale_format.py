"""ui/locale_format.py: money reads with the locale's separators and the currency code
where the locale puts it, apart from the digits; no currency, no symbol."""

from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from ui.locale_format import format_money

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

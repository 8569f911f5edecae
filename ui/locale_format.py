"""Dates and times written the way the staff member reads them.

The locale is the running translation's: the catalogue names its own locale (the
``Locale`` entry below, ``fr_FR`` in the French one; untranslated, the source's
``en_AU``), so a date follows the language the rest of the sentence is in. When the
tablet's own locale speaks that language, its region wins (``fr_CA``, ``en_US``).

A date reads with its month abbreviated in the locale's own order (``1 déc. 2026``,
``1 Dec 2026``, ``Dec 1, 2026``): never all digits, which a reader from another region
can take day for month. A time reads in the locale's short form (``14:05``, ``2:05 pm``),
in the tablet's time zone, its date after it in brackets unless it is today
(``2:05 am (2 Dec 2026)``: "until" reads right before either, in French too). In a
list of past moments (a timeline) every row carries its date: ``1 déc. 2026 14:05``.

Money reads with the locale's separators and the currency code where the locale puts
it (``12 000 AUD``, ``AUD 12,000``), cents only when there are some.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

# The weekday at either end of a long date format, and what joins it to the rest.
_WEEKDAY = re.compile(r"^dddd|dddd$")
_JOINERS = " ,\u060c\uff0c"  # space and the Latin, Arabic and full-width commas
_NBSP = "\u00a0"


def message_locale() -> QLocale:
    """The locale of the running translation, in the tablet's region when it shares it."""
    name = QCoreApplication.translate(
        "Locale",
        "en_AU",
        "The locale of this translation (language_COUNTRY, as in the file name): "
        "dates and times in messages are written its way.",
    )
    ours = QLocale(name)
    here = QLocale()  # the system's, unless the application set a default
    return here if here.language() == ours.language() else ours


def date_pattern(locale: QLocale) -> str:
    """The locale's long date without its weekday, the month abbreviated."""
    long = locale.dateFormat(QLocale.FormatType.LongFormat).strip(_JOINERS)
    pattern = _WEEKDAY.sub("", long).strip(_JOINERS)
    if not pattern or "ddd" in pattern:  # a weekday in the middle: keep the short form
        return locale.dateFormat(QLocale.FormatType.ShortFormat)
    return pattern.replace("MMMM", "MMM")


def format_date(value: date, locale: QLocale | None = None) -> str:
    locale = locale if locale is not None else message_locale()
    return locale.toString(QDate(value.year, value.month, value.day), date_pattern(locale))


def format_datetime(value: datetime, locale: QLocale | None = None) -> str:
    """The time in the tablet's zone (a naive value is taken as local), dated unless today."""
    locale = locale if locale is not None else message_locale()
    local = value.astimezone()
    time = _short_time(local, locale)
    if local.date() == datetime.now(local.tzinfo).date():
        return time
    return f"{time} ({format_date(local.date(), locale)})"


def format_date_time(
    value: datetime, locale: QLocale | None = None, *, separator: str = " "
) -> str:
    """The date and the time in the tablet's zone, today's included (rows of a history);
    ``separator="\n"``: the time under the date, for a narrow column."""
    locale = locale if locale is not None else message_locale()
    local = value.astimezone()
    return f"{format_date(local.date(), locale)}{separator}{_short_time(local, locale)}"


def _short_time(local: datetime, locale: QLocale) -> str:
    return locale.toString(
        QTime(local.hour, local.minute), locale.timeFormat(QLocale.FormatType.ShortFormat)
    )


def format_money(amount: Decimal, currency: str, locale: QLocale | None = None) -> str:
    """``amount`` in ``currency`` (an ISO code) the locale's way; whole amounts without cents.

    No currency, no symbol: the bare number, never the locale's own (``€`` in French)."""
    locale = locale if locale is not None else message_locale()
    cents = 0 if amount == amount.to_integral_value() else 2
    if not currency:
        return locale.toString(float(amount), "f", cents)
    text = locale.toCurrencyString(float(amount), currency, cents)
    # Qt glues a code to the digits (``AUD12,000``); CLDR's currency spacing separates a
    # code of letters from a number: a no-break space, so the two stay on one line.
    code = re.escape(currency)
    return re.sub(rf"(?<={code})(?=\d)|(?<=\d)(?={code})", _NBSP, text)

"""Text prepared for the FTS5 name index, and FTS5 queries built from type-ahead input.

Choice of tokenizer: ``unicode61 remove_diacritics 2`` with prefix queries. It
folds case in every script and strips diacritics ("Zoe" finds "Zoë", "Ива"
finds "Иван"). Scripts written without spaces (Chinese, Japanese, Korean) would
otherwise form one token per name, so only the family name would match as a
prefix; we index them with every character spaced ("王 小 明") and query them as
a phrase ("小明" -> "小 明*"), which finds any run of characters from one on.
The trigram tokenizer was rejected: it matches nothing under three characters,
and most CJK names are two or three characters long.
"""

import functools
import re
import unicodedata

# Letters unicode61 does not fold to a base letter. "ё" is commonly typed "е".
_EXTRA_FOLDS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ё": "е",
        "Ё": "Е",
    }
)


@functools.cache
def _spaced_scripts() -> re.Pattern[str]:
    """Compiled at first use: these ranges take the regex compiler some 5 ms, and a
    console start indexes and searches no name."""
    return re.compile(
        "["
        "\u1100-\u11ff"  # Hangul Jamo
        "\u2e80-\u2fdf"  # CJK radicals
        "\u3040-\u30ff"  # Hiragana, Katakana
        "\u3100-\u31ff"  # Bopomofo, Hangul compatibility Jamo, Katakana extensions
        "\u3400-\u4dbf"  # CJK extension A
        "\u4e00-\u9fff"  # CJK unified ideographs
        "\uac00-\ud7af"  # Hangul syllables
        "\uf900-\ufaff"  # CJK compatibility ideographs
        "\U00020000-\U0003134f"  # CJK extensions B-G
        "]"
    )


def index_text(*names: str) -> str:
    """The text stored in ``guests.search_text`` for the given names."""
    return " ".join(_prepare(name) for name in names if name)


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_EXTRA_FOLDS)
    return _spaced_scripts().sub(lambda m: f" {m.group(0)} ", text).strip()


def name_match_query(text: str) -> str | None:
    """An FTS5 MATCH expression: every word the user typed, as a prefix.

    Returns None when the input holds nothing to search for.
    """
    words = [_prepare(word) for word in text.split()]
    terms = []
    for word in words:
        if not any(ch.isalnum() for ch in word):
            continue
        # A quoted phrase: FTS5 syntax in the input cannot change the query, and
        # the tokenizer splits it exactly as it split the indexed names.
        phrase = word.replace('"', '""')
        terms.append(f'"{phrase}"*')
    return " AND ".join(terms) if terms else None


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if ch.isdecimal() and ch.isascii())


def fold(text: str) -> str:
    """Case- and diacritic-folded text, for ranking names the way the index matches them."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()

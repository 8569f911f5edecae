"""The free-text card-number detector: catches cards however written, spares the rest."""

import hashlib
import uuid
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.security.card_numbers import (
    REDACTED,
    card_brand,
    contains_card_number,
    find_card_numbers,
    looks_like_payment_card,
    luhn_valid,
    mask_pan,
    redact_card_numbers,
)
from app.services.validation import CardNumberRefused, ensure_no_card_number

FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Public test numbers of the card brands (never real accounts).
TEST_CARDS = {
    "4111111111111111": "Visa",
    "4222222222222": "Visa",
    "5555555555554444": "Mastercard",
    "2223003122003222": "Mastercard",
    "378282246310005": "American Express",
    "30569309025904": "Diners Club",
    "3530111333300000": "JCB",
    "6011111111111117": "Discover",
    "6200000000000005": "UnionPay",
    "6759649826438453": "Maestro",
    "2200000000000004": "Mir",
}

BRAND_PREFIXES = [
    "4",
    "51",
    "55",
    "2221",
    "2720",
    "34",
    "37",
    "3528",
    "3589",
    "36",
    "300",
    "6011",
    "65",
    "62",
    "50",
    "67",
    "2200",
]
SEPARATORS = [" ", "-", " - ", "  ", "\u00a0", "\u2009", "\u2013", "\u2014", "\u3000", "\t"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def with_check_digit(body: str) -> str:
    """``body`` followed by the digit that makes it Luhn-valid."""
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(BRAND_PREFIXES))
    length = draw(st.integers(min_value=13, max_value=19))
    size = length - len(prefix) - 1
    middle = draw(st.text("0123456789", min_size=size, max_size=size))
    return with_check_digit(prefix + middle)


@st.composite
def grouped(draw: st.DrawFn, digits: str) -> str:
    """``digits`` split into groups of any sizes, joined by any allowed separators.

    Groupings that read as whole dates (``27 11 2026 28 11 2026``) are left out:
    the detector deliberately takes those for a date range (see the date test).
    """
    groups = []
    rest = digits
    while rest:
        size = draw(st.integers(min_value=1, max_value=len(rest)))
        groups.append(rest[:size])
        rest = rest[size:]
    assume(not all_dates(groups))
    text = groups[0]
    for group in groups[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + group
    return text


def all_dates(groups: list[str]) -> bool:
    """The detector's date rule, restated: groups that read three by three as dates."""

    def is_date(d: str, m: str, y: str) -> bool:
        return len(y) == 4 and 1 <= int(d) <= 31 and 1 <= int(m) <= 12 and 1900 <= int(y) <= 2099

    triples = [groups[i : i + 3] for i in range(0, len(groups), 3)]
    return len(groups) % 3 == 0 and all(
        (len(a) <= 2 and len(b) <= 2 and is_date(a, b, c))
        or (len(b) <= 2 and len(c) <= 2 and is_date(c, b, a))
        for a, b, c in triples
    )


# A prefix ends, and a suffix starts, with a character that is no digit,
# separator or "+": the card is then a whole chain on its own.
BOUNDARY = st.sampled_from(list("abcXYZ.,;:!?()[]\"'/#=*\n") + ["é", "号"])
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


@st.composite
def sentence_around(draw: st.DrawFn, number: str) -> tuple[str, int]:
    """``number`` inside text; returns the text and where the number starts."""
    before = draw(st.one_of(st.just(""), st.tuples(WORDS, BOUNDARY).map("".join)))
    after = draw(st.one_of(st.just(""), st.tuples(BOUNDARY, WORDS).map("".join)))
    return before + number + after, len(before)


# -- the primitives shared with app.swipe -------------------------------------


@pytest.mark.parametrize(("number", "brand"), TEST_CARDS.items())
def test_brand_test_numbers(number: str, brand: str) -> None:
    assert looks_like_payment_card(number)
    assert card_brand(number) == brand


@pytest.mark.parametrize("prefix", ["0", "1", "7", "8", "9", "2220", "2721", "35", "33", "31"])
def test_prefixes_of_no_brand(prefix: str) -> None:
    number = with_check_digit(prefix.ljust(15, "0"))
    assert card_brand(number) is None
    assert not looks_like_payment_card(number)


def test_mask_keeps_first_six_and_last_four() -> None:
    assert mask_pan("4111111111111111") == "411111******1111"
    assert mask_pan("4222222222222") == "422222***2222"


# -- what is caught -------------------------------------------------------------


@FEW
@given(st.data())
def test_any_card_in_any_grouping_inside_any_sentence_is_caught(data: st.DataObject) -> None:
    number = data.draw(card_numbers())
    written = data.draw(grouped(number))
    if data.draw(st.booleans()):
        written = written.translate(FULL_WIDTH)
    text, start = data.draw(sentence_around(written))
    found = find_card_numbers(text)
    assert len(found) == 1
    match = found[0]
    assert (match.start, match.end) == (start, start + len(written))
    assert match.length == len(number)
    assert match.masked == mask_pan(number)
    assert card_brand(number) == match.brand


@FEW
@given(st.data())
def test_the_refusal_never_repeats_the_number(data: st.DataObject) -> None:
    number = data.draw(card_numbers())
    text, _ = data.draw(sentence_around(data.draw(grouped(number))))
    with pytest.raises(CardNumberRefused) as caught:
        ensure_no_card_number(text, "note")
    message = str(caught.value)
    assert number not in message
    # The message depends on nothing but the field and the brands found.
    assert message == str(CardNumberRefused("note", caught.value.brands))
    assert caught.value.brands == (card_brand(number),)
    assert "never ask for" in message
    assert caught.value.field == "note"


@FEW
@given(st.data())
def test_redaction_removes_every_card(data: st.DataObject) -> None:
    parts = []
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        text, _ = data.draw(sentence_around(data.draw(grouped(data.draw(card_numbers())))))
        parts.append(text)
    text = " ; ".join(parts)
    redacted = redact_card_numbers(text)
    assert REDACTED in redacted
    assert find_card_numbers(redacted) == []
    assert redact_card_numbers(redacted) == redacted


@pytest.mark.parametrize(
    "text",
    [
        "4111 1111 1111 1111",
        "card: 4111-1111-1111-1111.",
        "(4111111111111111)",
        "TX4111111111111111",
        "Room 1203 4111 1111 1111 1111",
        "Table 7, 4111 1111 1111 1111 and more",
        "4111 1111\u200b1111 1111",  # zero-width space
        "4111\u00ad1111\u00ad1111\u00ad1111",  # soft hyphens
        "4111 - 1111 - 1111 - 1111",
        "４１１１　１１１１　１１１１　１１１１",
        "٤١١١١١١١١١١١١١١١",  # Arabic-Indic digits
        "+4111111111111111",  # 16 digits: no E.164 phone number is that long
        "+61 412 345 678 4111 1111 1111 1111",  # a phone then a card
        "call +61412345678 re 378282246310005",
        "4111111111111111.00",
    ],
)
def test_cards_are_caught(text: str) -> None:
    assert contains_card_number(text)
    with pytest.raises(CardNumberRefused):
        ensure_no_card_number(text, "summary")


# -- what is left alone ---------------------------------------------------------


@FEW
@given(st.data())
def test_australian_mobiles_are_not_cards(data: st.DataObject) -> None:
    rest = data.draw(st.text("0123456789", min_size=8, max_size=8))
    text = data.draw(
        st.sampled_from(
            [
                f"+61 4{rest[:2]} {rest[2:5]} {rest[5:]}",
                f"+614{rest}",
                f"04{rest[:2]} {rest[2:5]} {rest[5:]}",
                f"(04{rest[:2]}) {rest[2:]}",
                f"0011 61 4{rest}",
            ]
        )
    )
    assert find_card_numbers(f"Call him on {text} after nine") == []


@FEW
@given(st.text("0123456789", min_size=7, max_size=14), st.data())
def test_e164_numbers_with_plus_are_not_cards(digits: str, data: st.DataObject) -> None:
    number = data.draw(st.sampled_from("123456789")) + digits  # 8 to 15 digits
    text = "+" + data.draw(grouped(number))
    assert find_card_numbers(f"tel. {text}") == []


def test_a_luhn_valid_brand_number_after_plus_is_a_phone_number() -> None:
    # Documented decision: "+" marks a phone number of up to 15 digits.
    assert looks_like_payment_card("6281234567899")
    assert find_card_numbers("WhatsApp +62 812 3456 7899") == []
    assert find_card_numbers("WhatsApp ＋62 812 3456 7899") == []
    # Without its "+" the same digits cannot be told from a UnionPay card.
    assert len(find_card_numbers("WhatsApp 62 812 3456 7899")) == 1


@FEW
@given(st.integers(min_value=10, max_value=16), st.data())
def test_loyalty_numbers_are_not_cards(length: int, data: st.DataObject) -> None:
    number = "9" + data.draw(st.text("0123456789", min_size=length - 1, max_size=length - 1))
    text = data.draw(grouped(number))
    assert find_card_numbers(f"loyalty {text} swiped") == []


@FEW
@given(
    st.decimals(min_value=0, max_value=10**15, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["AUD {:,.2f}", "{:,.2f} AUD", "A${:,.0f}", "HKD {:,}", "$ {:,.2f}"]),
)
def test_amounts_are_not_cards(amount: object, template: str) -> None:
    assert find_card_numbers("cash " + template.format(amount)) == []


@FEW
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_amounts_with_space_thousands_are_not_cards(amount: int) -> None:
    assert find_card_numbers(f"AUD {amount:,}".replace(",", " ")) == []


@FEW
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d %m %Y"]),
)
def test_dates_and_stays_are_not_cards(first: date, second: date, fmt: str) -> None:
    a, b = first.strftime(fmt), second.strftime(fmt)
    for text in (f"stay {a} - {b}", f"{a} {b}", f"{a}-{b}", f"from {a} to {b} 14:30"):
        assert find_card_numbers(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "411111******1111",
        "4111 11•• •••• 1111",
        "4111 11XX XXXX 1111",
        "card ending 1111",
        "•••• •••• •••• 1111",
        "VIP-20512",
        "T-TAB01-000001",
        "HD-2026-000123",
        "ticket 20512, ref 2026112700012",
        "AUD 10,000.00",
        "12 000",
        "AUD 1 250 000",
        "27/11/2026 14:30",
        "+61 412 345 678",
        "0412 345 678",
        "+86 138 1234 5678",
        "86 138 1234 5678",  # no brand starts with 8
        "+378282246310005",  # documented gap: "+" then at most 15 digits is a phone
        "4111111111111112",  # Luhn fails
        "41111111111111111111",  # 20 digits in one run: some other identifier
        "4111.1111.1111.1111",  # dots are not separators
        "4111 1111\n1111 1111",  # nor line breaks
        "123e4567-e89b-12d3-a456-426614174000",
        "",
    ],
)
def test_not_cards(text: str) -> None:
    assert find_card_numbers(text) == []
    ensure_no_card_number(text, "note")  # no error


@FEW
@given(st.text(st.characters(exclude_categories=["Nd", "Cs"])))
def test_text_without_digits_is_never_refused(text: str) -> None:
    assert find_card_numbers(text) == []
    assert redact_card_numbers(text) == text


def test_the_longest_card_starting_at_a_group_wins_and_scanning_goes_on() -> None:
    text = "4111 1111 1111 1111 5555 5555 5555 4444"
    found = find_card_numbers(text)
    assert [(m.brand, text[m.start : m.end]) for m in found] == [
        ("Visa", "4111 1111 1111 1111"),
        ("Mastercard", "5555 5555 5555 4444"),
    ]
    assert redact_card_numbers(text) == f"{REDACTED} {REDACTED}"


@given(st.uuids())
def test_record_ids_are_not_cards(value: uuid.UUID) -> None:
    # A UUID's digit groups can pass Luhn with a brand prefix ("…f43-6090-4405-945c…").
    assert find_card_numbers(f"incident {value} reopened") == []


def test_a_uuid_that_once_looked_like_a_visa_number_is_an_id() -> None:
    assert find_card_numbers("1b941f43-6090-4405-945c-39a39ec353c1") == []


@given(st.uuids(), st.sampled_from(["4111 1111 1111 1111", "5555-5555-5555-4444"]))
def test_a_card_beside_record_ids_is_still_found(value: uuid.UUID, card: str) -> None:
    # The fast path counts the digits outside ids: a card beside them still has its 16.
    for text in (f"/incidents/{value}/events {card}", f"{card} ({value})", f"{value} {card}"):
        assert [text[m.start : m.end] for m in find_card_numbers(text)] == [card]


@given(st.uuids(), st.integers(0, 10**12 - 1))
def test_few_digits_outside_record_ids_are_never_a_card(value: uuid.UUID, number: int) -> None:
    assert find_card_numbers(f"/incidents/{value}/events/{number}") == []


@given(st.binary(min_size=32, max_size=32))
def test_digests_are_not_cards(raw: bytes) -> None:
    assert find_card_numbers(f"act {hashlib.sha256(raw).hexdigest()} uploaded") == []

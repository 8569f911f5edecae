"""Keyboard-wedge card reader input: loyalty cards in, payment cards refused."""

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.swipe import (
    LOYALTY_MAX_DIGITS,
    LOYALTY_MIN_DIGITS,
    MalformedSwipe,
    PaymentCardSwiped,
    SwipeProblem,
    is_loyalty_card_number,
    looks_like_payment_card,
    luhn_valid,
    mask_card_number,
    parse_swipe,
)

CARD = "9000012345"

# Public test numbers of the card brands (never real accounts).
PAYMENT_CARDS = [
    "4111111111111111",  # Visa
    "4012888888881881",  # Visa
    "5555555555554444",  # Mastercard
    "2223003122003222",  # Mastercard 2-series
    "378282246310005",  # Amex
    "6011111111111117",  # Discover
    "4222222222222",  # Visa, 13 digits
]


@pytest.mark.parametrize(
    "raw",
    [
        CARD,
        CARD + "\n",
        CARD + "\r\n",
        f"  {CARD}  ",
        "9000 0123 45",
        "9000-0123-45",
        f";{CARD}?",
        f";{CARD}?\n",
        f";{CARD}=2512101?",
        f";{CARD}?X",  # longitudinal check character after the end sentinel
        f"%B{CARD}^GUEST/A^2512?",
        f"%{CARD}^GUEST/A^?",
        f"%B{CARD}^GUEST/A^2512?;{CARD}=2512?",
    ],
)
def test_loyalty_card_in_every_reader_format(raw: str) -> None:
    assert parse_swipe(raw) == CARD


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", SwipeProblem.EMPTY),
        ("\n", SwipeProblem.EMPTY),
        ("hello", SwipeProblem.UNREADABLE),
        (";?", SwipeProblem.UNREADABLE),
        (";90000123", SwipeProblem.UNREADABLE),  # no end sentinel
        ("%B^NAME^?", SwipeProblem.UNREADABLE),
        (f"%B{CARD}^A^?;9000012346?", SwipeProblem.TRACKS_DISAGREE),
        ("123456789012", SwipeProblem.NOT_LOYALTY_FORMAT),  # does not start with 9
        ("900001234", SwipeProblem.NOT_LOYALTY_FORMAT),  # 9 digits
        ("90000123456789012", SwipeProblem.NOT_LOYALTY_FORMAT),  # 17 digits
        (";123456789012?", SwipeProblem.NOT_LOYALTY_FORMAT),
        ("９０００１２３４５６", SwipeProblem.UNREADABLE),  # full-width digits: not a reader
    ],
)
def test_malformed_swipes_say_why(raw: str, problem: SwipeProblem) -> None:
    with pytest.raises(MalformedSwipe) as caught:
        parse_swipe(raw)
    assert caught.value.problem is problem
    assert not isinstance(caught.value, PaymentCardSwiped)


@pytest.mark.parametrize("number", PAYMENT_CARDS)
@pytest.mark.parametrize(
    "template",
    [
        "{n}",
        "{n}\n",
        ";{n}?",
        ";{n}=25121010000000000?",
        "%B{n}^DOE/JANE^2512101?",
        "garbage{n}xyz",
    ],
)
def test_payment_cards_are_refused_and_never_echoed(number: str, template: str) -> None:
    raw = template.format(n=number)
    with pytest.raises(PaymentCardSwiped) as caught:
        parse_swipe(raw)
    assert caught.value.problem is SwipeProblem.PAYMENT_CARD
    assert "staff never take card numbers" in str(caught.value)
    assert number not in str(caught.value) and number[-4:] not in str(caught.value)
    assert number not in repr(caught.value.args)


def test_payment_card_typed_with_spaces_is_refused() -> None:
    with pytest.raises(PaymentCardSwiped):
        parse_swipe("4111 1111 1111 1111")


def test_payment_card_in_track1_with_a_loyalty_track2_is_refused() -> None:
    with pytest.raises(PaymentCardSwiped):
        parse_swipe(f"%B4111111111111111^DOE/J^2512?;{CARD}?")


def test_rejection_logs_nothing_of_the_number(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(PaymentCardSwiped):
        parse_swipe("4111111111111111")
    assert "4111" not in caplog.text


@pytest.mark.parametrize("number", PAYMENT_CARDS)
def test_brand_test_numbers_are_recognised(number: str) -> None:
    assert looks_like_payment_card(number)
    assert not is_loyalty_card_number(number)


def test_a_luhn_failure_is_not_a_payment_card() -> None:
    assert not looks_like_payment_card("4111111111111112")
    assert not luhn_valid("4111111111111112")
    assert luhn_valid("79927398713")


@given(st.integers(min_value=LOYALTY_MIN_DIGITS, max_value=LOYALTY_MAX_DIGITS), st.data())
def test_no_loyalty_number_can_look_like_a_payment_card(length: int, data: st.DataObject) -> None:
    tail = data.draw(st.text(alphabet="0123456789", min_size=length - 1, max_size=length - 1))
    number = "9" + tail
    assert is_loyalty_card_number(number)
    assert not looks_like_payment_card(number)
    assert parse_swipe(f";{number}?") == number


def test_mask_keeps_only_the_last_four_digits() -> None:
    assert mask_card_number(CARD) == "••••2345"
    assert mask_card_number("123") == "••••"

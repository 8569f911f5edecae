"""What a demo property offers: drinks, meals, rooms, games, pits."""

DRINKS = (
    "Dom Pérignon 2012",
    "Hennessy XO, neat",
    "Macallan 18",
    "Green tea, no sugar",
    "Sparkling water, lime",
    "Penfolds Grange",
    "Espresso, double",
    "Jasmine tea",
    "Moutai",
    "Diet cola, no ice",
    "Negroni",
    "Fresh orange juice",
)
MEALS = (
    "Wagyu, medium rare",
    "Peking duck",
    "Vegetarian",
    "Halal",
    "No shellfish",
    "Dim sum platter",
    "Sashimi",
    "Gluten free",
    "Congee at 2 am",
    "Borscht",
)
ROOMS = (
    "Sky Villa, high floor",
    "Harbour-view suite",
    "Non-smoking",
    "Twin beds",
    "Near lift",
    "Far from lift",
    "Feather-free pillows",
    "Butler service",
)
GAMES = ("Baccarat", "Blackjack", "Roulette", "Sic Bo", "Poker", "Craps")
COMMUNICATION = (
    "Messenger only",
    "Call host before 10 am",
    "No calls after midnight",
    "Email for statements",
    "Interpreter: Mandarin",
    "Interpreter: Russian",
)
TRANSFERS = ("Airport limousine", "Helicopter from SYD", "Private car, driver Li", "Own driver")
INSURANCE = ("Chubb travel platinum", "Allianz premier", "None declared", "Corporate policy")
DOCUMENTS = ("Passport", "Photo ID", "Frequent-flyer card", "Residency permit")
VISAS = ("Australian ETA", "Subclass 600 visitor", "None needed (citizen)")
LANGUAGES_BY_SCRIPT = {
    "latin": (("en",), ("en", "fr"), ("en", "it"), ("vi", "en"), ("es", "en")),
    "cyrillic": (("ru",), ("ru", "en")),
    "cjk": (("zh",), ("zh", "en"), ("ja",), ("ko", "en")),
}
CURRENCY_BY_SCRIPT = {
    "latin": ("AUD", "AUD", "NZD", "USD"),
    "cyrillic": ("AUD", "USD"),
    "cjk": ("AUD", "HKD", "USD", "SGD"),
}
PITS = (
    ("Pit 1", "Baccarat"),
    ("Pit 2", "Baccarat"),
    ("Pit 3", "Blackjack"),
    ("Pit 4", "Roulette"),
    ("Pit 5", "Poker"),
    ("Pit 6", "Sic Bo"),
)
TABLE_PREFIX = {
    "Baccarat": "BAC",
    "Blackjack": "BJ",
    "Roulette": "RL",
    "Poker": "PK",
    "Sic Bo": "SB",
    "Craps": "CR",
}
INCIDENT_SUMMARIES = {
    "game_unavailable": "Table game down mid-shoe; guest waiting to resume",
    "payment_failed": "Chip cash-out failed at the cage",
    "payment_dispute": "Guest disputes a marker repayment amount",
    "account_blocked": "Loyalty account blocked after PIN resets",
    "broken_transfer": "Airport limousine did not arrive",
    "room_overbooking": "Villa booked twice; guest at the front desk",
    "equipment_down": "Card shoe jammed; dealer called games tech",
    "table_dispute": "Disputed payout on a side bet",
    "billing_error": "F&B comp charged to the room",
    "service_wait": "Waited over 10 min for drinks in the VIP room",
    "other": "Guest asks for a private table at short notice",
}

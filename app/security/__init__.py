"""Security primitives of the core: PIN verifiers (Argon2id) and code-word hashes (scrypt)."""

from app.security.secrets import (
    DEFAULT_COST,
    DEMO_COST,
    DEMO_PIN_COST,
    PIN_COST,
    InvalidSecretHash,
    PinCost,
    ScryptCost,
    hash_demo_pin,
    hash_pin,
    hash_secret,
    verify_pin,
    verify_secret,
)

__all__ = [
    "DEFAULT_COST",
    "DEMO_COST",
    "DEMO_PIN_COST",
    "PIN_COST",
    "InvalidSecretHash",
    "PinCost",
    "ScryptCost",
    "hash_demo_pin",
    "hash_pin",
    "hash_secret",
    "verify_pin",
    "verify_secret",
]

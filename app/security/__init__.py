"""Security primitives of the core: salted hashing of PINs and code words."""

from app.security.secrets import (
    DEFAULT_COST,
    DEMO_COST,
    InvalidSecretHash,
    ScryptCost,
    hash_pin,
    hash_secret,
    verify_pin,
    verify_secret,
)

__all__ = [
    "DEFAULT_COST",
    "DEMO_COST",
    "InvalidSecretHash",
    "ScryptCost",
    "hash_pin",
    "hash_secret",
    "verify_pin",
    "verify_secret",
]

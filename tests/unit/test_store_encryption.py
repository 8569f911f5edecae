"""The store at rest: SQLCipher with a raw key, plain stores encrypted in place, key errors."""

import sqlite3
from pathlib import Path

import pytest

from app.security.store_key import (
    DEMO_STORE_KEY,
    ENV_VAR,
    StoreKeyUnavailable,
    keyring_username,
    parse_key_hex,
    resolve_store_key,
)
from offline_cache import open_store
from offline_cache.encryption import PLAIN_HEADER, StoreKeyError, encrypting_path, is_plain
from tests.unit.store_fixtures import full_guest

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
SECRETS = (b"Secret Name Lotus", b"+61499887766", b"CX 101 HKG-SYD", b"scrypt$salt$hash")


def _guests(count: int) -> list[object]:
    return [
        full_guest(f"g-{n}", str(600100200300 + n), f"Secret Name Lotus {n}", "+61499887766")
        for n in range(count)
    ]


def _write_guests(data_dir: Path, key: bytes | None, count: int = 50) -> None:
    store = open_store(data_dir, key=key)
    with store.unit_of_work() as uow:
        uow.guests.save_many(_guests(count))  # type: ignore[arg-type]
    store.close()


def _count(data_dir: Path, key: bytes | None) -> int:
    store = open_store(data_dir, key=key)
    try:
        with store.unit_of_work() as uow:
            return uow.guests.count()
    finally:
        store.close()


def test_the_raw_files_hold_no_personal_data(data_dir: Path) -> None:
    store = open_store(data_dir, key=KEY)
    with store.unit_of_work() as uow:
        uow.guests.save_many(_guests(20))  # type: ignore[arg-type]
        assert uow.guests.search("Secret Name Lo")  # FTS5 prefix search works encrypted
    # Read while open, so the -wal file is there too.
    raw = b"".join(
        path.read_bytes() for path in data_dir.iterdir() if path.name.startswith("store.db")
    )
    store.close()
    raw += (data_dir / "store.db").read_bytes()
    assert not is_plain(data_dir / "store.db")
    assert PLAIN_HEADER not in raw
    for secret in SECRETS:
        assert secret not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(data_dir / "store.db").execute("SELECT * FROM sqlite_master").fetchall()


def test_a_plain_store_is_encrypted_at_first_keyed_open_without_loss(data_dir: Path) -> None:
    _write_guests(data_dir, None, 120)
    assert is_plain(data_dir / "store.db")
    assert _count(data_dir, KEY) == 120
    assert not is_plain(data_dir / "store.db")
    assert not encrypting_path(data_dir / "store.db").exists()
    raw = (data_dir / "store.db").read_bytes()
    assert all(secret not in raw for secret in SECRETS)
    assert _count(data_dir, KEY) == 120  # and it opens again


def test_a_leftover_copy_from_a_crash_is_deleted_and_nothing_is_lost(data_dir: Path) -> None:
    _write_guests(data_dir, None, 30)
    leftover = encrypting_path(data_dir / "store.db")
    leftover.write_bytes(b"half an encrypted copy" * 100)
    assert _count(data_dir, KEY) == 30
    assert not leftover.exists()
    assert not is_plain(data_dir / "store.db")


def test_a_wrong_key_is_an_error_and_the_file_is_left_alone(data_dir: Path) -> None:
    _write_guests(data_dir, KEY)
    before = (data_dir / "store.db").read_bytes()
    with pytest.raises(StoreKeyError, match="wrong key"):
        open_store(data_dir, key=OTHER_KEY)
    with pytest.raises(StoreKeyError, match="no store key"):
        open_store(data_dir)
    assert (data_dir / "store.db").read_bytes() == before
    assert not [p for p in data_dir.iterdir() if "corrupt" in p.name]
    assert _count(data_dir, KEY) == 50


def test_damage_after_a_successful_decrypt_is_moved_aside(data_dir: Path) -> None:
    _write_guests(data_dir, KEY, 400)
    path = data_dir / "store.db"
    data = bytearray(path.read_bytes())
    middle = (len(data) // 2 // 4096) * 4096 + 100  # inside a page other than the first
    data[middle : middle + 64] = bytes(64)
    path.write_bytes(bytes(data))
    store = open_store(data_dir, key=KEY)
    try:
        assert store.recovered_from is not None
        assert store.recovered_from.read_bytes() == bytes(data)
    finally:
        store.close()


def test_the_key_comes_from_the_argument_then_the_environment_then_a_demo_dir(
    data_dir: Path,
) -> None:
    assert resolve_store_key(data_dir, key=KEY, environ={}) == KEY
    assert resolve_store_key(data_dir, environ={ENV_VAR: OTHER_KEY.hex()}) == OTHER_KEY
    (data_dir / "demo-property.txt").write_text("planted\n", encoding="utf-8")
    # A key given explicitly wins over a marker file (issue 13): no demo key then.
    assert resolve_store_key(data_dir, environ={ENV_VAR: OTHER_KEY.hex()}) == OTHER_KEY
    assert resolve_store_key(data_dir, key=KEY, environ={}) == KEY
    assert resolve_store_key(data_dir, environ={}) == DEMO_STORE_KEY


def test_without_a_keystore_or_variable_the_operator_is_told_what_to_set(
    data_dir: Path,
) -> None:
    # tests/conftest.py selects keyring's fail backend: no real keystore is touched.
    with pytest.raises(StoreKeyUnavailable, match=ENV_VAR):
        resolve_store_key(data_dir, environ={})
    assert not list(data_dir.iterdir())  # no key file next to the store


def test_a_malformed_variable_is_rejected() -> None:
    with pytest.raises(StoreKeyUnavailable, match="64 hexadecimal"):
        parse_key_hex("abcd")


def test_the_keystore_creates_a_key_once_per_data_dir(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring

    saved: dict[tuple[str, str], str] = {}
    monkeypatch.setattr(keyring, "get_password", lambda s, u: saved.get((s, u)))
    monkeypatch.setattr(keyring, "set_password", lambda s, u, p: saved.__setitem__((s, u), p))
    first = resolve_store_key(data_dir, environ={})
    assert resolve_store_key(data_dir, environ={}) == first
    assert list(saved) == [("vip-console", keyring_username(data_dir))]
    assert str(data_dir) not in keyring_username(data_dir)


def test_the_console_context_opens_an_encrypted_store(data_dir: Path) -> None:
    from app.bootstrap import build_context

    context = build_context(data_dir, store_key=KEY)
    context.close()
    assert not is_plain(data_dir / "store.db")
    with pytest.raises(StoreKeyError):
        build_context(data_dir, store_key=OTHER_KEY)

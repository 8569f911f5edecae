"""The benchmarks' cached databases: renamed into place only when complete, checked
before every use. An interrupted seed once left a ``.tmp`` that the next run renamed
into the cache (the seed skips a database that already holds guests), and
bench.sync_initial then measured the wrong property."""

from collections.abc import Callable
from pathlib import Path

import pytest

from bench.cache import cached, partial_path
from bench.data import demo_store_dir, demo_store_problem
from bench.sync_common import HelpdeskServer, helpdesk_problem, seeded_helpdesk_db


def write(text: str) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        assert not path.exists()  # always built from nothing
        path.write_text(text)

    return build


def says(expected: str) -> Callable[[Path], str | None]:
    return lambda path: None if path.read_text() == expected else f"holds {path.read_text()!r}"


def test_a_stale_partial_build_is_deleted_never_renamed(tmp_path: Path) -> None:
    target = tmp_path / "cache.db"
    partial_path(target).write_text("half")
    assert cached(target, write("whole"), says("whole")).read_text() == "whole"
    assert not partial_path(target).exists()


def test_an_interrupted_build_never_becomes_the_cache(tmp_path: Path) -> None:
    target = tmp_path / "cache.db"

    def interrupted(path: Path) -> None:
        path.write_text("half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        cached(target, interrupted, says("whole"))
    assert not target.exists() and not partial_path(target).exists()
    with pytest.raises(RuntimeError, match="fails its check"):
        cached(target, write("half"), says("whole"))  # built, checked, refused
    assert not target.exists() and not partial_path(target).exists()


def test_a_cache_that_fails_its_check_is_rebuilt_and_a_good_one_kept(tmp_path: Path) -> None:
    target = tmp_path / "cache.db"
    target.write_text("wrong")
    assert cached(target, write("right"), says("right")).read_text() == "right"

    def never(path: Path) -> None:
        raise AssertionError("a good cache is used as it is")

    assert cached(target, never, says("right")).read_text() == "right"


@pytest.mark.slow
def test_the_helpdesk_seed_is_redone_after_an_interruption_or_a_wrong_count(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    target = cache / "helpdesk-6.db"
    # What an interrupted seed of 6 guests leaves: a database with some guests in it.
    with HelpdeskServer(3, partial_path(target)):
        pass
    assert helpdesk_problem(partial_path(target), 6) == "3 guests, expected 6"
    assert seeded_helpdesk_db(6, cache) == target
    assert helpdesk_problem(target, 6) is None
    # A cache of the wrong size (an older run, a copy) is seeded again, not measured.
    target.unlink()
    with HelpdeskServer(3, target):
        pass
    assert seeded_helpdesk_db(6, cache) == target
    assert helpdesk_problem(target, 6) is None


@pytest.mark.slow
def test_a_demo_store_of_the_wrong_size_is_written_again(tmp_path: Path) -> None:
    small = demo_store_dir(2, tmp_path)
    assert demo_store_problem(small, 2) is None
    wrong = small.with_name(small.name.replace("demo-2-", "demo-3-"))
    small.rename(wrong)  # a cache that claims 3 guests and holds 2
    assert demo_store_problem(wrong, 3) == "2 guests, expected 3"
    assert demo_store_dir(3, tmp_path) == wrong
    assert demo_store_problem(wrong, 3) is None

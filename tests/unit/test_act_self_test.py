"""``vip-console act self-test`` (app/acts/self_test.py): IT's and the bundle check's
proof that an install signs acts. It signs in the signing child process and verifies;
a signature that does not verify is a failure, not a pass."""

from __future__ import annotations

import pytest

from app.acts import self_test as module
from app.acts.verify import Verdict


def test_the_self_test_signs_in_the_child_and_verifies(capsys: pytest.CaptureFixture[str]) -> None:
    assert module.self_test() == 0
    assert "signed by the signing process, and verified" in capsys.readouterr().out


def test_an_act_that_does_not_verify_fails_the_self_test(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import app.acts.verify as verify

    monkeypatch.setattr(verify, "verify_pdf", lambda data, trust: Verdict(False, ("tampered",)))
    assert module.self_test() == 1
    assert "does not verify: tampered" in capsys.readouterr().err

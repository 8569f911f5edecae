"""The console's worker: render and sign in a child process, same act, same verdict."""

from pathlib import Path

from app.acts.verify import load_trust, verify_pdf
from app.acts.worker import ProcessWorker
from tests.unit.acts_fixtures import PIT_BOSS, act_draft, exported, open_env, pdftotext


def test_acts_signed_in_the_child_process_verify(tmp_path: Path) -> None:
    with open_env(tmp_path / "data") as env:
        env.service.worker = ProcessWorker(env.service.identity)
        try:
            env.service.warm_up()
            first = env.service.record_act(PIT_BOSS, act_draft("i-1"))
            second = env.service.record_act(PIT_BOSS, act_draft("i-2"))
        finally:
            env.service.close()
        roots = load_trust(env.pki_paths.ca)
        for recorded in (first, second):
            verdict = verify_pdf(recorded.pdf, roots)
            assert verdict.ok, verdict.problems
            assert verdict.content_sha256 == recorded.act.content_sha256
        assert first.timings.render_s > 0 and first.timings.sign_s > 0
        assert "Людмила" in pdftotext(exported(first.pdf, tmp_path / "out"))


def test_the_child_keeps_its_fonts_and_identity_out_of_the_cyclic_collector(
    tmp_path: Path,
) -> None:
    import gc

    with open_env(tmp_path / "data") as env:
        worker = ProcessWorker(env.service.identity)
        env.service.worker = worker
        try:
            env.service.warm_up()
            frozen_at_start = worker._started().submit(gc.get_freeze_count).result()
            env.service.record_act(PIT_BOSS, act_draft("i-1"))
            frozen_after_act = worker._started().submit(gc.get_freeze_count).result()
        finally:
            env.service.close()
    # Modules and fonts frozen at start (a full collection over them is a p99 act's
    # stall); the identity built by the first act joins them.
    assert frozen_at_start > 50_000
    assert frozen_after_act > frozen_at_start

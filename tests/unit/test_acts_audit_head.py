"""Every signed act carries the signed head of the device's audit chain."""

import io
import json
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader

from app.ports import AuditEntry
from app.security.audit_chain import Checkpoint, signature_valid
from tests.unit.acts_fixtures import PIT_BOSS, T0, act_draft, build_env, shared_pki


def embedded_act_json(pdf: bytes) -> dict[str, object]:
    reader = PdfFileReader(io.BytesIO(pdf))
    names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    spec = names[1].get_object()
    data = spec["/EF"]["/F"].get_object().data
    return dict(json.loads(data))


def test_the_act_holds_the_signed_chain_head(tmp_path: Path) -> None:
    env = build_env(tmp_path / "data", shared_pki(), store_key=bytes(range(32)))
    try:
        with env.store.unit_of_work() as uow:  # what came before: a sign-in, say
            uow.audit.append(
                AuditEntry(T0, "P001", "pit_boss", "TAB-TEST01", "auth.sign_in", "P001")
            )
        recorded = env.service.record_act(PIT_BOSS, act_draft("i-1"))
        with env.store.unit_of_work() as uow:
            held = {c.entry_id: c for c in uow.audit.checkpoints()}
            latest = uow.audit.last_checkpoint()
    finally:
        env.store.close()
    content = embedded_act_json(recorded.pdf)
    head = content["audit_head"]
    # The head the act carries is a checkpoint the store signed before the act's own
    # row (act.record is checkpointed too, after the act was signed).
    assert held[head["entry_id"]].hash == head["hash"]
    assert latest is not None and latest.entry_id > head["entry_id"]
    assert signature_valid(Checkpoint(**head))

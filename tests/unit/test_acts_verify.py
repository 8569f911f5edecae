"""A signed act is valid for ``act verify`` and for poppler's pdfsig; tampering is caught.

pdfsig exits 0 even on a digest mismatch, so these tests read its report.
"""

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from app.acts.document import SEAL_FIELD, STAFF_FIELD
from app.acts.pki import make_pki, write_pki
from app.acts.verify import load_trust, verify_pdf
from app.cli import main as cli_main
from tests.unit.acts_fixtures import (
    PIT_BOSS,
    ActsEnv,
    act_draft,
    exported,
    open_env,
    pdfsig,
)


@pytest.fixture
def acts_env(tmp_path: Path) -> Iterator[ActsEnv]:
    with open_env(tmp_path / "data") as env:
        yield env


VALID = "Signature Validation: Signature is Valid."


@pytest.fixture
def signed(acts_env: ActsEnv, tmp_path: Path) -> Path:
    """The act exported as a file (on the console it stays sealed)."""
    return exported(acts_env.service.record_act(PIT_BOSS, act_draft()).pdf, tmp_path / "out")


def copy_with(path: Path, data: bytes) -> Path:
    target = path.parent.parent / f"tampered-{len(data)}.pdf"
    target.write_bytes(data)
    return target


def test_a_fresh_act_is_valid_for_act_verify_and_pdfsig(
    signed: Path, acts_env: ActsEnv, capsys: pytest.CaptureFixture[str]
) -> None:
    roots = load_trust(acts_env.pki_paths.ca)
    verdict = verify_pdf(signed.read_bytes(), roots)
    assert verdict.ok, verdict.problems
    assert verdict.level == "B-B"
    assert [c.field for c in verdict.checks] == [STAFF_FIELD, SEAL_FIELD]

    assert cli_main(["act", "verify", str(signed), "--trust", str(acts_env.pki_paths.ca)]) == 0
    assert f"{signed.name}: OK" in capsys.readouterr().out

    report = pdfsig(signed)
    assert report.count(VALID) == 2, report
    assert "Digest Mismatch" not in report


def test_every_field_exists_before_the_first_signature(signed: Path) -> None:
    """Both fields are in the revision the staff approval signs: the seal only fills one."""
    reader = PdfFileReader(io.BytesIO(signed.read_bytes()))
    first = reader.embedded_signatures[0]
    assert first.field_name == STAFF_FIELD
    old = reader.get_historical_resolver(first.signed_revision)
    names = {str(f.get_object()["/T"]) for f in old.root["/AcroForm"]["/Fields"]}
    assert {STAFF_FIELD, SEAL_FIELD} <= names


def test_one_flipped_byte_is_a_digest_mismatch_for_both_tools(
    signed: Path, acts_env: ActsEnv, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(signed.read_bytes())
    at = data.index(b"/Title") + 12  # inside the document title: the file still parses
    data[at] ^= 0x01
    tampered = copy_with(signed, bytes(data))

    verdict = verify_pdf(bytes(data), load_trust(acts_env.pki_paths.ca))
    assert not verdict.ok
    assert any("digest mismatch" in p for p in verdict.problems)
    assert cli_main(["act", "verify", str(tampered), "--trust", str(acts_env.pki_paths.ca)]) == 1
    assert "digest mismatch" in capsys.readouterr().err

    report = pdfsig(tampered)
    assert "Digest Mismatch" in report
    assert VALID not in report


def test_a_revision_appended_after_signing_is_content_added(
    signed: Path, acts_env: ActsEnv, capsys: pytest.CaptureFixture[str]
) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed.read_bytes()))
    text = b"BT /F1 24 Tf 100 400 Td (PAID IN FULL) Tj ET"
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=text)))
    out = io.BytesIO()
    writer.write(out)
    tampered = copy_with(signed, out.getvalue())

    verdict = verify_pdf(out.getvalue(), load_trust(acts_env.pki_paths.ca))
    assert not verdict.ok
    assert any("content added after signing" in p for p in verdict.problems)
    # Every signature is still intact: deciding on ``intact`` alone would pass it.
    assert not any("digest mismatch" in p for p in verdict.problems)
    assert cli_main(["act", "verify", str(tampered), "--trust", str(acts_env.pki_paths.ca)]) == 1
    assert "content added after signing" in capsys.readouterr().err


def test_bytes_after_the_last_eof_are_refused(signed: Path, acts_env: ActsEnv) -> None:
    verdict = verify_pdf(signed.read_bytes() + b"\n% appended\n", load_trust(acts_env.pki_paths.ca))
    assert not verdict.ok
    assert any("after the last %%EOF" in p for p in verdict.problems)


def test_a_signer_from_another_ca_is_untrusted(
    signed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime

    other = write_pki(make_pki(datetime.now(UTC)), tmp_path / "other")
    assert cli_main(["act", "verify", str(signed), "--trust", str(other.ca)]) == 1
    assert "untrusted signer" in capsys.readouterr().err


def test_without_a_trust_anchor_verify_says_so(
    signed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty-data"
    assert cli_main(["--data-dir", str(empty), "act", "verify", str(signed)]) == 1
    assert "--trust" in capsys.readouterr().err


def test_the_default_trust_anchor_is_the_data_directorys_ca(
    signed: Path, acts_env: ActsEnv
) -> None:
    assert cli_main(["--data-dir", str(acts_env.data_dir), "act", "verify", str(signed)]) == 0


def test_a_pdf_that_is_not_an_act_fails(acts_env: ActsEnv, tmp_path: Path) -> None:
    verdict = verify_pdf(b"%PDF-1.4\nnot really\n%%EOF\n", load_trust(acts_env.pki_paths.ca))
    assert not verdict.ok

"""Nothing may change after an act's last signature, metadata included (issue 13, item 2).

Each test builds the tampered file the way an editor would (an incremental update on
top of the signed act) and asserts ``act verify`` refuses it and names what changed;
pdfsig agrees where it can tell (it reports the last signature no longer covering the
whole document, though it still calls the signature itself valid).
"""

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from app.acts.upgrade import UpgradeWriter
from app.acts.verify import load_trust, verify_pdf
from app.cli import main as cli_main
from tests.unit.acts_fixtures import PIT_BOSS, ActsEnv, act_draft, open_env, pdfsig, run_tool

XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt>'
    b'<rdf:li xml:lang="x-default">Refund approved</rdf:li></rdf:Alt></dc:title>'
    b'</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


@pytest.fixture
def acts_env(tmp_path: Path) -> Iterator[ActsEnv]:
    with open_env(tmp_path / "data") as env:
        yield env


@pytest.fixture
def signed(acts_env: ActsEnv) -> bytes:
    return acts_env.service.record_act(PIT_BOSS, act_draft()).pdf


def _written(writer: IncrementalPdfFileWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def _with_info(data: bytes, **entries: str) -> bytes:
    """``entries`` written into ``/Info`` by an editor that changes nothing else (pyHanko's
    own writer would also stamp ``/ModDate`` and regenerate the XMP)."""
    writer = UpgradeWriter(io.BytesIO(data))
    info_ref = writer.trailer.raw_get("/Info")
    info = info_ref.get_object()
    for key, value in entries.items():
        info[generic.NameObject(f"/{key}")] = generic.TextStringObject(value)
    writer.mark_update(info_ref)
    return _written(writer)


def _with_xmp(data: bytes) -> bytes:
    """New XMP metadata in place of the signed one (pyHanko's signing writes XMP)."""
    writer = UpgradeWriter(io.BytesIO(data))
    stream = generic.StreamObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Metadata"),
            generic.NameObject("/Subtype"): generic.NameObject("/XML"),
        },
        stream_data=XMP,
    )
    writer.root["/Metadata"] = writer.add_object(stream)
    writer.update_root()
    return _written(writer)


def _refused(data: bytes, env: ActsEnv, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The CLI's report on a refused file (exit 1)."""
    path = tmp_path / "tampered.pdf"
    path.write_bytes(data)
    assert cli_main(["act", "verify", str(path), "--trust", str(env.pki_paths.ca)]) == 1
    return capsys.readouterr().err


def test_a_rewritten_title_and_subject_fail_and_the_report_names_them(
    signed: bytes, acts_env: ActsEnv, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tampered = _with_info(signed, Title="Refund of AUD 50,000 approved", Subject="settled")
    verdict = verify_pdf(tampered, load_trust(acts_env.pki_paths.ca))
    assert not verdict.ok
    assert any("document information /Subject, /Title" in p for p in verdict.problems)
    # Both signatures are intact: only the analysis of what came after catches it.
    assert not any("digest mismatch" in p for p in verdict.problems)
    report = _refused(tampered, acts_env, tmp_path, capsys)
    assert "changed after signing (revision" in report and "/Title" in report

    path = tmp_path / "tampered.pdf"
    assert "Refund of AUD 50,000 approved" in run_tool("pdfinfo", str(path)).stdout
    assert pdfsig(path).count("Not total document signed") == 2


def test_new_xmp_metadata_fails(
    signed: bytes, acts_env: ActsEnv, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tampered = _with_xmp(signed)
    verdict = verify_pdf(tampered, load_trust(acts_env.pki_paths.ca))
    assert not verdict.ok
    assert any("XMP metadata rewritten" in p for p in verdict.problems)
    assert "XMP metadata rewritten" in _refused(tampered, acts_env, tmp_path, capsys)
    assert "Refund approved" in run_tool("pdfinfo", "-meta", str(tmp_path / "tampered.pdf")).stdout
    assert pdfsig(tmp_path / "tampered.pdf").count("Not total document signed") == 2


def test_a_modification_date_alone_fails_too(signed: bytes, acts_env: ActsEnv) -> None:
    """What pyHanko's writer stamps on every save (``UpgradeWriter`` does not): not ours
    after the last signature."""
    verdict = verify_pdf(
        _with_info(signed, ModDate="D:20300101000000Z"), load_trust(acts_env.pki_paths.ca)
    )
    assert not verdict.ok
    assert any("document information /ModDate" in p for p in verdict.problems)


def test_a_change_reverted_later_is_still_reported(signed: bytes, acts_env: ActsEnv) -> None:
    """Each revision is compared with the signed one, not only the last."""
    changed = _with_info(signed, Title="Forged")
    info_now = _with_info(changed, Title="Incident act TAB-TEST01-i-1-A1")
    verdict = verify_pdf(info_now, load_trust(acts_env.pki_paths.ca))
    assert not verdict.ok
    assert any("document information /Title" in p for p in verdict.problems)


def test_the_upgrade_writer_leaves_the_metadata_as_signed(signed: bytes, acts_env: ActsEnv) -> None:
    """An incremental save through our upgrade's writer changes nothing a reader shows,
    and so verifies (the integration tests upgrade real acts against the helpdesk)."""
    writer = UpgradeWriter(io.BytesIO(signed))
    writer.root["/DSS"] = writer.add_object(generic.DictionaryObject())
    writer.update_root()
    verdict = verify_pdf(_written(writer), load_trust(acts_env.pki_paths.ca))
    assert verdict.ok, verdict.problems

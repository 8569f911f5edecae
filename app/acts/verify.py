"""``vip-console act verify``: is this act intact, validly signed, trusted, unaltered?

The verdict rests on pyHanko's validation of every signature and document timestamp
*and* on its modification analysis, never on ``intact`` alone (a signature can be
intact while content was added after it in a later revision):

* every signature: **intact** (the digest of its byte range matches — else "digest
  mismatch"), **valid** (the CMS signature verifies), made with a **document-signing
  certificate** (EKU ``id-kp-documentSigning``, not a CA — else "not a
  document-signing certificate"), **trusted** (a path to the acts CA, ``--trust`` —
  else "untrusted signer"), **not revoked** as of the time it is proven to exist
  (``app.acts.trust`` — else "revoked signer"), covering at least its whole revision;
* after the **last** signature, only LTA updates (DSS, document timestamps:
  ``ModificationLevel.LTA_UPDATES``); after an **earlier** one, at most form filling
  (the signing of fields that existed before it), and its DocMDP permissions hold
  (``docmdp_ok``) — else "content added after signing". A suspicious change pyHanko
  cannot classify counts as ``OTHER``;
* every document timestamp: intact, valid, trusted (the TSA root, ``--tsa-trust``),
  followed by LTA updates only;
* after the last signature, the document information (``/Info``: title, subject...),
  the XMP metadata and the catalog exactly as signed: pyHanko's default policy lets
  those change as "LTA updates"; ours (``app.acts.after_signing``) does not, and the
  report names what changed. Our own upgrade (B-T, B-LT) changes none of them;
* no bytes after the last revision's ``%%EOF``;
* the embedded ``act.json`` hashes to the SHA-256 the page (QR code) and ``/Keywords``
  carry.

Revocation: the CRLs of the DSS (B-LT), given (``--crl``) or fetched from the helpdesk
(``--helpdesk``); with none, the verdict notes "revocation not checked".
"""

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.generic import StreamObject
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import DiffPolicy, ModificationLevel, SuspiciousModification
from pyhanko.sign.validation import (
    DocumentSecurityStore,
    EmbeddedPdfSignature,
    SignatureCoverageLevel,
    validate_pdf_signature,
    validate_pdf_timestamp,
)
from pyhanko_certvalidator import ValidationContext

from app.acts import content as act_content
from app.acts.after_signing import STRICT_DIFF_POLICY, metadata_changes
from app.acts.trust import (
    DOCUMENT_SIGNING,
    Trust,
    document_signing_problem,
    dss_crl_count,
    load_certificates,
    signature_context,
    timestamp_context,
)

_KEYWORD_SHA = re.compile(r"sha256:([0-9a-f]{64})")
load_trust = load_certificates  # the name the tests and tools know


@dataclass(frozen=True)
class SignatureCheck:
    field: str
    kind: str  # "signature" or "timestamp"
    signer: str
    revision: int
    when: str  # the time it claims (signature) or certifies (timestamp)
    modification: str
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    ok: bool
    problems: tuple[str, ...]
    checks: tuple[SignatureCheck, ...] = ()
    level: str | None = None  # PAdES baseline level found: B-B, B-T, B-LT
    content_sha256: str | None = None
    notes: tuple[str, ...] = field(default=())
    document: str = "act"  # or "report": a signed KPI report or shift handover

    def report(self, name: str) -> str:
        lines = [f"{name}: {'OK' if self.ok else 'FAILED'}"]
        if self.level:
            lines.append(f"  PAdES baseline level: {self.level}")
        if self.content_sha256:
            lines.append(f"  {self.document} content SHA-256: {self.content_sha256}")
        for check in self.checks:
            state = "ok" if not check.problems else "FAILED"
            lines.append(
                f"  {check.kind} {check.field} (revision {check.revision}) by {check.signer}, "
                f"{check.when}: {state}; after it: {check.modification}"
            )
        lines.extend(f"  note: {note}" for note in self.notes)
        lines.extend(f"  problem: {problem}" for problem in self.problems)
        return "\n".join(lines)


def verify_pdf(data: bytes, trust: Trust | Sequence[asn1_x509.Certificate]) -> Verdict:
    """The verdict on ``data``; ``trust`` is a ``Trust``, or the roots of both signers
    and timestamps with no CRL beyond the act's own."""
    if not isinstance(trust, Trust):
        trust = Trust(signers=list(trust), timestamps=list(trust))
    try:
        reader = PdfFileReader(io.BytesIO(data))
        signatures = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as error:
        return Verdict(False, (f"not a readable PDF: {error}",))
    problems: list[str] = []
    regular = [s for s in signatures if s.sig_object_type == "/Sig"]
    stamps = [s for s in signatures if s.sig_object_type == "/DocTimeStamp"]
    if not regular:
        return Verdict(False, ("no signature in the file",))
    stamped = [_check_timestamp(s, timestamp_context(reader, trust)) for s in stamps]
    in_dss = dss_crl_count(reader)
    checked = bool(trust.crls) or in_dss > 0
    checks = [
        _check_signature(
            s, reader, trust, s is regular[-1], _proven_at(s, stamps, stamped), checked
        )
        for s in regular
    ]
    checks += [check for check, _at in stamped]
    checks.sort(key=lambda c: c.revision)
    for check in checks:
        problems.extend(check.problems)
    problems.extend(metadata_changes(reader, regular[-1].signed_revision))
    if not _ends_at_eof(data):
        problems.append("content added after signing: bytes after the last %%EOF")
    kind, sha, content_problems = _check_content(reader)
    problems.extend(content_problems)
    level = _level(reader, regular, stamps)
    notes = (_revocation_note(trust, in_dss, checked),)
    return Verdict(not problems, tuple(problems), tuple(checks), level, sha, notes, kind)


def _proven_at(
    sig: EmbeddedPdfSignature,
    stamps: Sequence[EmbeddedPdfSignature],
    stamped: Sequence[tuple["SignatureCheck", datetime | None]],
) -> datetime | None:
    """The earliest valid document timestamp over ``sig``: it existed by then."""
    times = [
        at
        for stamp, (_check, at) in zip(stamps, stamped, strict=True)
        if at is not None and stamp.signed_revision > sig.signed_revision
    ]
    return min(times, default=None)


def _revocation_note(trust: Trust, in_dss: int, checked: bool) -> str:
    if not checked:
        return (
            "revocation not checked: no CRL in the act (B-LT), none given (--crl FILE) "
            "or fetched (--helpdesk URL)"
        )
    sources = [f"{in_dss} in the act"] if in_dss else []
    sources.extend(trust.crl_sources)
    return "revocation checked against CRLs: " + ", ".join(sources)


def _signer(sig: EmbeddedPdfSignature) -> str:
    try:
        return str(sig.signer_cert.subject.native.get("common_name", "?"))
    except (KeyError, ValueError):
        return "?"


def _check_signature(
    sig: EmbeddedPdfSignature,
    reader: PdfFileReader,
    trust: Trust,
    last: bool,
    proven_at: datetime | None,
    checked: bool,
) -> SignatureCheck:
    name = sig.field_name
    problems: list[str] = []
    usage = document_signing_problem(sig.signer_cert)
    if usage is not None:
        problems.append(f"{usage}, for {name}")
    context = signature_context(reader, trust, proven_at, checked)
    try:
        # The strict policy after the last signature only: between the two signatures
        # pyHanko's own signing updates /Info (ModDate), and the last one covers that.
        status = validate_pdf_signature(
            sig, context, diff_policy=_policy(last), key_usage_settings=DOCUMENT_SIGNING
        )
    except Exception as error:  # a malformed CMS blob or byte range: a failed check
        return SignatureCheck(
            name,
            "signature",
            _signer(sig),
            sig.signed_revision,
            "?",
            "?",
            (*problems, f"signature {name} cannot be validated: {error}"),
        )
    if not status.intact:
        problems.append(f"digest mismatch: the bytes signed by {name} were changed")
    elif not status.valid:
        problems.append(f"signature {name} does not verify against its signer's key")
    elif status.revoked and status.revocation_details is not None:
        revoked_on = status.revocation_details.revocation_date
        when = (
            f"its earliest timestamp, {proven_at:%Y-%m-%d %H:%M} UTC, is later"
            if proven_at
            else "no timestamp proves it was signed before"
        )
        problems.append(
            f"revoked signer: {_signer(sig)}'s certificate was revoked on "
            f"{revoked_on:%Y-%m-%d %H:%M} UTC and {when} ({name})"
        )
    elif not status.trusted and usage is None:
        indic = status.trust_problem_indic
        why = str(getattr(indic, "name", indic)) if indic else "no trusted path"
        problems.append(f"untrusted signer: {_signer(sig)} ({why}) for {name}")
    modification = _modification_problems(status, name, last)
    problems.extend(modification)
    if status.docmdp_ok is False and not modification:
        problems.append(f"content added after signing: changes after {name} break its DocMDP")
    when = status.signer_reported_dt.isoformat() if status.signer_reported_dt else "no time"
    return SignatureCheck(
        name,
        "signature",
        _signer(sig),
        sig.signed_revision,
        when,
        _level_name(status.modification_level),
        tuple(problems),
    )


def _check_timestamp(
    sig: EmbeddedPdfSignature, context: ValidationContext
) -> tuple[SignatureCheck, datetime | None]:
    """The check, and the time it proves when it passed."""
    name = sig.field_name
    problems: list[str] = []
    try:
        status = validate_pdf_timestamp(sig, context, diff_policy=STRICT_DIFF_POLICY)
    except Exception as error:
        failed = SignatureCheck(
            name,
            "timestamp",
            _signer(sig),
            sig.signed_revision,
            "?",
            "?",
            (f"timestamp {name} cannot be validated: {error}",),
        )
        return failed, None
    if not status.intact:
        problems.append(f"digest mismatch: the bytes timestamped by {name} were changed")
    elif not status.valid:
        problems.append(f"timestamp {name} does not verify")
    elif not status.trusted:
        problems.append(f"untrusted timestamp authority: {_signer(sig)} for {name}")
    problems.extend(_modification_problems(status, name, last=True))
    check = SignatureCheck(
        name,
        "timestamp",
        _signer(sig),
        sig.signed_revision,
        status.timestamp.isoformat(),
        _level_name(status.modification_level),
        tuple(problems),
    )
    proven: datetime | None = status.timestamp if status.trusted and status.intact else None
    return check, proven


def _policy(last: bool) -> DiffPolicy | None:
    return STRICT_DIFF_POLICY if last else None


def _modification_problems(status: Any, name: str, last: bool) -> list[str]:
    problems = []
    coverage = status.coverage
    if coverage is None or coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        problems.append(f"{name} does not cover its whole revision")
    allowed = ModificationLevel.LTA_UPDATES if last else ModificationLevel.FORM_FILLING
    level = status.modification_level
    if isinstance(status.diff_result, SuspiciousModification):
        first_line = str(status.diff_result).splitlines()[0][:160]
        problems.append(f"content added after signing {name}: {first_line}")
    elif level is None or level > allowed:
        problems.append(f"content added after signing {name}: {_level_name(level)}")
    return problems


def _level_name(level: ModificationLevel | None) -> str:
    if level is None:
        return "unknown changes"
    return {
        ModificationLevel.NONE: "nothing",
        ModificationLevel.LTA_UPDATES: "validation data / timestamps only",
        ModificationLevel.FORM_FILLING: "signing of pre-created fields",
        ModificationLevel.ANNOTATIONS: "annotations",
    }.get(level, "other changes")


def _ends_at_eof(data: bytes) -> bool:
    return data.rstrip(b"\r\n\t\x00 ").endswith(b"%%EOF")


REPORT_FILE = "report.json"  # app.reports.signing: a report's figures


def _embedded(reader: PdfFileReader) -> dict[str, bytes]:
    """The embedded files of ``reader`` by name (none: an empty dict)."""
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
        found = {}
        for i in range(0, len(names), 2):
            stream = names[i + 1].get_object()["/EF"]["/F"].get_object()
            if isinstance(stream, StreamObject):
                found[str(names[i])] = stream.data
        return found
    except (KeyError, IndexError, TypeError, PdfError):
        return {}


def _check_content(reader: PdfFileReader) -> tuple[str, str | None, list[str]]:
    """What the document is (an act, or a signed report) and its content's SHA-256: an
    act's embedded act.json against the hash named in /Keywords (and on the page); a
    report's report.json is covered by its one signature, which allows no change."""
    files = _embedded(reader)
    if act_content.FILE_NAME not in files:
        if REPORT_FILE in files:
            return "report", hashlib.sha256(files[REPORT_FILE]).hexdigest(), []
        return "act", None, ["not an act: no embedded act.json"]
    sha = hashlib.sha256(files[act_content.FILE_NAME]).hexdigest()
    try:
        keywords = str(reader.trailer_view["/Info"].get_object().get("/Keywords", ""))
    except (KeyError, PdfError):
        keywords = ""
    claimed = _KEYWORD_SHA.search(keywords)
    if claimed is None:
        return "act", sha, ["not an act: no content hash in the document information"]
    if claimed.group(1) != sha:
        return (
            "act",
            sha,
            ["content hash mismatch: act.json does not hash to the SHA-256 on the act"],
        )
    return "act", sha, []


def _level(
    reader: PdfFileReader,
    regular: Sequence[EmbeddedPdfSignature],
    stamps: Sequence[EmbeddedPdfSignature],
) -> str:
    last_signed = regular[-1].signed_revision
    if not any(s.signed_revision > last_signed for s in stamps):
        return "B-B"
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except (KeyError, ValueError, PdfError):
        return "B-T"
    return "B-LT" if dss.crls or dss.ocsps else "B-T"

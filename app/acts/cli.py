"""``vip-console act verify FILE.pdf``: the verdict as an exit code. ``vip-console act
self-test``: whether this install can sign an act (``app.acts.self_test``).

Exit 0 when every signature is intact, valid, made with a document-signing
certificate of the acts CA that was not revoked when it is proven to exist, and
nothing but validation data and timestamps was added after the last one (see
``app.acts.verify``); exit 1 otherwise, with each failure named on stderr.

Trust: ``--trust`` (the acts CA; default ``<data dir>/pki/ca.pem``) for signatures,
``--tsa-trust`` (the TSA root; default ``<data dir>/pki/tsa-ca.pem``) for timestamps.
Revocation: the act's own CRLs (B-LT), ``--crl FILE`` (repeatable), and with
``--helpdesk URL`` the CRLs of every certificate in the act fetched from the helpdesk;
with none of them the report says "revocation not checked".
"""

import argparse
import logging
import sys
from pathlib import Path


def add_verify_arguments(verify: argparse.ArgumentParser) -> None:
    verify.add_argument("file", type=Path, help="the act, or a signed report (PDF)")
    verify.add_argument(
        "--trust", type=Path, help="the acts CA, PEM (default: <data dir>/pki/ca.pem)"
    )
    verify.add_argument(
        "--tsa-trust",
        type=Path,
        help="the timestamp authority's root, PEM (default: <data dir>/pki/tsa-ca.pem)",
    )
    verify.add_argument(
        "--crl", type=Path, action="append", default=[], help="a CRL (DER or PEM); repeatable"
    )
    verify.add_argument(
        "--helpdesk", metavar="URL", help="fetch the current CRLs from this helpdesk"
    )


def run(args: argparse.Namespace, data_dir: Path) -> int:
    """``data_dir``: the console's data directory, resolved by ``app.cli``."""
    if args.act_command == "verify":
        return verify(args, data_dir)
    if args.act_command == "self-test":
        from app.acts.self_test import self_test

        return self_test()
    raise SystemExit(f"vip-console act: unknown command {args.act_command!r}")


def verify(args: argparse.Namespace, data_dir: Path) -> int:
    if not args.verbose:
        # pyHanko logs every failed check with a traceback; the verdict names them.
        for name in ("pyhanko", "pyhanko_certvalidator"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    from app.acts.pki import pki_paths
    from app.acts.trust import Trust, load_certificates, load_crl
    from app.acts.verify import verify_pdf

    file: Path = args.file
    paths = pki_paths(data_dir)
    anchor = args.trust or paths.ca
    try:
        roots = load_certificates(anchor)
    except (OSError, ValueError) as error:
        return _fail(f"no trust anchor ({anchor}): {error}; pass --trust CA.pem")
    tsa_anchor = args.tsa_trust or paths.tsa_ca
    try:
        tsa_roots = load_certificates(tsa_anchor)
    except (OSError, ValueError):
        tsa_roots = []  # an act without timestamps needs none; one with them fails
    try:
        data = file.read_bytes()
    except OSError as error:
        return _fail(f"cannot read {file}: {error}")
    crls, sources = [], []
    for crl_file in args.crl:
        try:
            crls.append(load_crl(crl_file))
        except (OSError, ValueError) as error:
            return _fail(f"cannot read the CRL {crl_file}: {error}")
        sources.append(crl_file.name)
    if args.helpdesk:
        fetched = _fetch_crls(data, args.helpdesk)
        if isinstance(fetched, str):
            return _fail(f"revocation not checked: {fetched}")
        crls.extend(fetched)
        sources.append(f"{len(fetched)} from {args.helpdesk}")
    trust = Trust(roots, tsa_roots, crls, tuple(sources))
    verdict = verify_pdf(data, trust)
    print(verdict.report(file.name), file=sys.stdout if verdict.ok else sys.stderr)
    return 0 if verdict.ok else 1


def _fetch_crls(data: bytes, helpdesk: str) -> list[bytes] | str:
    """The CRL of every certificate in the act, from the helpdesk (its distribution
    points, else the same path on ``helpdesk``); why not, as text."""
    import io

    import httpx
    from pyhanko.pdf_utils.reader import PdfFileReader

    from app.acts.upgrade import UpgradeUnavailable, fetch_crls

    try:
        signatures = list(PdfFileReader(io.BytesIO(data)).embedded_signatures)
    except Exception as error:  # not a PDF: the verdict says so without CRLs
        return f"unreadable PDF ({error})"
    certs = [c for s in signatures for c in (s.signer_cert, *s.other_embedded_certs)]
    try:
        with httpx.Client(timeout=10.0) as client:
            return fetch_crls([c for c in certs if c.self_signed == "no"], client, helpdesk)
    except UpgradeUnavailable as error:
        return f"the helpdesk's CRL could not be fetched: {error}"


def _fail(message: str) -> int:
    print(f"vip-console: {message}", file=sys.stderr)
    return 1

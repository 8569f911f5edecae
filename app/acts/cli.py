"""``vip-console act verify FILE.pdf [--trust CA.pem]``: the verdict as an exit code.

Exit 0 when every signature is intact, valid and trusted and nothing but validation
data and timestamps was added after the last one (see ``app.acts.verify``); exit 1
otherwise, with each failure named on stderr.
"""

import argparse
import logging
import sys
from pathlib import Path


def run(args: argparse.Namespace, data_dir: Path) -> int:
    """``data_dir``: the console's data directory, resolved by ``app.cli``."""
    if args.act_command == "verify":
        return verify(args.file, args.trust, data_dir, verbose=args.verbose)
    raise SystemExit(f"vip-console act: unknown command {args.act_command!r}")


def verify(file: Path, trust: Path | None, data_dir: Path, *, verbose: bool = False) -> int:
    if not verbose:
        # pyHanko logs every failed check with a traceback; the verdict names them.
        for name in ("pyhanko", "pyhanko_certvalidator"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    from app.acts.pki import pki_paths
    from app.acts.verify import load_trust, verify_pdf

    anchor = trust or pki_paths(data_dir).ca
    try:
        roots = load_trust(anchor)
    except (OSError, ValueError) as error:
        print(
            f"vip-console: no trust anchor ({anchor}): {error}; pass --trust CA.pem",
            file=sys.stderr,
        )
        return 1
    try:
        data = file.read_bytes()
    except OSError as error:
        print(f"vip-console: cannot read {file}: {error}", file=sys.stderr)
        return 1
    verdict = verify_pdf(data, roots)
    print(verdict.report(file.name), file=sys.stdout if verdict.ok else sys.stderr)
    return 0 if verdict.ok else 1

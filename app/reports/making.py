"""Make a report: gather the figures, draw them, sign the PDF; the CSV beside it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from app.acts.signing import SigningIdentity
from app.reports.csv_rows import csv_text, figures_json
from app.reports.figures import Period, ReportFigures, ReportSource, gather
from app.reports.pdf import render_report
from app.reports.signing import sign_report, upgrade_signed


@dataclass(frozen=True)
class MadeReport:
    figures: ReportFigures
    pdf: bytes  # signed
    csv: str
    level: str = "B-B"  # its PAdES baseline level (B-T, B-LT once upgraded)
    stopped: str | None = None  # why an upgrade stopped short of B-LT, if it did


def make_report(
    source: ReportSource,
    period: Period,
    property_name: str,
    now: datetime,
    identity: SigningIdentity,
) -> MadeReport:
    figures = gather(source, period, property_name, now)
    signed = sign_report(
        render_report(figures),
        figures_json(figures),
        identity,
        signed_at=now,
        signer=source.label,
        location=property_name,
    )
    return MadeReport(figures, signed, csv_text(figures))


def write_report(made: MadeReport, out: Path, with_csv: bool) -> list[Path]:
    """The PDF at ``out`` and, with ``with_csv``, the CSV beside it (``.csv``); written
    to a temporary name first so a reader never sees half a report."""
    written = [(out, made.pdf)]
    if with_csv:
        written.append((out.with_suffix(".csv"), made.csv.encode()))
    for path, data in written:
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(data)
        partial.replace(path)
    return [path for path, _ in written]


def upgraded(made: MadeReport, pki_url: str, trust_roots: Sequence[Any]) -> MadeReport:
    """``made`` taken to B-T and B-LT at ``pki_url`` (``upgrade_signed``)."""
    result = upgrade_signed(made.pdf, pki_url, trust_roots)
    return replace(made, pdf=result.pdf, level=result.level, stopped=result.stopped)

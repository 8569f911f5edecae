"""The pages of a post-incident report and of a duty manager's sign-off of one, after
the incident and its timeline (``app.acts.document`` lays out the rest)."""

from collections.abc import Mapping
from typing import Any, Protocol

from app.acts.layout import Flow


class Shows(Protocol):
    """The act's clock: an ISO time as the venue reads it."""

    def show(self, iso_text: str | None, zone_name: bool = True) -> str: ...


def report_sections(flow: Flow, report: Mapping[str, Any], clock: Shows) -> None:
    flow.heading("Resolution")
    acts = ", ".join(report["acts"]) or "none"
    flow.fields_table(
        [("Resolved", clock.show(report["resolved_at"])), ("Acts of this incident", acts)]
    )
    _findings(flow, report, "")


def sign_off_sections(flow: Flow, sign_off: Mapping[str, Any], clock: Shows) -> None:
    report = sign_off["report"]
    flow.heading("Report reviewed")
    flow.fields_table(
        [
            ("Report", report["number"]),
            ("Signed", f"{clock.show(report['signed_at'])} by {report['signed_by']}"),
            ("Content SHA-256", report["content_sha256"]),
        ]
    )
    _findings(flow, report, ", as reported")  # what the duty manager read and signs off
    flow.heading("Duty manager's review")
    flow.paragraph(sign_off["review"])


def _findings(flow: Flow, report: Mapping[str, Any], suffix: str) -> None:
    """Impact (when given), root cause, measures numbered."""
    if report["impact"]:
        flow.heading(f"Impact{suffix}")
        flow.paragraph(report["impact"])
    flow.heading(f"Root cause{suffix}")
    flow.paragraph(report["root_cause"])
    flow.heading(f"Measures{suffix}")
    for number, measure in enumerate(report["measures"], 1):
        flow.paragraph(f"{number}. {measure}")

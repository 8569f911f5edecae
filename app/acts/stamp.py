"""The visible signature stamp: the appearance of each signature widget.

The frame of a signature field is on the page with its words (who, when, which key),
drawn by the act's layout in the act's embedded fonts; the widget laid over it shows
the seal mark — a ring with a check mark — and the frame's border, in vectors only.
No font in the appearance, so nothing unembedded (pyHanko's own text stamps use
Courier) and nothing embedded twice; a viewer that validates the signature overlays
its status on the same widget.
"""

from pyhanko.pdf_utils.content import RawContent
from pyhanko.pdf_utils.layout import AxisAlignment, BoxConstraints, Margins, SimpleBoxLayoutRule
from pyhanko.stamp import StaticStampStyle

from app.acts.document import STAMP_MARK_WIDTH

SEAL_BLUE = (0.09, 0.24, 0.52)
_KAPPA = 0.5523  # Bézier handle length for a quarter circle


def _circle(cx: float, cy: float, r: float) -> str:
    k = r * _KAPPA
    return (
        f"{cx + r:.2f} {cy:.2f} m "
        f"{cx + r:.2f} {cy + k:.2f} {cx + k:.2f} {cy + r:.2f} {cx:.2f} {cy + r:.2f} c "
        f"{cx - k:.2f} {cy + r:.2f} {cx - r:.2f} {cy + k:.2f} {cx - r:.2f} {cy:.2f} c "
        f"{cx - r:.2f} {cy - k:.2f} {cx - k:.2f} {cy - r:.2f} {cx:.2f} {cy - r:.2f} c "
        f"{cx + k:.2f} {cy - r:.2f} {cx + r:.2f} {cy - k:.2f} {cx + r:.2f} {cy:.2f} c"
    )


def seal_mark(width: float, height: float) -> bytes:
    """Content stream of the appearance: frame, ring and check mark."""
    r, g, b = SEAL_BLUE
    radius = min(STAMP_MARK_WIDTH / 2 - 8, height / 2 - 8)
    cx, cy = STAMP_MARK_WIDTH / 2 + 2, height / 2
    ops = [
        f"{r} {g} {b} RG 1 J 1 j",
        f"0.9 w 0.6 0.6 {width - 1.2:.2f} {height - 1.2:.2f} re S",
        f"1.4 w {_circle(cx, cy, radius)} S",
        f"2.2 w {cx - radius * 0.45:.2f} {cy:.2f} m "
        f"{cx - radius * 0.1:.2f} {cy - radius * 0.38:.2f} l "
        f"{cx + radius * 0.5:.2f} {cy + radius * 0.42:.2f} l S",
    ]
    return " ".join(ops).encode("ascii")


def stamp_style(width: float, height: float) -> StaticStampStyle:
    """The seal mark as the whole appearance, edge to edge, no text, no background."""
    return StaticStampStyle(
        background=RawContent(seal_mark(width, height), box=BoxConstraints(width, height)),
        background_opacity=1.0,
        border_width=0,
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins(left=0, right=0, top=0, bottom=0),
        ),
    )

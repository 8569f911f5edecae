"""The colour pairs a Qt style sheet paints: what the contrast test checks.

A rule's text colour is checked on its own background, or, when the rule sets none
(a label is transparent), on every surface of the theme it may sit on; a rule that
colours a state (``:focus``, ``:checked``) or a priority is a state indicator,
checked against the window's background around it. Disabled controls are exempt
(WCAG 1.4.3). Properties a rule leaves out come from the rule it refines:
``QPushButton[variant="key"]:checked`` from ``QPushButton[variant="key"]``, then
``QPushButton:checked``, ``QPushButton``, ``QWidget``.
"""

import re
from collections.abc import Iterator

from app.accessibility.contrast import ColourPair, Kind, is_large

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
_PSEUDO = re.compile(r"(?<!:):[a-z-]+")
_ATTRS = re.compile(r"\[[^\]]*\]|#[A-Za-z_]\w*")
# Lasting states; a press is momentary feedback under the finger, not a state to read.
STATES = (":focus", ":checked", ":selected")
SURFACES = ("QWidget", 'QFrame[variant="panel"]', 'QFrame[variant="card-panel"]', "QTableView")


def declarations(qss: str) -> dict[str, dict[str, str]]:
    """Selector -> its properties, later rules overriding earlier ones."""
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in _RULE.findall(_COMMENT.sub("", qss)):
        props = {}
        for line in body.split(";"):
            name, _, value = line.partition(":")
            if value.strip():
                props[name.strip().lower()] = value.strip()
        for selector in selectors.split(","):
            key = " ".join(selector.split())
            rules.setdefault(key, {}).update(props)
    return rules


def _fallbacks(selector: str) -> list[str]:
    """The selectors ``selector`` refines, nearest first, ending at ``QWidget``."""
    last = selector.split(" ")[-1]
    bare = _ATTRS.sub("", last)
    out = [selector, _PSEUDO.sub("", selector), last, _PSEUDO.sub("", last)]
    shorter = _PSEUDO.sub("", last)
    while _ATTRS.search(shorter):  # [a][b] refines [a]
        shorter = shorter[: list(_ATTRS.finditer(shorter))[-1].start()]
        out.append(shorter)
    out += [bare, _PSEUDO.sub("", bare), "QWidget"]
    return list(dict.fromkeys(out))


def _lookup(rules: dict[str, dict[str, str]], selector: str, *names: str) -> str | None:
    for candidate in _fallbacks(selector):
        props = rules.get(candidate, {})
        for name in names:
            if name in props:
                return props[name]
    return None


def _colour(value: str | None) -> str | None:
    found = _HEX.search(value or "")
    return found.group(0) if found else None


def _background(rules: dict[str, dict[str, str]], selector: str) -> str | None:
    return _colour(_lookup(rules, selector, "background-color", "background"))


def surfaces(rules: dict[str, dict[str, str]]) -> list[str]:
    return [c for c in (_background(rules, s) for s in SURFACES if s in rules) if c]


def colour_pairs(qss: str) -> Iterator[ColourPair]:
    rules = declarations(qss)
    window = _background(rules, "QWidget") or "#000000"
    for selector, props in rules.items():
        if ":disabled" in selector or ("::" in selector and "::section" not in selector):
            continue
        own_bg = _colour(props.get("background-color") or props.get("background"))
        if _colour(props.get("color")) or own_bg:
            yield from _text_pairs(rules, selector, own_bg)
        if any(state in selector for state in STATES) or "priority-" in selector:
            for edge in (_colour(props.get("border")), _colour(props.get("border-color"))):
                if edge:
                    yield ColourPair(f"{selector} border", edge, window, Kind.STATE)
            if own_bg:
                yield ColourPair(f"{selector} background", own_bg, window, Kind.STATE)


def _text_pairs(
    rules: dict[str, dict[str, str]], selector: str, own_bg: str | None
) -> Iterator[ColourPair]:
    foreground = _colour(_lookup(rules, selector, "color"))
    if foreground is None:
        return
    size = _lookup(rules, selector, "font-size") or "12pt"
    points = float(re.sub(r"[^0-9.]", "", size) or 12)
    bold = (_lookup(rules, selector, "font-weight") or "") == "bold"
    kind = Kind.LARGE_TEXT if is_large(points, bold) else Kind.TEXT
    # None when the rule, or the one it refines, is transparent (a label): any surface.
    behind = own_bg or _background(rules, selector)
    for background in [behind] if behind else surfaces(rules):
        yield ColourPair(selector, foreground, background, kind)

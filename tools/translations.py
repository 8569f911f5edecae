"""Re-collect the French catalogue from ui/ and tools/, rebuild the .qm, list what is left.

``python -m tools.translations`` (``make translations``): pyside6-lupdate over every
Python file of ui/ and tools/ (entries no longer in the code are dropped), then
pyside6-lrelease; prints each entry still waiting for a translation, by context.
Translate those in ``resources/translations/vip_console_fr.ts`` and run it again.
A test (tests/ui/test_translations_complete.py) fails while any is left.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "resources" / "translations" / "vip_console_fr.ts"
TOOLS = Path(sys.executable).parent


def sources() -> list[str]:
    files = sorted((ROOT / "ui").rglob("*.py")) + sorted((ROOT / "tools").rglob("*.py"))
    return [str(path.relative_to(ROOT)) for path in files]


def unfinished(catalogue: Path) -> list[tuple[str, str]]:
    found = []
    for context in ET.parse(catalogue).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") == "unfinished":
                found.append((name, message.findtext("source") or ""))
    return found


def main() -> int:
    lupdate, lrelease = TOOLS / "pyside6-lupdate", TOOLS / "pyside6-lrelease"
    subprocess.run(
        [str(lupdate), *sources(), "-ts", str(CATALOGUE), "-no-obsolete"], cwd=ROOT, check=True
    )
    subprocess.run(
        [str(lrelease), str(CATALOGUE), "-qm", str(CATALOGUE.with_suffix(".qm"))],
        cwd=ROOT,
        check=True,
    )
    left = unfinished(CATALOGUE)
    for context, source in left:
        print(f"untranslated [{context}] {source}")
    print(f"{len(left)} entries to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``python -m tests.ui.ttr_on_screen``: open the TTR prompt in French on the screen the
offscreen platform was given (``QT_QPA_PLATFORM=offscreen:configfile=...``) and print,
as JSON, where it and its buttons landed: once opened, once more after Esc showed its
message. ``test_ttr_prompt`` runs it at 1024×768 and 1280×800; Qt sizes a new dialog
from its screen, which one test process cannot change.

With a file name as argument it also saves a picture of the screen with the prompt.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QWidget

from app.compliance.aml import assess_ttr
from ui.application import build_application
from ui.async_ops import AsyncOps
from ui.compliance.ttr_prompt import TtrPrompt


def placed(prompt: TtrPrompt) -> dict[str, object]:
    inside = prompt.rect()
    buttons = []
    for button in prompt.buttons.values():
        rect = QRect(button.mapTo(prompt, QPoint(0, 0)), button.size())
        buttons.append(
            {
                "inside": inside.contains(rect),
                "visible": button.isVisible() and not button.visibleRegion().isEmpty(),
                "height": rect.height(),
                "text_fits": button.width() >= button.sizeHint().width(),
                "top": rect.top(),
                "bottom": rect.bottom(),
            }
        )
    return {"dialog": prompt.frameGeometry().getRect(), "buttons": buttons}


def main(argv: list[str]) -> int:
    app = build_application(locale="fr_FR")
    screen = app.primaryScreen().availableGeometry()
    backdrop = QWidget()  # the console the prompt opens over
    backdrop.setGeometry(screen)
    backdrop.show()
    prompt = TtrPrompt(assess_ttr(Decimal("12000"), "AUD"), lambda *_: None, AsyncOps(), backdrop)
    prompt.open()
    QApplication.processEvents()
    report = {"screen": screen.getRect(), "opened": placed(prompt)}
    prompt.reject()  # Esc: the prompt stays, with a line more
    QApplication.processEvents()
    report["after_esc"] = placed(prompt)
    if len(argv) > 1:
        picture = backdrop.grab()
        painter = QPainter(picture)
        painter.drawPixmap(
            prompt.geometry().topLeft() - backdrop.geometry().topLeft(), prompt.grab()
        )
        painter.end()
        picture.save(argv[1])
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""The update refusals of app/messages.py, translated (merged into ui.error_text)."""

from PySide6.QtCore import QCoreApplication


def update_templates() -> dict[str, str]:
    return {
        "update.tampered": QCoreApplication.translate(
            "CoreMessages",
            "Update refused: the file from {source} is not the one the property's keys "
            "signed (tampered or damaged). Nothing was installed. Tell IT.",
        ),
        "update.bad_signature": QCoreApplication.translate(
            "CoreMessages",
            "Update refused: the update information from {source} is not signed by the "
            "property's keys. Nothing was installed. Tell IT.",
        ),
        "update.expired": QCoreApplication.translate(
            "CoreMessages",
            "Update refused: the update information from {source} has expired (IT must sign "
            "it again). Nothing was installed. Tell IT.",
        ),
        "update.rolled_back": QCoreApplication.translate(
            "CoreMessages",
            "Update refused: {source} offers older update information than this tablet "
            "already had (a rollback). Nothing was installed. Tell IT.",
        ),
        "update.invalid": QCoreApplication.translate(
            "CoreMessages",
            "Update refused: the update information from {source} is not valid. Nothing was "
            "installed. Tell IT.",
        ),
    }

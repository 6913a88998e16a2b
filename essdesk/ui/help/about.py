"""Aide ▸ À propos : version, base in use (never its password), licences of the libraries."""

from __future__ import annotations

import re
from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from essdesk import __version__

# When the app's own metadata is missing (some frozen builds), the libraries it is built on.
KNOWN = ("PySide6-Essentials", "SQLAlchemy", "alembic", "reportlab", "psycopg", "openpyxl",
         "ortools", "click", "keyring", "sqlcipher3", "argon2-cffi", "pypdfium2")  # fmt: skip


def libraries() -> list[tuple[str, str, str]]:
    """(name, version, licence) of each library ESS Desk requires, read from their metadata."""
    try:
        names = [
            re.match(r"[A-Za-z0-9_.-]+", spec).group(0)  # type: ignore[union-attr]
            for spec in metadata.requires("essdesk") or []
            if "extra ==" not in spec
        ]
    except metadata.PackageNotFoundError:
        names = list(KNOWN)
    found = []
    for name in dict.fromkeys(names):
        try:
            info = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue
        found.append((info.get("Name") or name, info.get("Version") or "", licence_of(info)))
    return sorted(found, key=lambda row: row[0].lower())


def licence_of(info) -> str:
    expression = info.get("License-Expression")
    if expression:
        return expression
    classifiers = [c.split(" :: ")[-1] for c in info.get_all("Classifier") or [] if "License" in c]
    if classifiers:
        return ", ".join(classifiers)
    text = (info.get("License") or "").strip().splitlines()
    return text[0][:60] if text and len(text[0]) < 80 else "non indiquée par la bibliothèque"


def base_in_use(window) -> str:
    db = getattr(window, "db", None)
    return db.target.describe() if db is not None else "aucune base ouverte"


class AboutDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setWindowTitle("À propos d'ESS Desk")
        self.resize(640, 520)
        self.summary = QLabel(
            f"<b>ESS Desk {__version__}</b><br>L'outil des missions locales, maisons de l'emploi "
            "et PLIE pour l'emploi des jeunes dans l'économie sociale et solidaire.<br><br>"
            f"Base utilisée : {base_in_use(window)}"
        )
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rows = libraries()
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Bibliothèque", "Version", "Licence"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Licences des bibliothèques incluses")
        # Names of software and of their licences: proper nouns, the French check leaves them.
        self.table.setProperty("properNames", True)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox()
        buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Bibliothèques incluses et leurs licences :"))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)


def show_about(window) -> AboutDialog:
    dialog = AboutDialog(window)
    window.about_dialog = dialog
    dialog.open()
    return dialog

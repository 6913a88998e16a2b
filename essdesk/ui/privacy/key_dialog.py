"""Unlocking an encrypted base at start when its key is not in this PC's credential store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from essdesk.db import encryption
from essdesk.ui.worker import run_task


class KeyDialog(QDialog):
    """Type the base's key (or the recovery key printed when it was encrypted); checked off the UI
    thread, kept for this session only unless the user asks to remember it."""

    def __init__(self, path: Path, on_unlocked: Callable[[], None], parent=None):
        super().__init__(parent)
        self.path, self.on_unlocked = path, on_unlocked
        self.setWindowTitle("Base chiffrée")
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.remember = QCheckBox("Mémoriser la clé dans le trousseau de ce poste")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Déverrouiller")
        explanation = QLabel(
            f"La base « {path.name} » est chiffrée et sa clé n'est pas enregistrée sur ce poste. "
            "Saisissez sa clé (ou la clé de secours remise à l'administrateur)."
        )
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.key)
        layout.addWidget(self.remember)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def submit(self) -> None:
        key = self.key.text().strip()
        if not key:
            self.message.setText("Saisissez la clé de la base.")
            return
        self.ok_button.setEnabled(False)
        self.message.setText("Vérification de la clé…")
        self._task = run_task(
            self,
            lambda _c: encryption.check_key(self.path, key),
            on_done=lambda _r: self._unlocked(key),
            on_error=self._refused,
        )

    def _unlocked(self, key: str) -> None:
        encryption.give_key(key)
        if self.remember.isChecked():
            encryption.store_key(key)
        self.accept()
        self.on_unlocked()

    def _refused(self, _error: BaseException, _trace: str) -> None:
        # One message whatever failed: a wrong key and a damaged file look the same from here.
        self.message.setText(encryption.WRONG_KEY)
        self.key.clear()
        self.ok_button.setEnabled(True)

"""The user picker at start: who is working on a base with several accounts, and their password."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from essdesk.db.database import Database
from essdesk.services import access
from essdesk.ui.worker import run_task


class LoginDialog(QDialog):
    """Choose the user, type the password; the check runs off the UI thread."""

    def __init__(self, db: Database, on_logged_in: Callable[[Database], None], parent=None):
        super().__init__(parent)
        self.db, self.on_logged_in = db, on_logged_in
        self.setWindowTitle("Qui travaille ?")
        self.users = QComboBox()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Se connecter")
        self.ok_button.setEnabled(False)
        form = QFormLayout()
        form.addRow("Utilisateur", self.users)
        form.addRow("Mot de passe", self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Cette base a plusieurs utilisateurs : identifiez-vous."))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._task = run_task(self, lambda _c: access.active_logins(db), on_done=self._show_users)

    def _show_users(self, logins: list[tuple[str, str]]) -> None:
        self.users.clear()
        for login, name in logins:
            self.users.addItem(f"{name} ({login})", login)
        self.ok_button.setEnabled(bool(logins))

    def submit(self) -> None:
        login, password = self.users.currentData(), self.password.text()
        if not login:
            return
        self.ok_button.setEnabled(False)
        self.message.setText("Vérification…")
        self._task = run_task(
            self,
            lambda _c: access.log_in(self.db, login, password),
            on_done=self._logged_in,
            on_error=self._refused,
        )

    def _logged_in(self, _actor) -> None:
        self.accept()
        self.on_logged_in(self.db)

    def _refused(self, error: BaseException, _trace: str) -> None:
        # The service's French message, which never says whether login or password was wrong.
        self.message.setText(str(getattr(error, "message", "Connexion impossible.")))
        self.password.clear()
        self.ok_button.setEnabled(True)

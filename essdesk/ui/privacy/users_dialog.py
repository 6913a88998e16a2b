"""The administrator's accounts screen: users (role, password, counsellor) and who sees the RQTH."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from essdesk.db.database import Database
from essdesk.domain.access import ROLES, SENSITIVE_SCOPES
from essdesk.services import access, sensitive
from essdesk.services.counsellors import list_counsellors
from essdesk.ui import messages
from essdesk.ui.worker import run_task


class UsersDialog(QDialog):
    """Every write goes through services/access.py in a worker (on a server: login roles)."""

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Utilisateurs")
        self.resize(700, 450)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Identifiant", "Nom", "Rôle", "Actif"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.login, self.name, self.password = QLineEdit(), QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox()
        for code, label in ROLES.items():
            self.role.addItem(label, code)
        # The counsellor record of the account: whose referent they are ("followed only").
        self.counsellor = QComboBox()
        self.counsellor.addItem("—", None)
        self.scope = QComboBox()
        for code, label in SENSITIVE_SCOPES.items():
            self.scope.addItem(label, code)
        self.add_button = QPushButton("Créer l'utilisateur")
        self.disable_button = QPushButton("Désactiver la sélection")
        form = QFormLayout()
        form.addRow("Identifiant", self.login)
        form.addRow("Nom affiché", self.name)
        form.addRow("Rôle", self.role)
        form.addRow("Mot de passe", self.password)
        form.addRow("Fiche conseiller", self.counsellor)
        scope = QFormLayout()
        scope.addRow("Les conseillers voient la RQTH et les notes", self.scope)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.disable_button)
        # No account yet: say what that means here (docs/privacy.md, « Users and roles »).
        self.empty = QLabel(
            "Aucun compte : la base s'ouvre sans identification, en administrateur. Un premier "
            "compte sans mot de passe est pris d'office ; dès le deuxième, chacun choisit son "
            "compte au démarrage et donne son mot de passe."
            if db.is_sqlite
            else "Aucun compte créé depuis ESS Desk : seuls les rôles du serveur ouvrent la base."
        )
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(QLabel("Nouvel utilisateur"))
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addLayout(scope)
        self.add_button.clicked.connect(self.add)
        self.disable_button.clicked.connect(self.disable)
        self.reload()
        self._run(lambda: (list_counsellors(db), sensitive.scope(db)), self._show_choices)

    def _show_choices(self, choices) -> None:
        counsellors, scope = choices
        for row in counsellors:
            self.counsellor.addItem(row.name, row.id)
        self.scope.setCurrentIndex(self.scope.findData(scope))
        # Connected once the stored choice is shown: only the administrator's change saves.
        self.scope.currentIndexChanged.connect(self.set_scope)

    def set_scope(self) -> None:
        scope = self.scope.currentData()
        self._run(lambda: sensitive.set_scope(self.db, scope), lambda _r: None)

    def _run(self, work, done=None) -> None:
        self._task = run_task(
            self,
            lambda _c: work(),
            on_done=done or (lambda _r: self.reload()),
            on_error=lambda error, trace: messages.show_error(self, error, trace),
        )

    def reload(self) -> None:
        self._run(lambda: access.list_users(self.db), self._show)

    def _show(self, users) -> None:
        self.empty.setVisible(not users)
        self.table.setRowCount(len(users))
        for r, (login, name, role, active) in enumerate(users):
            for c, value in enumerate((login, name, role, "Oui" if active else "Non")):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def add(self) -> None:
        login, name, role = self.login.text(), self.name.text(), self.role.currentData()
        password = self.password.text() or None
        counsellor_id = self.counsellor.currentData()
        self.password.clear()
        self._run(
            lambda: access.create_user(
                self.db, login, name, role, password, counsellor_id=counsellor_id
            )
        )

    def disable(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        login = self.table.item(row, 0).text()
        if messages.ask_yes_no(self, f"Retirer à {login} le droit de se connecter ?"):
            self._run(lambda: access.disable_user(self.db, login))


def open_users_dialog(window) -> None:
    if window.db is None:
        return
    window.users_dialog = UsersDialog(window.db, window)
    window.users_dialog.open()

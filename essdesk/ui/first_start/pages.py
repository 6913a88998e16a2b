"""The assistant's pages: the choice, a local base (optionally encrypted), a backup to restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from essdesk.config import default_database_path
from essdesk.ui import messages

LOCAL, SERVER, RESTORE, DEMO = "local", "server", "restore", "demo"
PAGE_CHOICE, PAGE_LOCAL, PAGE_SERVER, PAGE_RESTORE, PAGE_SETUP = range(5)
MIN_KEY_LENGTH = 12


def path_row(edit: QLineEdit, browse) -> QHBoxLayout:
    button = QPushButton("Parcourir…")
    button.setAccessibleName(f"Parcourir : {edit.accessibleName()}")
    button.clicked.connect(browse)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row


class ChoicePage(QWizardPage):
    CHOICES = [
        (LOCAL, "Créer ou ouvrir une base sur ce poste",
         "Un seul poste, ou un portable qui part en permanence : les données restent sur ce PC."),
        (SERVER, "Se connecter au serveur de la structure (PostgreSQL)",
         "Plusieurs postes travaillent sur la même base ; votre prestataire vous a donné "
         "l'adresse du serveur."),
        (RESTORE, "Restaurer une sauvegarde",
         "Un nouveau PC, ou après une panne : reprendre une sauvegarde ESS Desk (.sqlite3)."),
        (DEMO, "Découvrir avec les données de démonstration",
         "Des jeunes, employeurs et événements fictifs pour essayer sans risque."),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Bienvenue dans ESS Desk")
        self.setSubTitle("Où ESS Desk doit-il garder ses données ? Ce choix est retenu.")
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        for key, label, hint in self.CHOICES:
            button = QRadioButton(label)
            button.setToolTip(hint)
            self.group.addButton(button)
            self.buttons[key] = button
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setIndent(24)
            note.setStyleSheet("color: #4a4a4a;")
            layout.addWidget(button)
            layout.addWidget(note)
        layout.addStretch(1)
        self.buttons[LOCAL].setChecked(True)

    def choice(self) -> str:
        return next(key for key, button in self.buttons.items() if button.isChecked())

    def nextId(self) -> int:  # noqa: N802 - Qt API
        return {LOCAL: PAGE_LOCAL, SERVER: PAGE_SERVER, RESTORE: PAGE_RESTORE}.get(
            self.choice(), PAGE_SETUP
        )


class LocalPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Base sur ce poste")
        self.setSubTitle("Un fichier existant est ouvert tel quel ; sinon une base vide est créée.")
        self.path = QLineEdit(str(default_database_path()))
        self.path.setAccessibleName("Fichier de la base")
        self.encrypt = QCheckBox("Chiffrer la base (recommandé sur un portable)")
        self.encrypt.setToolTip(
            "Sans la clé, le fichier et ses sauvegardes sont illisibles, même si le PC est volé."
        )
        self.in_keyring = QRadioButton("Clé générée, gardée dans le coffre de mots de passe")
        self.in_keyring.setToolTip(
            "Windows : Gestionnaire d'identification. Une clé de secours est affichée une fois."
        )
        self.typed = QRadioButton("Clé choisie, demandée à chaque démarrage")
        self.in_keyring.setChecked(True)
        self.key, self.key_again = QLineEdit(), QLineEdit()
        for edit, name in ((self.key, "Clé"), (self.key_again, "Clé (confirmation)")):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
        self.key.setPlaceholderText(f"{MIN_KEY_LENGTH} caractères au moins")
        form = QFormLayout(self)
        form.addRow("Fichier", path_row(self.path, self._browse))
        form.addRow(self.encrypt)
        form.addRow(self.in_keyring)
        form.addRow(self.typed)
        form.addRow("Clé", self.key)
        form.addRow("Confirmation", self.key_again)
        for widget in (self.encrypt, self.in_keyring, self.typed):
            widget.toggled.connect(self._enable)
        self.path.textChanged.connect(self._enable)
        self._enable()

    def _browse(self) -> None:
        path = messages.choose_save_file(
            self, "Fichier de la base", self.path.text(), "Bases ESS Desk (*.sqlite3)"
        )
        if path:
            self.path.setText(path if path.endswith(".sqlite3") else path + ".sqlite3")

    def _enable(self) -> None:
        new = not Path(self.path.text().strip()).exists()
        self.encrypt.setEnabled(new)  # an existing base is encrypted from the settings later
        on = new and self.encrypt.isChecked()
        for widget in (self.in_keyring, self.typed):
            widget.setEnabled(on)
        for widget in (self.key, self.key_again):
            widget.setEnabled(on and self.typed.isChecked())

    def typed_key(self) -> str | None:
        return self.key.text() if self.encrypted() and self.typed.isChecked() else None

    def encrypted(self) -> bool:
        return self.encrypt.isEnabled() and self.encrypt.isChecked()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        if not self.path.text().strip():
            messages.show_error(self, "Indiquez le fichier de la base.")
            return False
        key = self.typed_key()
        if key is not None and len(key) < MIN_KEY_LENGTH:
            messages.show_error(self, f"La clé doit compter {MIN_KEY_LENGTH} caractères au moins.")
            return False
        if key is not None and key != self.key_again.text():
            messages.show_error(self, "Les deux saisies de la clé diffèrent.")
            return False
        return True

    def nextId(self) -> int:  # noqa: N802 - Qt API
        return PAGE_SETUP


class RestorePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Restaurer une sauvegarde")
        self.setSubTitle("La sauvegarde est vérifiée avant de devenir la base de ce poste.")
        self.backup = QLineEdit()
        self.backup.setAccessibleName("Sauvegarde à restaurer")
        self.backup.textChanged.connect(self.completeChanged)
        self.path = QLineEdit(str(default_database_path()))
        self.path.setAccessibleName("Fichier de la base")
        self.path.setToolTip("Une base déjà présente à cet endroit est mise de côté, pas effacée.")
        form = QFormLayout(self)
        form.addRow("Sauvegarde", path_row(self.backup, self._browse))
        form.addRow("Base du poste", self.path)

    def _browse(self) -> None:
        path = messages.choose_open_file(
            self, "Sauvegarde à restaurer", str(Path.home()), "Sauvegardes ESS Desk (*.sqlite3)"
        )
        if path:
            self.backup.setText(path)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return Path(self.backup.text().strip()).is_file()

    def nextId(self) -> int:  # noqa: N802 - Qt API
        return PAGE_SETUP

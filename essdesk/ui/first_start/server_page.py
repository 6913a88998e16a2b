"""The server page: an address or its parts, the password for the credential store, a real test."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from essdesk.errors import EssDeskError
from essdesk.services import base_setup
from essdesk.ui.first_start.pages import PAGE_SETUP
from essdesk.ui.worker import run_task


class ServerPage(QWizardPage):
    """« Suivant » stays disabled until the connection, as typed, was tested successfully."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Serveur de la structure")
        self.setSubTitle(
            "Le mot de passe est gardé dans le coffre de mots de passe du système, jamais dans "
            "un fichier d'ESS Desk."
        )
        self.tested: tuple[str, str] | None = None  # (address, password) that connected
        self.url = QLineEdit()
        self.url.setPlaceholderText("postgresql://utilisateur@serveur:5432/essdesk")
        self.url.setAccessibleName("Adresse du serveur")
        self.host, self.database, self.user = QLineEdit(), QLineEdit("essdesk"), QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Mot de passe")
        self.ways = QTabWidget()
        by_url = QWidget()
        QFormLayout(by_url).addRow("Adresse", self.url)
        by_parts = QWidget()
        parts = QFormLayout(by_parts)
        parts.addRow("Serveur", self.host)
        parts.addRow("Port", self.port)
        parts.addRow("Base", self.database)
        parts.addRow("Utilisateur", self.user)
        self.ways.addTab(by_parts, "Serveur, port, base, utilisateur")
        self.ways.addTab(by_url, "Adresse complète")
        self.test_button = QPushButton("Tester la connexion")
        self.test_button.setToolTip("Se connecte vraiment au serveur et vérifie la base.")
        self.test_button.clicked.connect(self.test)
        self.result = QLabel()
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.ways)
        form = QFormLayout()
        form.addRow("Mot de passe", self.password)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.result)
        layout.addStretch(1)
        for edit in (self.url, self.host, self.database, self.user, self.password):
            edit.textChanged.connect(self._edited)
        self.port.valueChanged.connect(self._edited)
        self.ways.currentChanged.connect(self._edited)

    def address(self) -> tuple[str, str]:
        """(address without password, password): a password typed in the URL is taken out."""
        if self.ways.currentIndex() == 1:
            address, in_url = base_setup.split_password(self.url.text())
            return address, self.password.text() or in_url
        url = base_setup.server_url(
            self.host.text(), self.port.value(), self.database.text(), self.user.text()
        )
        return url, self.password.text()

    def _edited(self) -> None:
        self.tested = None
        self.completeChanged.emit()

    def test(self) -> None:
        try:
            address, password = self.address()
        except EssDeskError as error:
            self.result.setText(error.message)
            return
        self.test_button.setEnabled(False)
        self.result.setText("Connexion en cours…")

        def done(shown: str) -> None:
            self.test_button.setEnabled(True)
            self.tested = (address, password)
            self.result.setText(f"Connexion réussie : {shown}")
            self.completeChanged.emit()

        def failed(error: BaseException, _trace: str) -> None:
            self.test_button.setEnabled(True)
            message = error.message if isinstance(error, EssDeskError) else str(error)
            self.result.setText(f"Échec de la connexion : {message}")

        # The address shown in messages never carries the password (Database.describe).
        self._task = run_task(
            self,
            lambda _c: base_setup.check_server(address, password),
            on_done=done,
            on_error=failed,
        )

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.tested is not None

    def nextId(self) -> int:  # noqa: N802 - Qt API
        return PAGE_SETUP

"""The first-start assistant (QWizard) and the start hook: which base to open, remembered."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from essdesk import settings
from essdesk.config import default_database_path
from essdesk.errors import EssDeskError
from essdesk.services import base_setup
from essdesk.ui import messages
from essdesk.ui.first_start.pages import (
    DEMO,
    LOCAL,
    PAGE_CHOICE,
    PAGE_LOCAL,
    PAGE_RESTORE,
    PAGE_SERVER,
    PAGE_SETUP,
    RESTORE,
    SERVER,
    ChoicePage,
    LocalPage,
    RestorePage,
)
from essdesk.ui.first_start.server_page import ServerPage
from essdesk.ui.worker import run_task

Opener = Callable[[object, str | None], None]  # ui.app.open_in_window


class SetupPage(QWizardPage):
    """Does the chosen work in a worker; « Terminer » once it succeeded."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Mise en place")
        self.ready: base_setup.BaseReady | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.key_label = QLabel(
            "<b>Clé de secours</b> — affichée une seule fois : imprimez-la ou recopiez-la et "
            "rangez-la sous clé. Sans elle, une base chiffrée est perdue si le poste change."
        )
        self.key_label.setWordWrap(True)
        self.key = QLineEdit()
        self.key.setReadOnly(True)
        self.key.setAccessibleName("Clé de secours")
        self.copy = QPushButton("Copier la clé")
        self.copy.clicked.connect(lambda: self.key.selectAll() or self.key.copy())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.key_label)
        layout.addWidget(self.key)
        layout.addWidget(self.copy)
        layout.addStretch(1)
        self._show_key(False)

    def _show_key(self, shown: bool) -> None:
        for widget in (self.key_label, self.key, self.copy):
            widget.setVisible(shown)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        if self.ready is not None:
            return  # done already: going back and forth does not create a second base
        wizard = self.wizard()
        assert isinstance(wizard, FirstStartWizard)
        work = wizard.work()
        self.summary.setText("Préparation de la base… (les données de démonstration : ~1 min)")

        def done(ready: base_setup.BaseReady) -> None:
            self.ready = ready
            self.summary.setText(ready.summary)
            self.key.setText(ready.recovery_key)
            self._show_key(bool(ready.recovery_key))
            self.completeChanged.emit()

        def failed(error: BaseException, trace: str) -> None:
            self.summary.setText("La mise en place a échoué : revenez en arrière pour corriger.")
            messages.show_error(self, error, trace)

        self._task = run_task(self, lambda _c: work(), on_done=done, on_error=failed)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.ready is not None

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        return self.ready is not None


class FirstStartWizard(QWizard):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("ESS Desk — premier démarrage")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same on every system
        for text, which in (
            ("< Précédent", QWizard.WizardButton.BackButton),
            ("Suivant >", QWizard.WizardButton.NextButton),
            ("Terminer", QWizard.WizardButton.FinishButton),
            ("Annuler", QWizard.WizardButton.CancelButton),
            ("Valider", QWizard.WizardButton.CommitButton),
        ):
            self.setButtonText(which, text)
        self.choice_page, self.local_page = ChoicePage(), LocalPage()
        self.server_page, self.restore_page = ServerPage(), RestorePage()
        self.setup_page = SetupPage()
        self.setPage(PAGE_CHOICE, self.choice_page)
        self.setPage(PAGE_LOCAL, self.local_page)
        self.setPage(PAGE_SERVER, self.server_page)
        self.setPage(PAGE_RESTORE, self.restore_page)
        self.setPage(PAGE_SETUP, self.setup_page)
        self.resize(720, 520)

    def work(self) -> Callable[[], base_setup.BaseReady]:
        """What the setup page runs off the UI thread, from the values typed on the pages."""
        choice = self.choice_page.choice()
        if choice == LOCAL:
            path = Path(self.local_page.path.text().strip()).expanduser()
            encrypt, key = self.local_page.encrypted(), self.local_page.typed_key()
            return lambda: base_setup.open_local(path, encrypt=encrypt, key=key)
        if choice == SERVER:
            assert self.server_page.tested is not None
            address, password = self.server_page.tested
            return lambda: base_setup.save_server(address, password)
        if choice == RESTORE:
            backup = Path(self.restore_page.backup.text().strip())
            target = Path(self.restore_page.path.text().strip()).expanduser()
            return lambda: base_setup.restore_into(backup, target)
        assert choice == DEMO
        return base_setup.open_demo

    def chosen(self) -> base_setup.BaseReady | None:
        return self.setup_page.ready


def remember(ready: base_setup.BaseReady) -> None:
    settings.update(database=ready.database, base_kind=ready.kind)


def run_assistant(window, opener: Opener, *, on_cancel: Callable[[], None] | None = None) -> None:
    """Show the assistant; its choice is remembered, then opened with `opener`."""
    wizard = FirstStartWizard(window)
    window.first_start_wizard = wizard  # held: an open dialog nobody keeps is collected

    def finished(result: int) -> None:
        ready = wizard.chosen()
        if result and ready is not None:
            remember(ready)
            open_chosen(window, ready.database, opener)
        elif on_cancel is not None:
            on_cancel()

    wizard.finished.connect(finished)
    wizard.open()


def start_base(window, database: str | None, opener: Opener) -> None:
    """At start: the base given, else the one remembered, else the usual file, else the assistant."""
    if database or os.environ.get("ESSDESK_DATABASE_URL"):
        opener(window, database)
        return
    remembered = settings.chosen_database()
    # A remembered file that is gone (deleted, a USB key not plugged in) is not recreated empty.
    gone = remembered is not None and remembered[1] != "server" and not Path(remembered[0]).exists()
    if remembered is not None and not gone:
        open_chosen(window, remembered[0], opener)
    elif default_database_path().exists():
        opener(window, None)
    else:

        def nothing_chosen() -> None:
            window.status_label.setText("Aucune base ouverte — Fichier ▸ Changer de base…")

        run_assistant(window, opener, on_cancel=nothing_chosen)


def open_chosen(window, database: str, opener: Opener) -> None:
    """Open `database`, first asking for its key if it is encrypted and no key is available."""
    from essdesk.db import encryption

    path = Path(database)
    local = "://" not in database
    if local and path.is_file() and encryption.is_encrypted(path) and not encryption.stored_key():
        key, ok = QInputDialog.getText(
            window, "Base chiffrée", "Clé de la base :", QLineEdit.EchoMode.Password
        )
        if not ok or not key:
            window.status_label.setText("Aucune base ouverte : la clé n'a pas été donnée.")
            return
        # Kept for the whole session: backups and restores of this base need it too.
        window.base_key = encryption.using_key(key)
        window.base_key.__enter__()
    opener(window, database)


def change_base(window) -> None:
    """Fichier ▸ Changer de base… : the assistant again; the current base closes on success."""
    from essdesk.ui.app import open_in_window

    def reopen(win, database: str | None) -> None:
        win.close_base()  # no query left on the old base
        open_in_window(win, database)

    try:
        run_assistant(window, reopen)
    except EssDeskError as error:  # pragma: no cover - the assistant reports its own errors
        messages.show_error(window, error)

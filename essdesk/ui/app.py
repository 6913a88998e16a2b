"""Starting the desktop app: Qt in French, the window at once, the base opened off the UI thread."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from essdesk.config import restrict_new_files
from essdesk.db.backup import BackupFile, DamagedDatabaseError
from essdesk.db.database import Database, backup_folder_for, open_database
from essdesk.db.encryption import KeyNeeded
from essdesk.domain.french import format_clock, format_date
from essdesk.errors import EssDeskError
from essdesk.services import access
from essdesk.ui import messages
from essdesk.ui.errors import install_error_hooks
from essdesk.ui.main_window import MainWindow
from essdesk.ui.notices import show_notices
from essdesk.ui.worker import run_task


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("ESS Desk")
    icon = Path(__file__).resolve().parent.parent / "resources" / "icons" / "essdesk.svg"
    app.setWindowIcon(QIcon(str(icon)))
    app.setOrganizationName("ESSDesk")
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    translator = QTranslator(app)  # parented to the app, or it is collected and vanishes
    if translator.load(
        QLocale(QLocale.Language.French),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(translator)
    # Installed last, so asked first: the few labels qtbase_fr.qm leaves in English.
    app.installTranslator(MissingFrench(app))
    return app


class MissingFrench(QTranslator):
    """Qt's labels that its French translation lacks (the file dialog's « Look in: »…)."""

    WORDS = {
        ("QFileDialog", "&Look in:"): "&Regarder dans :",
        ("QFileDialog", "Look in:"): "Regarder dans :",
        ("QFileDialog", "Files of type:"): "Fichiers de type :",
        ("QFileDialog", "Files of &type:"): "Fichiers de &type :",
        ("QAbstractFileIconProvider", "Folder"): "Dossier",
        ("QAbstractFileIconProvider", "File"): "Fichier",
        ("QAbstractFileIconProvider", "%1 File"): "Fichier %1",
        ("QAbstractFileIconProvider", "Drive"): "Lecteur",
        ("QAbstractFileIconProvider", "Shortcut"): "Raccourci",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 - Qt API
        # None (a null string) hands the text on to Qt's translation; "" would blank it.
        return self.WORDS.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return False


def open_in_window(window: MainWindow, database: str | None) -> None:
    """Open (and migrate) the base in a worker; on failure offer the latest good backup."""
    window.database_argument = database

    def work(_control) -> tuple[Database, bool]:
        db = open_database(database, daily_backup=False)
        return db, access.needs_login(db)

    def done(result: tuple[Database, bool]) -> None:
        db, needs_login = result
        if not needs_login:
            opened(db)
            return
        from essdesk.ui.privacy.login_dialog import LoginDialog

        # A base with several accounts: nothing is shown before someone logged in.
        window.login_dialog = LoginDialog(db, opened, window)
        window.login_dialog.open()

    def opened(db: Database) -> None:
        window.set_database(db)
        # Visible until closed, and nothing to click through: the base is usable as it is.
        show_notices(window, db.warnings, "À savoir :")
        if db.is_sqlite:
            start_up_backup(window, db)

    def failed(error: BaseException, trace: str) -> None:
        window.status_label.setText("Aucune base ouverte")
        if isinstance(error, KeyNeeded):  # an encrypted base whose key this PC does not keep
            from essdesk.ui.privacy.key_dialog import KeyDialog

            window.key_dialog = KeyDialog(
                error.path, lambda: open_in_window(window, database), window
            )
            window.key_dialog.open()
            return
        offer_recovery(window, database, error, trace)

    window._open_task = run_task(
        window,
        work,
        on_done=done,
        on_error=failed,
        label="Ouverture et vérification de la base…",
    )


def start_up_backup(window: MainWindow, db: Database) -> None:
    """The backup taken at every start, once the base is usable (the rotation keeps one a day).

    Ten years of records copy and check in about ten seconds: the user works meanwhile (the
    online copy is consistent while others write); a failure is said in the notice bar.
    """
    window.statusBar().showMessage("Sauvegarde de démarrage en cours…")

    def work(_control) -> list[str]:
        before = len(db.warnings)
        try:
            db.backup()
        except DamagedDatabaseError:
            raise
        except EssDeskError as error:  # a USB key unplugged, a full disk: a warning only
            db.warnings.append(f"Sauvegarde automatique impossible : {error.message}")
        return db.warnings[before:]

    def done(warnings: list[str]) -> None:
        window.statusBar().clearMessage()
        if warnings and window.db is db:
            show_notices(window, db.warnings, "À savoir :")

    def failed(error: BaseException, trace: str) -> None:
        window.statusBar().clearMessage()
        # The copy failed its check, so the base did: the recovery dialog offers a backup.
        offer_recovery(window, getattr(window, "database_argument", None), error, trace)

    window._backup_task = run_task(window, work, on_done=done, on_error=failed)


def offer_recovery(
    window: MainWindow, database: str | None, error: BaseException, trace: str
) -> None:
    """The recovery dialog: say what is wrong and offer the newest backup that passes its check."""
    messages.show_error(window, error, trace)
    # Only a damaged file calls for a backup: a busy base, a failed migration (which changed
    # nothing) or a missing folder would be made worse by replacing a healthy file.
    if not isinstance(error, DamagedDatabaseError):
        return

    def find(_control) -> BackupFile | None:
        try:  # each candidate is checked whole: off the UI thread
            return backup_folder_for(database).latest_good()
        except EssDeskError:
            return None

    def propose(latest: BackupFile | None) -> None:
        if latest is not None and messages.ask_yes_no(
            window,
            f"Une sauvegarde valide du {format_date(latest.taken_at.date())} à "
            f"{format_clock(latest.taken_at.time())} existe. "
            "La restaurer ? (le fichier actuel est conservé à côté)",
        ):
            from essdesk.ui.menus import restore_and_reopen

            restore_and_reopen(window, latest.path)

    window._recovery_task = run_task(
        window, find, on_done=propose, label="Recherche d'une sauvegarde valide…"
    )


def start_logging() -> None:
    """The rotating log file in the user's data folder, once `essdesk.log` provides it."""
    try:
        from essdesk.log import setup_logging
    except ImportError:  # until then, records go to Python's last-resort handler (stderr)
        return
    setup_logging()


def run_app(database: str | None = None) -> int:
    restrict_new_files()  # the base, its backups, exports and logs: readable by their owner only
    start_logging()
    app = make_application()
    window = MainWindow()
    # Installed before anything can fail; the dialogs open over the main window.
    hooks = install_error_hooks(lambda: app.activeWindow() or window)
    window.show()
    from essdesk.ui.first_start.wizard import start_base  # the assistant when no base exists

    start_base(window, database, open_in_window)
    try:
        return app.exec()
    finally:
        hooks.uninstall()

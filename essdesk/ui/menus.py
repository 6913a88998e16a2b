"""The main window's menus: backup, restore, integrity check, settings, change of base, help."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from essdesk.ui import messages
from essdesk.ui.notices import show_notices
from essdesk.ui.ops import QueryOp
from essdesk.ui.worker import run_task


def install_menus(window: QMainWindow) -> None:
    file_menu = window.menuBar().addMenu("&Fichier")

    def open_import() -> None:
        from essdesk.ui.imports.wizard import open_import_wizard  # loaded when first wanted

        open_import_wizard(window)

    def open_export() -> None:
        from essdesk.ui.export_dialog import open_export_dialog

        open_export_dialog(window)

    _action(window, file_menu, "Rec&hercher partout…", lambda: _search(window), "Ctrl+K")
    file_menu.addSeparator()
    _action(window, file_menu, "&Importer un fichier…", open_import, "Ctrl+I")
    _action(window, file_menu, "&Exporter…", open_export)
    file_menu.addSeparator()
    _action(
        window, file_menu, "&Sauvegarder maintenant", lambda: backup_now(window), "Ctrl+Shift+S"
    )
    _action(window, file_menu, "&Restaurer une sauvegarde…", lambda: restore_from_file(window))
    _action(window, file_menu, "&Dossier des sauvegardes…", lambda: choose_backup_folder(window))
    _action(window, file_menu, "&Vérifier l'intégrité de la base", lambda: check_integrity(window))
    _action(window, file_menu, "&Journal des accès et modifications…", lambda: _audit(window))
    _action(window, file_menu, "&Utilisateurs…", lambda: _users(window))
    _action(window, file_menu, "&Conseillers…", lambda: _counsellors(window))
    file_menu.addSeparator()
    _action(window, file_menu, "&Paramètres…", lambda: _settings(window), "Ctrl+,")
    _action(window, file_menu, "Changer de &base…", lambda: _change_base(window))
    file_menu.addSeparator()
    _action(window, file_menu, "&Quitter", window.close, "Ctrl+Q")
    help_menu = window.menuBar().addMenu("&Aide")
    _action(window, help_menu, "&Guide d'utilisation", lambda: _guide(window, None))
    on_screen = _action(window, help_menu, "Aide &sur cet écran", lambda: _guide(window, "current"))
    on_screen.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))  # F1
    # F1 also from the assistants and dialogs opened over the window (the import, the settings).
    on_screen.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    _action(window, help_menu, "À &propos d'ESS Desk", lambda: _about(window))


def _search(window) -> None:
    from essdesk.ui.search import open_global_search

    open_global_search(window)


def _settings(window) -> None:
    from essdesk.ui.settings import open_settings_dialog

    open_settings_dialog(window)


def _change_base(window) -> None:
    from essdesk.ui.first_start.wizard import change_base

    change_base(window)


def _guide(window, page: str | None) -> None:
    from essdesk.ui.help.guide import open_guide

    open_guide(window, page)


def _about(window) -> None:
    from essdesk.ui.help.about import show_about

    show_about(window)


def _audit(window) -> None:
    from essdesk.ui.privacy.audit_viewer import open_audit_viewer

    open_audit_viewer(window)


def _users(window) -> None:
    from essdesk.ui.privacy.users_dialog import open_users_dialog

    open_users_dialog(window)


def _counsellors(window) -> None:
    from essdesk.ui.counsellors.dialog import open_counsellors_dialog

    open_counsellors_dialog(window)


def _action(window, menu, text, slot, shortcut: str | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def backup_now(window) -> None:
    if window.db is None:
        return

    def work(db, control):
        # "manuelle": kept apart from the daily rotation, so this morning's copy is not replaced.
        return db.backup("manuelle", progress=lambda done, total: control.progress(done, total))

    # A copy of the base, not a change to it: a query, nothing to broadcast.
    QueryOp(
        parent=window,
        context=window.context,
        op=work,
        success=lambda path: window.statusBar().showMessage(f"Sauvegarde écrite : {path}", 10000),
    ).with_progress("Sauvegarde de la base…").run_in_background()


def check_integrity(window) -> None:
    if window.db is None:
        return

    def report(problems: list[str]) -> None:
        if problems:
            messages.show_error(
                window, "La vérification a trouvé des problèmes :\n" + "\n".join(problems)
            )
        else:
            messages.show_info(window, "Vérification complète terminée : la base est intègre.")

    QueryOp(
        parent=window,
        context=window.context,
        op=lambda db, _control: db.integrity_problems(full=True),
        success=report,
    ).with_progress("Vérification de la base…").run_in_background()


def choose_backup_folder(window) -> None:
    from pathlib import Path

    from essdesk import settings

    if window.db is None:
        return
    folder = messages.choose_directory(
        window, "Dossier des sauvegardes", str(window.db.backups.folder)
    )
    if folder:
        settings.update(backup_dir=folder)
        window.db.backups = window.db.backup_folder(Path(folder))
        window.statusBar().showMessage(f"Les sauvegardes iront dans {folder}", 10000)


def restore_from_file(window) -> None:
    from pathlib import Path

    db = window.db
    if db is None or not db.is_sqlite:
        messages.show_error(
            window, "La restauration ne concerne que la base locale (fichier SQLite)."
        )
        return
    path = messages.choose_open_file(
        window, "Restaurer une sauvegarde", str(db.backups.folder), "Bases ESS Desk (*.sqlite3)"
    )
    if not path:
        return
    if not messages.ask_yes_no(
        window,
        "La base actuelle sera remplacée par cette sauvegarde (elle est d'abord mise de côté, "
        "rien n'est perdu). Continuer ?",
    ):
        return
    restore_and_reopen(window, Path(path))


def restore_and_reopen(window, backup) -> None:
    """Close the base, restore `backup` over it, reopen it (all off the UI thread)."""
    from essdesk.db.database import open_database
    from essdesk.services.backups import restore_backup

    database = str(window.db.target.sqlite_path) if window.db else window.database_argument
    window.close_base()  # its queries end first: the file is about to be replaced

    def work(_control):
        aside = restore_backup(backup, database)
        return open_database(database), aside

    def done(result) -> None:
        db, aside = result
        window.set_database(db)
        show_notices(window, db.warnings, "À savoir :")
        messages.show_info(window, f"Base restaurée. L'ancienne base est conservée : {aside}")

    # Not an op: no base is open while the file is replaced (an op needs the open base).
    window._restore_task = run_task(
        window,
        work,
        label="Restauration…",
        on_done=done,
        on_error=lambda error, trace: messages.show_error(window, error, trace),
    )

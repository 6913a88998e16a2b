"""Encrypting the base of this PC from the settings: closed, encrypted with its backups, reopened."""

from __future__ import annotations

from essdesk.domain.french import format_count
from essdesk.ui import messages
from essdesk.ui.notices import show_notices
from essdesk.ui.worker import run_task


def can_encrypt(db) -> bool:
    from essdesk.db import encryption

    path = db.target.sqlite_path if db is not None else None
    return path is not None and path.is_file() and not encryption.is_encrypted(path)


def encrypt_and_reopen(window) -> None:
    """Close the base, encrypt it and its backups (a new key in the credential store), reopen."""
    from essdesk.db.database import open_database
    from essdesk.services.encryption import encrypt_base

    db = window.db
    if not can_encrypt(db) or not messages.ask_yes_no(
        window,
        "La base va être fermée, chiffrée avec ses sauvegardes, puis rouverte. La clé est gardée "
        "dans le coffre de mots de passe du système et une clé de secours s'affiche une seule "
        "fois. Continuer ?",
    ):
        return
    database = str(db.target.sqlite_path)
    window.close_base()  # no query left on the base

    def work(_control):
        done = encrypt_base(database)
        return open_database(database), done

    def reopened(result) -> None:
        new_db, done = result
        window.set_database(new_db)
        show_notices(window, new_db.warnings, "À savoir :")
        where = (
            "Elle est gardée dans le coffre de mots de passe du système."
            if done.in_keyring
            else "Aucun coffre de mots de passe sur ce poste : elle sera demandée au démarrage."
        )
        messages.show_info(
            window,
            f"Base et {format_count(done.files - 1, 'sauvegarde chiffrée', 'sauvegardes chiffrées')}. {where}\n\nClé de secours, "
            f"affichée une seule fois — recopiez-la et rangez-la sous clé :\n\n{done.key}",
        )

    def failed(error: BaseException, trace: str) -> None:
        messages.show_error(window, error, trace)
        from essdesk.ui.app import open_in_window

        open_in_window(window, database)  # unchanged by the failure: reopened as it was

    # Not an op: no base is open while its file is rewritten.
    window._encrypt_task = run_task(
        window, work, on_done=reopened, on_error=failed, label="Chiffrement de la base…"
    )

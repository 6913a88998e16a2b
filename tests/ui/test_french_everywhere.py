"""French everywhere: every screen, tab and dialog is walked; English, Qt's untranslated buttons
and dates not written jj/mm/aaaa fail the test, with where they were seen."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QWizard,
)

from essdesk.ui import printing, worker
from essdesk.ui.app import make_application, open_in_window
from essdesk.ui.main_window import MainWindow
from tests.ui import screens

# Common English words of an interface that are not French words (« Date », « Type »,
# « Options », « Import », « Total », « Document » are French too, so they are not listed).
ENGLISH = {
    "about", "abort", "add", "all", "and", "apply", "back", "browse", "cancel", "clear",
    "click", "close", "computer", "copy", "delete", "desktop", "details", "directory",
    "discard", "done", "edit", "error", "false", "file", "filename", "files", "filter",
    "find", "finish", "folder", "help", "hide", "home", "ignore", "loading", "look",
    "modified", "name", "new", "next", "none", "null", "open", "paste", "please",
    "previous", "print", "remove", "rename", "reset", "retry", "save", "search", "select",
    "settings", "show", "size", "skip", "the", "true", "undo", "unknown", "untitled",
    "view", "warning", "with", "yes", "your",
}  # fmt: skip
# Case-sensitive: « no » and « of » would catch French abbreviations and names.
ENGLISH_EXACT = {"No", "Of", "of", "OK?", "Yes to All", "No to All"}
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
ISO_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2} \d{1,2} \d{4}\b")
SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{2,4})(?![\d/])")
ENGLISH_MONTH = re.compile(rf"\b({MONTHS})\b")
# A record's identifier (shown where a trace names a deleted record): hex digits, not words.
UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)
PATH = re.compile(r"\S*[/\\]\S*[A-Za-z_]\S*|\S+\.(sqlite3|csv|xlsx|pdf|json|log)\b")
WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


def problems_in(where: str, text: str) -> list[str]:
    """What is not French in `text`: English words, dates not written jj/mm/aaaa."""
    found = []
    text = screens.plain(text)
    # File paths and names (a base in a temporary folder) are not the app's wording.
    text = PATH.sub(" ", text)
    text = UUID.sub(" ", text)
    for match in SLASH_DATE.finditer(text):
        day, month, year = match.groups()
        if len(day) != 2 or len(month) != 2 or len(year) != 4 or int(month) > 12:
            found.append(f"{where} : date {match.group(0)!r} pas au format jj/mm/aaaa")
    for pattern in (ISO_DATE, ENGLISH_MONTH):
        for match in pattern.finditer(text):
            found.append(f"{where} : date {match.group(0)!r} pas au format jj/mm/aaaa")
    for word in WORD.findall(text):
        if word.lower() in ENGLISH or word in ENGLISH_EXACT:
            found.append(f"{where} : mot anglais {word!r} dans {text.strip()[:80]!r}")
    return found


SEEN: set[str] = set()  # every text the checks read, for the tests to tell the walk went far


def check(widget, where: str) -> list[str]:
    found = []
    for place, text in screens.texts(widget):
        SEEN.add(text)
        found += problems_in(f"{where} · {place}", text)
    return sorted(set(found))


@pytest.fixture
def demo_window(qtbot, dialogs, db_path, settle, monkeypatch):
    monkeypatch.setattr(printing, "ask_print", lambda _dialog: False)
    screens.fill_demo(db_path)
    make_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    open_in_window(window, str(db_path))
    qtbot.waitUntil(lambda: window.db is not None, timeout=20000)
    settle()
    yield window
    qtbot.waitUntil(lambda: worker.running() == 0, timeout=20000)
    QThreadPool.globalInstance().waitForDone()


def test_qt_speaks_french():
    """Qt's own words (standard buttons, assistants, file dialogs) come translated."""
    make_application()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    box = QMessageBox()
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Close
        | QMessageBox.StandardButton.Open
        | QMessageBox.StandardButton.Apply
        | QMessageBox.StandardButton.Cancel
    )
    labels = {screens.plain(b.text()) for b in box.buttons()}
    assert labels == {"Oui", "Non", "Enregistrer", "Fermer", "Ouvrir", "Appliquer", "Annuler"}
    wizard = QWizard()
    assert screens.plain(wizard.buttonText(QWizard.WizardButton.NextButton)).startswith("Suivant")
    assert "Précédent" in screens.plain(wizard.buttonText(QWizard.WizardButton.BackButton))
    assert screens.plain(wizard.buttonText(QWizard.WizardButton.FinishButton)) == "Terminer"


@pytest.mark.parametrize(
    "mode",
    [QFileDialog.FileMode.ExistingFile, QFileDialog.FileMode.Directory, "save"],
)
def test_file_dialogs_are_in_french(qtbot, tmp_path, mode):
    from essdesk.ui import messages

    make_application()
    (tmp_path / "sorties").mkdir()
    (tmp_path / "jeunes.csv").write_text("nom;prénom\n", "utf-8")
    save = mode == "save"
    dialog = messages.file_dialog(None, "Choisir", str(tmp_path), "Tableurs (*.csv *.xlsx)")
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    else:
        dialog.setFileMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    def seen() -> set[str]:
        return {screens.plain(t) for _w, t in screens.texts(dialog)}

    qtbot.waitUntil(lambda: "Dossier" in seen())  # the folder is listed off the UI thread
    assert check(dialog, "fenêtre de fichier") == []
    assert "Regarder dans :" in seen()
    assert any(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", t) for t in seen())
    if mode != QFileDialog.FileMode.Directory:
        assert "Fichiers de type :" in seen()
    dialog.grab().save(str(tmp_path / "fenetre-fichier.png"))
    dialog.close()


def test_every_screen_and_tab_is_in_french(qtbot, demo_window, settle):
    window = demo_window
    found = check(window.menuBar(), "menus") + check(window.statusBar(), "barre d'état")
    visited = []
    for area in screens.areas(window, settle):
        view = window.stack.currentWidget()
        for state in screens.tab_states(view, settle, area):
            visited.append(state)
            found += check(window.stack.currentWidget(), state)
    assert len(visited) >= window.navigation.count() + 6  # the speed meetings' tabs at least
    editors = [s for s in visited if "(une fiche ouverte)" in s]
    assert len(editors) >= 4, editors  # the young people's, employers', offers' records…
    dates = {t for t in SEEN if re.fullmatch(r"\d\d/\d\d/\d{4}", t)}
    assert len(SEEN) > 500 and len(dates) > 20  # the lists' cells were read, not only titles
    assert not found, "\n".join(sorted(set(found)))


def test_every_dialog_of_the_menus_is_in_french(qtbot, demo_window, dialogs, settle):
    window = demo_window
    dialogs.answer_yes = False  # a confirmation asked is read, never accepted
    found, opened = [], 0
    for where, action in screens.menu_actions(window):
        if action.shortcut().toString() == "Ctrl+Q":
            continue  # Quitter
        before = screens.open_windows()
        action.trigger()
        settle()
        for shown in screens.new_windows(before):
            opened += 1
            found += _walk_window(shown, where, settle)
            _close(shown, settle)
    found += _recorded(dialogs, "menus")
    assert opened >= 8  # import, export, settings, users, counsellors, audit, guide, about…
    assert not found, "\n".join(sorted(set(found)))


def test_dialogs_opened_from_the_screens_are_in_french(qtbot, demo_window, dialogs, settle):
    """The buttons « … » of each screen open a dialog or ask: that too is in French."""
    window = demo_window
    dialogs.answer_yes = False
    found, clicked = [], 0
    for area in screens.areas(window, settle):
        for state in screens.tab_states(window.stack.currentWidget(), settle, area):
            for button in window.stack.currentWidget().findChildren(QPushButton):
                if not (button.isVisible() and button.isEnabled() and button.text().endswith("…")):
                    continue
                before = screens.open_windows()
                button.click()
                clicked += 1
                settle()
                for shown in screens.new_windows(before):
                    found += _walk_window(shown, f"{state} ▸ {button.text()}", settle)
                    _close(shown, settle)
    found += _recorded(dialogs, "écrans")
    assert clicked >= 5
    assert not found, "\n".join(sorted(set(found)))


def _walk_window(shown, where: str, settle) -> list[str]:
    found = []
    for state in screens.tab_states(shown, settle, where):
        found += check(shown, state)
    if isinstance(shown, QWizard):
        for page in screens.wizard_pages(shown):
            found += check(page, f"{where} ▸ page {page.title() or page.objectName()}")
    for box in shown.findChildren(QDialogButtonBox):
        found += check(box, f"{where} ▸ boutons")
    return found


def _close(shown, settle) -> None:
    if isinstance(shown, QDialog):
        shown.reject()
    shown.close()
    settle()


def _recorded(dialogs, where: str) -> list[str]:
    """The messages and questions the dialogs fixture answered instead of the user."""
    found = []
    for kind, said in (("erreur", dialogs.errors), ("question", dialogs.questions)):
        for text in said:
            found += problems_in(f"{where} · {kind}", text)
    for text in dialogs.infos:
        found += problems_in(f"{where} · information", text)
    return found

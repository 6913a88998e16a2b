"""The settings dialog: what lives in the preferences file here, what lives in the base in tabs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from essdesk import settings
from essdesk.db.database import backup_folder_for
from essdesk.settings import HEX_COLOUR
from essdesk.ui import messages
from essdesk.ui.ops import OpContext, QueryOp
from essdesk.ui.settings.base_tabs import FeesTab, LocalRatesTab, SmicTab, agree_unit
from essdesk.ui.settings.retention_tab import RetentionTab
from essdesk.ui.settings.security import can_encrypt, encrypt_and_reopen

IMAGE_FILTERS = "Images (*.png *.jpg *.jpeg)"


class ColourField(QWidget):
    """A #RRVVBB colour: typed, or picked in Qt's colour dialog; the swatch shows it."""

    def __init__(self, value: str, tip: str) -> None:
        super().__init__()
        self.edit = QLineEdit(value)
        self.edit.setPlaceholderText("couleur habituelle")
        self.edit.setToolTip(tip)
        self.edit.setMaximumWidth(110)
        self.swatch = QLabel()
        self.swatch.setFixedSize(28, 20)
        pick = QPushButton("Choisir…")
        pick.setAccessibleName("Choisir la couleur")
        pick.clicked.connect(self._pick)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.swatch)
        row.addWidget(pick)
        row.addStretch(1)
        self.edit.textChanged.connect(self._show)
        self._show()

    def _pick(self) -> None:
        start = QColor(self.edit.text()) if self.value() else QColor("#1F5F5B")
        chosen = QColorDialog.getColor(start, self, "Couleur des rapports")
        if chosen.isValid():
            self.edit.setText(chosen.name().upper())

    def _show(self) -> None:
        colour = self.value() or "transparent"
        self.swatch.setStyleSheet(f"background: {colour}; border: 1px solid #888;")

    def value(self) -> str:
        text = self.edit.text().strip()
        return text if HEX_COLOUR.match(text) else ""


class SettingsDialog(QDialog):
    """File-stored settings are saved by « Enregistrer »; base-stored ones by their own tab."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Paramètres")
        self.resize(820, 600)
        current = settings.load()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._agency_tab(current), "Structure")
        self.tabs.addTab(self._backup_tab(current), "Sauvegardes")
        self.smic_tab = SmicTab(context, self)
        self.rates_tab = LocalRatesTab(context, self)
        self.fees_tab = FeesTab(context, self)
        self.retention_tab = RetentionTab(context, self)
        self.tabs.addTab(self.smic_tab, "SMIC")
        self.tabs.addTab(self.rates_tab, "Taux régionaux")
        self.tabs.addTab(self.fees_tab, "Cotisations")
        self.tabs.addTab(self.retention_tab, "Conservation")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Enregistrer", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setToolTip(
            "Enregistre la structure, les sauvegardes et le conseiller par défaut (les onglets "
            "SMIC, taux, cotisations et conservation ont leur propre bouton)."
        )
        buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        if context.db is not None:
            for tab in (self.smic_tab, self.rates_tab, self.fees_tab, self.retention_tab):
                tab.reload()
            self._load_counsellors(current.default_counsellor_id)

    def _agency_tab(self, current: settings.Settings) -> QWidget:
        tab = QWidget()
        self.agency_name = QLineEdit(current.agency_name)
        self.agency_name.setAccessibleName("Nom de la structure")
        self.agency_address = QPlainTextEdit(current.agency_address)
        self.agency_address.setMaximumHeight(70)
        self.agency_address.setAccessibleName("Adresse de la structure")
        self.agency_address.setToolTip("Imprimée en pied de page de chaque PDF, sur une ligne.")
        self.logo = QLineEdit(current.agency_logo)
        self.logo.setToolTip("Fichier PNG ou JPEG, imprimé dans le bandeau de chaque PDF.")
        browse = QPushButton("Parcourir…")
        browse.setAccessibleName("Choisir le logo")
        browse.clicked.connect(self._browse_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(browse)
        self.band_colour = ColourField(current.report_colour, "Fond du bandeau en tête des PDF.")
        self.accent_colour = ColourField(
            current.report_accent, "Filet sous le bandeau des PDF (contraste avec le fond)."
        )
        self.counsellor = QComboBox()
        self.counsellor.addItem("Aucun", "")
        self.counsellor.setToolTip("Proposé comme conseiller référent d'une nouvelle fiche jeune.")
        form = QFormLayout()
        form.addRow("Nom de la structure", self.agency_name)
        form.addRow("Adresse", self.agency_address)
        form.addRow("Logo", logo_row)
        form.addRow("Couleur du bandeau", self.band_colour)
        form.addRow("Couleur d'accent", self.accent_colour)
        form.addRow("Conseiller par défaut", self.counsellor)
        form.addRow(QLabel("Le nom, l'adresse, le logo et les couleurs figurent sur tous les PDF."))
        return _top_aligned(tab, form)

    def _backup_tab(self, current: settings.Settings) -> QWidget:
        tab = QWidget()
        self.backup_dir = QLineEdit(current.backup_dir)
        self.backup_dir.setPlaceholderText(str(settings.default_backup_dir()))
        self.backup_dir.setToolTip(
            "Vide : le dossier habituel. Une clé USB ou un dossier synchronisé protège d'une "
            "panne du disque."
        )
        browse = QPushButton("Parcourir…")
        browse.setAccessibleName("Choisir le dossier des sauvegardes")
        browse.clicked.connect(self._browse_backups)
        row = QHBoxLayout()
        row.addWidget(self.backup_dir, 1)
        row.addWidget(browse)
        self.backups_kept = QSpinBox()
        self.backups_kept.setRange(1, 60)
        self.backups_kept.setValue(current.backups_kept)
        agree_unit(self.backups_kept, " jours")
        self.backups_kept.setToolTip(
            "Une sauvegarde par jour est gardée pendant ce nombre de jours ; s'y ajoutent une par "
            "semaine (4) et une par mois (12)."
        )
        self.encrypt_button = QPushButton("Chiffrer la base de ce poste…")
        self.encrypt_button.setToolTip(
            "Sans la clé, la base et ses sauvegardes sont illisibles (portable volé, disque jeté)."
        )
        self.encrypt_button.setEnabled(can_encrypt(self.context.db))
        self.encrypt_button.clicked.connect(self._encrypt)
        form = QFormLayout()
        form.addRow("Dossier des sauvegardes", row)
        form.addRow("Sauvegardes quotidiennes gardées", self.backups_kept)
        form.addRow("Chiffrement", self.encrypt_button)
        return _top_aligned(tab, form)

    def _encrypt(self) -> None:
        window = self.parent()
        self.reject()  # the base closes: the tabs reading it go first
        encrypt_and_reopen(window)

    def _browse_logo(self) -> None:
        start = str(Path(self.logo.text()).parent) if self.logo.text() else str(Path.home())
        path = messages.choose_open_file(self, "Logo de la structure", start, IMAGE_FILTERS)
        if path:
            self.logo.setText(path)

    def _browse_backups(self) -> None:
        start = self.backup_dir.text() or str(settings.default_backup_dir())
        folder = messages.choose_directory(self, "Dossier des sauvegardes", start)
        if folder:
            self.backup_dir.setText(folder)

    def _load_counsellors(self, chosen: str) -> None:
        from essdesk.services.counsellors import list_counsellors

        def show(rows) -> None:
            for row in rows:
                self.counsellor.addItem(row.name, str(row.id))
            index = self.counsellor.findData(chosen)
            self.counsellor.setCurrentIndex(max(index, 0))

        QueryOp(
            parent=self, context=self.context, op=lambda db, _c: list_counsellors(db), success=show
        ).bound_to(self).without_progress().run_in_background()

    def save(self) -> None:
        """Write the file-stored settings at once (a small local file: no worker needed)."""
        logo = self.logo.text().strip()
        if logo and not Path(logo).is_file():
            messages.show_error(self, f"Le fichier du logo est introuvable : {logo}")
            return
        folder = self.backup_dir.text().strip()
        settings.update(
            agency_name=self.agency_name.text().strip(),
            agency_address=self.agency_address.toPlainText().strip(),
            agency_logo=logo,
            report_colour=self.band_colour.value(),
            report_accent=self.accent_colour.value(),
            backup_dir=folder,
            backups_kept=self.backups_kept.value(),
            default_counsellor_id=self.counsellor.currentData() or "",
        )
        db = self.context.db
        if db is not None and db.is_sqlite:  # the next backup goes to the new folder, kept so
            db.backups = backup_folder_for(str(db.target.sqlite_path))
        self.accept()


def _top_aligned(tab: QWidget, form: QFormLayout) -> QWidget:
    """The rows at their natural height, the spare room below them."""
    layout = QVBoxLayout(tab)
    layout.addLayout(form)
    layout.addStretch(1)
    return tab


def open_settings_dialog(window) -> SettingsDialog:
    dialog = SettingsDialog(window.context, window)
    window.settings_dialog = dialog  # kept: a modeless dialog nobody holds is collected
    dialog.open()
    return dialog

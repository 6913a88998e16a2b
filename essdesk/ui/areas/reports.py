"""The reports screen: pick a report, its subject and period; preview, write in the background, open."""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from essdesk.db.database import Database
from essdesk.domain.french import format_count
from essdesk.ui import messages
from essdesk.ui.file_dialogs import choose_target
from essdesk.ui.ops import ChangeHub, OpContext, QueryOp

LAST_FOLDER = "reports_dir"

FORMATS = [
    ("PDF", ".pdf", "Documents PDF (*.pdf)"),
    ("Classeur Excel (XLSX)", ".xlsx", "Classeurs Excel (*.xlsx)"),
    ("CSV pour Excel", ".csv", "Fichiers CSV (*.csv)"),
]


@dataclass(frozen=True)
class ReportKind:
    key: str
    label: str
    explanation: str
    subject: str  # "partnership", "event", "event_optional" or ""


KINDS = [
    ReportKind("partnership", "Bilan de partenariat",
               "Partenaires, actions par axe, comités tenus et attendus, événements, offres et "
               "embauches chez les employeurs partenaires, parrainages : le bilan du comité de "
               "pilotage.", "partnership"),
    ReportKind("event", "Rapport d'événement",
               "Inscriptions et présences, profil des jeunes venus, suites (positionnements, "
               "embauches) et speed meetings : le bilan pour les co-organisateurs et financeurs.",
               "event"),
    ReportKind("territory", "Activité par territoire",
               "Jeunes suivis, employeurs, offres, positionnements, contrats et sorties "
               "positives, côte à côte pour l'urbain, le périurbain et le rural.", ""),
    ReportKind("offers", "Offres à la une",
               "Les offres ouvertes en gros caractères, une par page, pour l'accueil pendant un "
               "événement.", "event_optional"),
]  # fmt: skip


def open_document(path: Path) -> None:
    """Open a written report with the system's viewer (tests replace this)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


class ReportsView(QWidget):
    """Reports partners and funders ask for, written off the UI thread."""

    def __init__(self, context: OpContext | None = None, parent=None) -> None:
        super().__init__(parent)
        # The window's context when it hands one over; otherwise one fed by set_database().
        self.context = context if context is not None else OpContext(ChangeHub(self))
        self._ticket = 0
        self._subjects: dict[str, list[tuple[str, object]]] = {"partnership": [], "event": []}
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        outer.addLayout(left, 3)
        left.addWidget(QLabel("<h2>Rapports</h2>"))
        box = QGroupBox("Rapport à produire")
        form = QFormLayout(box)
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind.label, kind.key)
        form.addRow("Rapport :", self.kind)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        form.addRow(self.explanation)
        self.subject = QComboBox()
        self.subject_label = QLabel("Sujet :")
        form.addRow(self.subject_label, self.subject)
        today = date.today()
        self.limit_period = QCheckBox("Limiter à une période")
        self.start = _date_edit(date(today.year, 1, 1))
        self.end = _date_edit(today)
        period = QHBoxLayout()
        period.addWidget(self.limit_period)
        period.addWidget(QLabel("du"))
        period.addWidget(self.start)
        period.addWidget(QLabel("au"))
        period.addWidget(self.end)
        period.addStretch(1)
        form.addRow("Période :", period)
        self.format = QComboBox()
        for label, suffix, _ in FORMATS:
            self.format.addItem(label, suffix)
        form.addRow("Format :", self.format)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton("Aperçu de la première page")
        self.write_button = QPushButton("Enregistrer le rapport…")
        self.print_button = QPushButton("Imprimer…")
        self.board_button = QPushButton("Plein écran")  # the offers board at reception
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.board_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form.addRow(self.status)
        left.addWidget(box)
        left.addStretch(1)
        self.preview = QLabel("L'aperçu de la première page s'affiche ici.")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumWidth(300)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.preview)
        self.scroll.setWidgetResizable(True)
        outer.addWidget(self.scroll, 2)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.limit_period.toggled.connect(self._period_toggled)
        self.preview_button.clicked.connect(self.show_preview)
        self.write_button.clicked.connect(self.write_report)
        self.print_button.clicked.connect(self.print_report)
        self.board_button.clicked.connect(self.show_board)
        self._period_toggled(False)
        self._kind_changed()

    # Loading -----------------------------------------------------------------------------------

    @property
    def db(self) -> Database | None:
        return self.context.db

    def set_database(self, db: Database | None) -> None:
        self.context.db = db
        self.refresh()

    def refresh(self) -> None:
        """Reload the partnerships and events the subject list offers (off the UI thread)."""
        self.status.clear()
        if self.db is None:
            self._subjects = {"partnership": [], "event": []}
            self._kind_changed()
            return
        self._ticket += 1
        ticket = self._ticket

        def work(db: Database, _control) -> dict:
            from essdesk.services.events.review import list_events
            from essdesk.services.partnerships import list_partnerships

            return {
                "partnership": [(p.label, p.id) for p in list_partnerships(db)],
                "event": [(e.label, e.id) for e in list_events(db)],
            }

        def show(subjects: dict) -> None:
            if ticket == self._ticket:  # an older read arriving late is not shown
                self._subjects = subjects
                self._kind_changed()

        self.status.setText("Chargement des conventions et des événements…")
        QueryOp(
            parent=self, context=self.context, op=work, success=show
        ).without_progress().run_in_background()

    def current_kind(self) -> ReportKind:
        return KINDS[self.kind.currentIndex()]

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        chosen = self.subject.currentData()
        self.explanation.setText(kind.explanation)
        self.subject.clear()
        if kind.subject == "event_optional":
            self.subject.addItem("Toutes les offres ouvertes", None)
        for label, key in self._subjects.get(kind.subject.removesuffix("_optional"), []):
            self.subject.addItem(label, key)
        if chosen is not None and self.subject.findData(chosen) >= 0:
            self.subject.setCurrentIndex(self.subject.findData(chosen))  # kept across reloads
        self.subject.setVisible(bool(kind.subject))
        self.board_button.setVisible(kind.key == "offers")
        self.subject_label.setVisible(bool(kind.subject))
        missing = kind.subject in ("partnership", "event") and self.subject.count() == 0
        ready = self.db is not None and not missing
        self.write_button.setEnabled(ready)
        self.preview_button.setEnabled(ready)
        self.print_button.setEnabled(ready)
        if self.db is not None and missing:
            what = (
                "Aucune convention de partenariat"
                if kind.subject == "partnership"
                else "Aucun événement"
            )
            self.status.setText(f"{what} dans la base pour l'instant.")
        elif self.db is not None:
            self.status.clear()

    def _period_toggled(self, on: bool) -> None:
        self.start.setEnabled(on)
        self.end.setEnabled(on)

    def period(self) -> tuple[date | None, date | None]:
        if not self.limit_period.isChecked():
            return None, None
        return self.start.date().toPython(), self.end.date().toPython()

    # Writing -----------------------------------------------------------------------------------

    def _job(self, path: Path):
        """The background work writing the chosen report at `path`, with progress and cancel."""
        kind = self.current_kind().key
        subject = self.subject.currentData()
        start, end = self.period()

        def work(db: Database, control):
            from essdesk.services.partner_reports import write_report

            control.progress(0, 0, "Lecture des données et mise en page…")
            if control.cancelled():
                return None
            written = write_report(
                db, kind, path, subject=str(subject) if subject else None, start=start, end=end
            )
            if control.cancelled():  # too late to stop reportlab: the file is removed instead
                written.path.unlink(missing_ok=True)
                return None
            return written

        return work

    def write_report(self) -> None:
        if self.db is None:
            return
        label, suffix, filters = FORMATS[self.format.currentIndex()]
        title = self.subject.currentText() if self.subject.isVisible() else ""
        name = f"{self.current_kind().label} - {title}" if title else self.current_kind().label
        # Characters Windows refuses in a file name are replaced.
        name = re.sub(r'[<>:"/\\|?*]+', "-", name[:80]).strip(" .-")
        # In the folder of the last report (Documents the first time), as every save dialog.
        path = choose_target(
            self, "Enregistrer le rapport", LAST_FOLDER, f"{name}{suffix}", filters, suffix
        )
        if path is None:
            return
        self._busy(True)
        # A read of the base (it writes a file, not the base): nothing to broadcast.
        op = QueryOp(parent=self, context=self.context, op=self._job(path), success=self._written)
        op.with_progress("Écriture du rapport…", cancellable=True).failure(self._failed)
        op.run_in_background()

    def _written(self, written) -> None:
        self._busy(False)
        if written is None:
            self.status.setText("Écriture annulée : aucun fichier n'a été gardé.")
            return
        self.status.setText(f"Rapport écrit : {written.path}")
        open_document(written.path)

    def show_preview(self) -> None:
        if self.db is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="essdesk-apercu-"))
        job = self._job(folder / "apercu.pdf")

        def done(written) -> None:
            try:
                self._previewed(written)
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        def failed(error: BaseException, trace: str) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            self._failed(error, trace)

        self._busy(True)
        self.status.setText("Préparation de l'aperçu…")
        op = QueryOp(parent=self, context=self.context, op=job, success=done)
        op.with_progress("Préparation de l'aperçu…", cancellable=True).failure(failed)
        op.run_in_background()

    def _previewed(self, written) -> None:
        self._busy(False)
        if written is None:
            self.status.setText("Aperçu annulé.")
            return
        from essdesk.reports.preview import first_page_png

        # PDFium is not thread-safe: the page is drawn here, on the UI thread (one page, a few
        # hundredths of a second); the base was read and the PDF written on the worker.
        pixmap = QPixmap()
        pixmap.loadFromData(first_page_png(written.path), "PNG")
        # The whole width of the page is shown: a clipped page would hide its left margin.
        room = max(280, self.scroll.viewport().width() - 16)
        if pixmap.width() > room:
            pixmap = pixmap.scaledToWidth(room, Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(pixmap)
        self.status.setText("Aperçu de la première page (PDF). Enregistrez pour garder le rapport.")

    def show_board(self) -> None:
        from essdesk.ui.events.offers_board_view import open_offers_board

        open_offers_board(self, self.context, self.subject.currentData())

    def print_report(self) -> None:
        """Write the report as PDF in a folder of its own, then print it or open it."""
        if self.db is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="essdesk-impression-"))
        name = re.sub(r"[^\w -]+", "-", self.current_kind().label)
        self._busy(True)
        self.status.setText("Préparation de l'impression…")
        op = QueryOp(parent=self, context=self.context, op=self._job(folder / f"{name}.pdf"),
                     success=lambda written: self._print_written(written, folder))  # fmt: skip
        op.with_progress("Préparation de l'impression…", cancellable=True).failure(self._failed)
        op.run_in_background()

    def _print_written(self, written, folder: Path) -> None:
        from essdesk.ui import printing

        self._busy(False)
        if written is None:
            shutil.rmtree(folder, ignore_errors=True)
            self.status.setText("Impression annulée.")
            return
        if not printing.can_print():
            # No printer known to Qt: the system's viewer prints (the file stays for it).
            open_document(written.path)
            self.status.setText(
                "Aucune imprimante trouvée : le rapport s'ouvre dans la visionneuse."
            )
            return
        try:
            pages = printing.print_pdf(self, written.path)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        self.status.setText(
            f"Rapport envoyé à l'imprimante ({format_count(pages, 'page')})."
            if pages
            else "Impression annulée."
        )

    def _busy(self, busy: bool) -> None:
        self.write_button.setEnabled(not busy)
        self.preview_button.setEnabled(not busy)
        self.print_button.setEnabled(not busy)

    def _failed(self, error: BaseException, trace: str) -> None:
        self._busy(False)
        self.status.clear()
        messages.show_error(self, error, trace)

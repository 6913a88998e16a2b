"""The person's rights from their record: their whole file (PDF, JSON), erasure on request."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from essdesk.domain.entities import EntityKind
from essdesk.services.person_file import write_person_file
from essdesk.services.records import LoadedRecord
from essdesk.services.retention import erase_on_request
from essdesk.ui import messages
from essdesk.ui.ops import OpContext, WriteOp

FORMATS = {".pdf": "Document PDF (*.pdf)", ".json": "Données JSON (*.json)"}


def proposed_name(record: LoadedRecord, suffix: str) -> str:
    """« dossier-dupont-lea.pdf »: letters and digits only, whatever the name holds (../, quotes)."""
    words = f"{record.texts.get('last_name', '')} {record.texts.get('first_name', '')}"
    slug = re.sub(r"[^0-9a-zà-öø-ÿ]+", "-", words.lower()).strip("-")[:60] or "jeune"
    return f"dossier-{slug}{suffix}"


class PersonActions(QGroupBox):
    """A record panel (RecordType.panels) of a young person; the services check the rights."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__("Droits de la personne (RGPD)", parent)
        self.context = context
        self.record: LoadedRecord | None = None
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        self.export_pdf = QPushButton("Exporter son dossier (PDF)…")
        self.export_json = QPushButton("Exporter ses données (JSON)…")
        self.export_pdf.clicked.connect(lambda: self.export(".pdf"))
        self.export_json.clicked.connect(lambda: self.export(".json"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Motif : demande reçue le …, par courrier, e-mail…")
        self.erase_button = QPushButton("Effacer à sa demande…")
        self.erase_button.clicked.connect(self.erase)
        exports = QHBoxLayout()
        exports.addWidget(self.export_pdf)
        exports.addWidget(self.export_json)
        exports.addStretch(1)
        erasure = QHBoxLayout()
        erasure.addWidget(self.reason, 1)
        erasure.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(exports)
        layout.addWidget(QLabel("Effacement (hors obligation légale de conservation) :"))
        layout.addLayout(erasure)
        self.show_record(None)

    def show_record(self, record: LoadedRecord | None) -> None:
        self.record = record
        for widget in (self.export_pdf, self.export_json, self.reason, self.erase_button):
            widget.setEnabled(record is not None)
        self.reason.clear()
        if record is None:
            self.hint.setText("Disponible une fois la fiche enregistrée.")
            return
        self.hint.setText(
            "Tout ce que la base contient sur ce jeune (identité, situations, positionnements, "
            "contrats, suivis, échanges, présences, journal) ; l'export est tracé."
        )
        actor = self.context.db.actor if self.context.db is not None else None
        if actor is not None:  # known once someone is working; the services check anyway
            self.export_pdf.setVisible(actor.may("youth.export"))
            self.export_json.setVisible(actor.may("youth.export"))
            self.erase_button.setVisible(actor.may("purge"))
            self.reason.setVisible(actor.may("purge"))

    def export(self, suffix: str) -> None:
        if self.record is None:
            return
        path = messages.choose_save_file(
            self,
            "Exporter le dossier de la personne",
            proposed_name(self.record, suffix),
            FORMATS[suffix],
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        youth_id = self.record.id
        WriteOp(
            parent=self,
            context=self.context,
            op=lambda db, _c: write_person_file(db, youth_id, target),
            changes=(),  # only the trail gained an entry
            success=lambda written: messages.show_info(
                self, f"Dossier exporté dans {written.name}. Remettez-le à la personne seulement."
            ),
        ).bound_to(self).with_progress("Export du dossier…").run_in_background()

    def erase(self) -> None:
        if self.record is None:
            return
        reason = " ".join(self.reason.text().split())
        if not reason:
            self.hint.setText("Indiquez le motif de l'effacement avant de le confirmer.")
            self.reason.setFocus()
            return
        name = f"{self.record.texts.get('last_name', '')} {self.record.texts.get('first_name', '')}"
        if not messages.ask_yes_no(
            self,
            f"Effacer le dossier de {name.strip()} ? Son identité, ses coordonnées, les notes et "
            "textes libres sont supprimés définitivement ; seules les statistiques restent. "
            "Votre nom et le motif sont inscrits au journal.",
        ):
            return
        youth_id: uuid.UUID = self.record.id
        WriteOp(
            parent=self,
            context=self.context,
            op=lambda db, _c: erase_on_request(db, youth_id, reason),
            changes=(EntityKind.YOUTHS,),
            success=lambda _r: self._erased(),
        ).bound_to(self).with_progress("Effacement du dossier…").run_in_background()

    def _erased(self) -> None:
        self.reason.clear()
        self.hint.setText("Dossier effacé : seules les statistiques restent.")
        for widget in (self.export_pdf, self.export_json, self.reason, self.erase_button):
            widget.setEnabled(False)

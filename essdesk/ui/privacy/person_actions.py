"""The person's rights from their record: information and consents, their whole file, erasure."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain import values as v
from essdesk.domain.consent import CONSENT_CHOICES, INFORMATION_FORMS
from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date
from essdesk.services.person_file import Consent, consent_of, record_consent, write_person_file
from essdesk.services.records import LoadedRecord
from essdesk.services.retention import erase_on_request
from essdesk.ui import messages
from essdesk.ui.file_dialogs import choose_target
from essdesk.ui.ops import OpContext, QueryOp, WriteOp

FORMATS = {".pdf": "Document PDF (*.pdf)", ".json": "Données JSON (*.json)"}


def proposed_name(record: LoadedRecord, suffix: str) -> str:
    """« dossier-dupont-lea.pdf »: letters and digits only, whatever the name holds (../, quotes)."""
    words = f"{record.texts.get('last_name', '')} {record.texts.get('first_name', '')}"
    slug = re.sub(r"[^0-9a-zà-öø-ÿ]+", "-", words.lower()).strip("-")[:60] or "jeune"
    return f"dossier-{slug}{suffix}"


class PersonActions(QGroupBox):
    """A record panel (RecordType.panels) of a young person; the services check the rights.

    `record_changed(id)` after a save or an erasure: the record's version moved on, the
    editor should reload it (connect it to RecordEditor.open_record).
    """

    record_changed = Signal(object)

    def __init__(self, context: OpContext, parent=None, *, with_consent: bool = True) -> None:
        # Without the consent lines where the record's form already holds those fields.
        super().__init__("Droits de la personne (RGPD)", parent)
        self.context = context
        self.record: LoadedRecord | None = None
        self.consent: Consent | None = None
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        self.information_date = QLineEdit()
        self.information_date.setPlaceholderText("jj/mm/aaaa")
        self.information_form = QComboBox()
        self.information_form.addItem("—", None)
        for code, label in INFORMATION_FORMS.items():
            self.information_form.addItem(label, code)
        self.photo, self.newsletter = QComboBox(), QComboBox()
        for box in (self.photo, self.newsletter):
            for value, label in CONSENT_CHOICES.items():
                box.addItem(label, value)
        self.save_consent = QPushButton("Enregistrer l'information et les consentements")
        self.save_consent.clicked.connect(self.record_consent)
        consent = QFormLayout()
        consent.addRow("Informé(e) de ses droits le", self.information_date)
        consent.addRow("Forme de l'information", self.information_form)
        consent.addRow("Photos lors des événements", self.photo)
        consent.addRow("Lettre d'information", self.newsletter)
        consent.addRow("", self.save_consent)
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
        self.consent_box = QWidget()
        self.consent_box.setLayout(consent)
        self.consent_box.setVisible(with_consent)  # hidden, its lines stay hidden whatever the role
        layout.addWidget(self.consent_box)
        layout.addLayout(exports)
        layout.addWidget(QLabel("Effacement (hors obligation légale de conservation) :"))
        layout.addLayout(erasure)
        self.show_record(None)

    def _inputs(self):
        return (
            self.information_date,
            self.information_form,
            self.photo,
            self.newsletter,
            self.save_consent,
            self.export_pdf,
            self.export_json,
            self.reason,
            self.erase_button,
        )

    def show_record(self, record: LoadedRecord | None) -> None:
        self.record, self.consent = record, None
        for widget in self._inputs():
            widget.setEnabled(record is not None)
        self.reason.clear()
        self._show_consent(Consent(0, None, None, None, None))
        if record is None:
            self.hint.setText("Disponible une fois la fiche enregistrée.")
            return
        youth_id = record.id
        QueryOp(
            parent=self,
            context=self.context,
            op=lambda db, _c: consent_of(db, youth_id),
            success=self._show_consent,
        ).bound_to(self).without_progress().run_in_background()
        self.hint.setText(
            "Tout ce que la base contient sur ce jeune (identité, situations, positionnements, "
            "contrats, suivis, échanges, présences, journal) ; l'export est tracé."
        )
        actor = self.context.db.actor if self.context.db is not None else None
        if actor is not None:  # known once someone is working; the services check anyway
            self.export_pdf.setVisible(actor.may("youth.export"))
            self.export_json.setVisible(actor.may("youth.export"))
            self.save_consent.setVisible(actor.may("youth.write"))
            self.erase_button.setVisible(actor.may("purge"))
            self.reason.setVisible(actor.may("purge"))

    def _show_consent(self, consent: Consent) -> None:
        self.consent = consent if consent.version else None
        day = consent.information_date
        self.information_date.setText(format_date(day) if day else "")
        self.information_form.setCurrentIndex(
            max(0, self.information_form.findData(consent.information_form))
        )
        for box, value in ((self.photo, consent.photo), (self.newsletter, consent.newsletter)):
            box.setCurrentIndex(list(CONSENT_CHOICES).index(value))

    def record_consent(self) -> None:
        if self.record is None or self.consent is None:
            return
        typed = self.information_date.text().strip()
        try:
            day = v.parse_date(typed) if typed else None
        except v.ValueProblem as problem:
            self.hint.setText(f"Date d'information : {problem.reason}.")
            return
        consent = replace(
            self.consent,
            information_date=day,
            information_form=self.information_form.currentData(),
            photo=self.photo.currentData(),
            newsletter=self.newsletter.currentData(),
        )
        youth_id = self.record.id
        WriteOp(
            parent=self,
            context=self.context,
            op=lambda db, _c: record_consent(db, youth_id, consent),
            changes=(EntityKind.YOUTHS,),
            success=lambda version: self._consent_saved(replace(consent, version=version)),
        ).bound_to(self).run_in_background()

    def _consent_saved(self, consent: Consent) -> None:
        self.consent = consent
        self.hint.setText("Information et consentements enregistrés.")
        if self.record is not None:
            self.record_changed.emit(self.record.id)

    def export(self, suffix: str) -> None:
        if self.record is None:
            return
        target = choose_target(
            self, "Exporter le dossier de la personne", "export_dir",
            proposed_name(self.record, suffix), FORMATS[suffix], suffix,
        )  # fmt: skip
        if target is None:
            return
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
        for widget in self._inputs():
            widget.setEnabled(False)
        if self.record is not None:
            self.record_changed.emit(self.record.id)

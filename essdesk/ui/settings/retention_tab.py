"""The retention policy tab: the periods in force, which the administrator may only shorten."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout

from essdesk.domain.french import format_date
from essdesk.domain.retention import DEFAULT_POLICY, Policy
from essdesk.ui.ops import OpContext
from essdesk.ui.settings.base_tabs import BaseTab, agree_unit, date_edit

# (field, label, unit, tooltip); the legal maximum is the default policy's value.
FIELDS = [
    ("youth_age_limit", "Âge limite du public", " ans", "26 : jusqu'à 25 ans révolus."),
    ("youth_extra_years", "Conservation après l'âge limite", " ans", "Décret 2015-59 : 2 ans."),
    ("cej_years", "Après la fin d'un CEJ", " ans", "10 ans au plus après la fin du contrat."),
    ("programme_extra_months", "Après la fin d'un dispositif", " mois", ""),
    ("staff_years", "Comptes du personnel après départ", " ans", ""),
    (
        "audit_years",
        "Journal des modifications",
        " ans",
        "Les entrées plus anciennes sont purgées.",
    ),
    ("warning_days", "Prévenir avant l'anonymisation", " jours", "Liste au tableau de bord."),
]
SHORTEN_ONLY = {"youth_age_limit", "youth_extra_years", "cej_years", "staff_years"}


class RetentionTab(BaseTab):
    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(context, parent)
        self.in_force = QLabel()
        self.boxes: dict[str, QSpinBox] = {}
        form = QFormLayout()
        self.valid_from = date_edit(date.today(), "Date à partir de laquelle ces durées valent.")
        form.addRow("En vigueur au", self.valid_from)
        for name, label, unit, tip in FIELDS:
            box = QSpinBox()
            legal = getattr(DEFAULT_POLICY, name)
            box.setRange(0, legal if name in SHORTEN_ONLY else 3650)
            box.setValue(legal)
            agree_unit(box, unit)
            box.setAccessibleName(label)
            if name in SHORTEN_ONLY:
                tip = f"{tip} Maximum légal : {legal}{box.suffix()} (réduire seulement).".strip()
            box.setToolTip(tip)
            self.boxes[name] = box
            form.addRow(label, box)
        self.note = QLineEdit()
        self.note.setPlaceholderText("ex. délibération du conseil d'administration du …")
        form.addRow("Motif", self.note)
        self.save_button = QPushButton("Enregistrer la politique")
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.in_force)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def reload(self) -> None:
        from essdesk.services.retention import policy_now

        def show(policy: Policy) -> None:
            self.in_force.setText(
                f"Politique en vigueur depuis le {format_date(policy.valid_from)}. Les durées "
                "peuvent être réduites, jamais allongées au-delà des durées légales."
            )
            for name, box in self.boxes.items():
                box.setValue(getattr(policy, name))

        self._query(lambda db, _c: policy_now(db), show)

    def save(self) -> None:
        from essdesk.services.retention import set_policy

        values = {name: box.value() for name, box in self.boxes.items()}
        policy = dataclasses.replace(
            DEFAULT_POLICY, valid_from=self.valid_from.date().toPython(), **values
        )
        note = self.note.text().strip()
        self._write(
            lambda db, _c: set_policy(db, policy, note),
            f"Politique de conservation enregistrée à partir du {format_date(policy.valid_from)}.",
        )

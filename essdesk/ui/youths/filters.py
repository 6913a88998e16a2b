"""The filters counsellors use on the list of young people, above the list."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton, QWidget

from essdesk.domain.nomenclatures import YOUTH_STATUSES
from essdesk.services.youth_file import FilterChoices, YouthFilters, filter_choices
from essdesk.ui.ops import OpContext, QueryOp

ANY = "Tous"
YES_NO = (("Oui", True), ("Non", False))
AGE_BANDS = (
    ("16-17 ans", (16, 17)),
    ("18-21 ans", (18, 21)),
    ("22-25 ans", (22, 25)),
    ("26 ans et plus", (26, None)),
)
LEVELS = tuple((f"Niveau {level}", level) for level in range(1, 9))
NO_CONTACT = tuple((f"Plus de {days} jours", days) for days in (30, 60, 90, 180, 365))


class YouthFilterBar(QWidget):
    """Each combo narrows the list; `changed` carries the YouthFilters to apply."""

    changed = Signal(object)  # YouthFilters

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.referent = _combo("Référent")
        self.status = _combo("Statut", [(label, code) for code, label in YOUTH_STATUSES.items()])
        self.scheme = _combo("Dispositif suivi")
        self.commune = _combo("Commune")
        self.qpv = _combo("QPV", YES_NO)
        self.rural_zone = _combo("ZRR / FRR", YES_NO)
        self.rqth = _combo("RQTH", YES_NO)
        self.age = _combo("Âge", AGE_BANDS)
        self.level = _combo("Niveau de formation", LEVELS)
        self.no_contact = _combo("Sans contact depuis", NO_CONTACT)
        self.reset_button = QPushButton("Effacer les filtres")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        combos = (
            self.referent, self.status, self.scheme, self.commune, self.no_contact,
            self.age, self.level, self.qpv, self.rural_zone, self.rqth,
        )  # fmt: skip
        for index, combo in enumerate(combos):
            row, column = divmod(index, 5)
            label = QLabel(combo.accessibleName())
            label.setWordWrap(True)  # the bar leaves room for the open record at 1280 px
            label.setBuddy(combo)
            grid.addWidget(label, row * 2, column)
            grid.addWidget(combo, row * 2 + 1, column)
            combo.currentIndexChanged.connect(self._emit)
        grid.addWidget(self.reset_button, 3, 5)
        self.reset_button.clicked.connect(self.reset)

    def set_database(self, db) -> None:
        if db is None:
            return
        QueryOp(
            parent=self, context=self.context, op=lambda d, _c: filter_choices(d),
            success=self._fill,
        ).without_progress().run_in_background()  # fmt: skip

    def _fill(self, choices: FilterChoices) -> None:
        # Ids travel as text: a combo finds a str again, not always an equal UUID object.
        _refill(self.referent, [(name, str(ident)) for ident, name in choices.counsellors])
        _refill(self.scheme, [(name, code) for code, name in choices.schemes])
        _refill(self.commune, [(name, name) for name in choices.communes])
        self.rqth.setEnabled(choices.sensitive)
        self.rqth.setToolTip("" if choices.sensitive else "Réservé aux rôles qui voient la RQTH.")

    def filters(self) -> YouthFilters:
        age = self.age.currentData() or (None, None)
        return YouthFilters(
            referent_id=uuid.UUID(referent) if (referent := self.referent.currentData()) else None,
            status=self.status.currentData(),
            commune=self.commune.currentData(),
            qpv=self.qpv.currentData(),
            rural_zone=self.rural_zone.currentData(),
            rqth=self.rqth.currentData(),
            age_min=age[0],
            age_max=age[1],
            level_new=self.level.currentData(),
            no_contact_for_days=self.no_contact.currentData(),
            scheme_code=self.scheme.currentData(),
        )

    def reset(self) -> None:
        for combo in self.findChildren(QComboBox):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._emit()

    def _emit(self, *_args) -> None:
        self.changed.emit(self.filters())


def _combo(name: str, items=()) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    # Narrow when closed (the bar shares the width with the open record); whole in the popup.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(4)  # « Tous »
    combo.addItem(ANY, None)
    for label, value in items:
        combo.addItem(label, value)
    return combo


def _refill(combo: QComboBox, items) -> None:
    """New choices, the current one kept when it is still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(ANY, None)
    for label, value in items:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
    combo.blockSignals(False)

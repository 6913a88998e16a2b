"""The « Déroulé » tab: number of rounds, start, round length, changeover, breaks, fairness floor."""

from __future__ import annotations

import re

from PySide6.QtCore import QSignalBlocker, QTime
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from essdesk.domain.french import format_count, format_span
from essdesk.domain.scheduling.timing import RoundTiming
from essdesk.errors import EssDeskError
from essdesk.services.speed_meetings.sessions import get_speed_meeting
from essdesk.services.speed_meetings.wishes_timing import set_timing
from essdesk.ui import messages
from essdesk.ui.speed_meetings.common import Context, hint

BREAK_PATTERN = re.compile(r"(\d+)\s*[:=→-]\s*(\d+)")


def parse_breaks(text: str) -> dict[int, int]:
    """« 4 : 10 ; 6 : 5 » → {4: 10, 6: 5} (after round 4, 10 minutes)."""
    pairs = BREAK_PATTERN.findall(text)
    leftover = BREAK_PATTERN.sub("", text).replace(";", "").replace(",", "").strip()
    if leftover:
        raise EssDeskError(
            f"Pauses : « {leftover} » n'est pas compris. Écrivez par exemple « 4 : 10 ; 6 : 5 » "
            "(10 minutes après le tour 4, 5 minutes après le tour 6)."
        )
    return {int(after): int(minutes) for after, minutes in pairs}


def format_breaks(breaks: dict[int, int]) -> str:
    return " ; ".join(f"{after} : {minutes}" for after, minutes in sorted(breaks.items()))


class TimingTab(QWidget):
    def __init__(self, context: Context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.rounds = QSpinBox(minimum=1, maximum=60)
        self.start = QTimeEdit()
        self.start.setDisplayFormat("HH:mm")
        self.minutes = QSpinBox(minimum=1, maximum=120, suffix=" min")
        self.changeover = QSpinBox(minimum=0, maximum=60, suffix=" min")
        self.breaks = QLineEdit(placeholderText="ex. 4 : 10 ; 6 : 5")
        self.breaks.setToolTip(
            "Après quel tour, combien de minutes : « 4 : 10 » = 10 min après le tour 4."
        )
        self.min_meetings = QSpinBox(minimum=0, maximum=60)
        self.min_meetings.setSpecialValueText("aucun")
        for field in (
            self.rounds,
            self.start,
            self.minutes,
            self.changeover,
            self.breaks,
            self.min_meetings,
        ):
            field.setMaximumWidth(220)
        self.save_button = QPushButton("Enregistrer le déroulé")
        self.save_button.clicked.connect(self.save)
        self.preview = QLabel()
        self.preview.setStyleSheet("font-family: monospace;")
        form = QFormLayout()
        form.addRow("Nombre de tours :", self.rounds)
        form.addRow("Début du premier tour :", self.start)
        form.addRow("Durée d'un tour :", self.minutes)
        form.addRow("Changement de table :", self.changeover)
        form.addRow("Pauses (après le tour : minutes) :", self.breaks)
        form.addRow("Rencontres garanties par jeune :", self.min_meetings)
        form.addRow("", self.save_button)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(
            hint(
                "Le minimum de rencontres garanti passe avant les préférences : chaque jeune en "
                "obtient au moins autant quand ses souhaits et la salle le permettent. Réduire "
                "le nombre de tours supprime les rencontres des tours retirés."
            )
        )
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel("<b>Horaires des tours</b>"))
        right.addWidget(self.preview)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addSpacing(24)
        layout.addLayout(right, 2)
        for spin in (self.rounds, self.minutes, self.changeover):
            spin.valueChanged.connect(self.update_preview)
        self.start.timeChanged.connect(self.update_preview)
        self.breaks.textChanged.connect(self.update_preview)

    def refresh(self) -> None:
        """Reload from the base off the UI thread; a failure is shown to the user."""
        if not self.context.ready:
            return
        speed_id = self.context.speed_id
        self.context.query(self, lambda db: get_speed_meeting(db, speed_id), self._show)

    def _show(self, detail) -> None:
        widgets = (
            self.rounds,
            self.start,
            self.minutes,
            self.changeover,
            self.breaks,
            self.min_meetings,
        )
        blockers = [QSignalBlocker(w) for w in widgets]
        self.rounds.setValue(detail.rounds)
        self.start.setTime(QTime(detail.start_time.hour, detail.start_time.minute))
        self.minutes.setValue(detail.round_minutes)
        self.changeover.setValue(detail.changeover_minutes)
        self.breaks.setText(format_breaks(detail.breaks))
        self.min_meetings.setValue(detail.min_meetings)
        del blockers
        self.update_preview()

    def _timing(self) -> RoundTiming:
        start = self.start.time().toPython()
        return RoundTiming(
            start, self.minutes.value(), self.changeover.value(), parse_breaks(self.breaks.text())
        )

    def update_preview(self) -> None:
        try:
            timing = self._timing()
            spans = timing.round_times(self.rounds.value())
        except (EssDeskError, ValueError) as error:
            self.preview.setText(str(error))
            return
        lines = []
        for number, span in enumerate(spans, start=1):
            lines.append(f"Tour {number:>2} · {format_span(*span)}")
            pause = timing.break_after(number) if number < len(spans) else None
            if pause:
                lines.append(f"  Pause · {format_span(*pause)}")
        self.preview.setText("\n".join(lines))

    def save(self) -> None:
        if not self.context.ready:
            return
        try:
            timing = self._timing()
        except (EssDeskError, ValueError) as error:
            messages.show_error(self, str(error))
            return
        speed_id, rounds, least = (
            self.context.speed_id,
            self.rounds.value(),
            self.min_meetings.value(),
        )

        def saved(removed: int) -> None:
            if removed:
                messages.show_info(
                    self,
                    f"{format_count(removed, 'rencontre retirée', 'rencontres retirées')} des tours supprimés.",
                )

        self.context.write(
            self,
            lambda db: set_timing(
                db,
                speed_id,
                rounds=rounds,
                start_time=timing.start,
                round_minutes=timing.minutes,
                changeover_minutes=timing.changeover_minutes,
                breaks=timing.breaks,
                min_meetings=least,
            ),
            saved,
        )

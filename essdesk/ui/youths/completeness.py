"""What a young person's file lacks for eligibility and for the reports, inside the record."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from essdesk.domain.entities import EntityKind
from essdesk.domain.youth_file import Missing
from essdesk.services import youth_file
from essdesk.services.records import LoadedRecord
from essdesk.ui.ops import Changes, OpContext, QueryOp

COMPLETE = "Dossier complet pour l'éligibilité et les bilans."


class CompletenessPanel(QGroupBox):
    """Read again after each write on young people (a situation added, a referent chosen)."""

    def __init__(self, context: OpContext, parent=None) -> None:
        super().__init__("Complétude du dossier", parent)
        self.context = context
        self.record: LoadedRecord | None = None
        self.missing: list[Missing] = []
        self.summary = QLabel()
        self.summary.setObjectName("completeness")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        context.hub.changed.connect(self._on_changed)
        self.show_record(None)

    def show_record(self, record: LoadedRecord | None) -> None:
        self.record = record
        if record is None:
            self.missing = []
            self.summary.setText("La complétude est calculée une fois la fiche enregistrée.")
            return
        self.reload()

    def reload(self) -> None:
        record = self.record
        if record is None:
            return
        QueryOp(
            parent=self, context=self.context,
            op=lambda db, _c: youth_file.completeness(db, record.id),
            success=lambda missing: self._show(record, missing),
        ).without_progress().run_in_background()  # fmt: skip

    def _show(self, record: LoadedRecord, missing: list[Missing]) -> None:
        if record is not self.record:
            return
        self.missing = missing
        self.summary.setText(summary_html(missing))

    def _on_changed(self, changes: Changes) -> None:
        if self.record is not None and changes.touches(EntityKind.YOUTHS):
            self.reload()


def summary_html(missing: list[Missing]) -> str:
    if not missing:
        return COMPLETE
    parts = []
    for purpose, title in (("éligibilité", "Pour l'éligibilité"), ("bilans", "Pour les bilans")):
        items = [m.label for m in missing if m.purpose == purpose]
        if items:
            lines = "".join(f"<li>{label}</li>" for label in items)
            parts.append(f"<b>{title}, il manque :</b><ul style='margin:0'>{lines}</ul>")
    return "".join(parts)

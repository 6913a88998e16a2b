"""What a young person's file lacks for eligibility and for the reports, inside the record."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from essdesk.domain.entities import EntityKind
from essdesk.domain.youth_file import Missing
from essdesk.services import youth_file
from essdesk.services.records import LoadedRecord
from essdesk.ui.ops import Changes, OpContext, QueryOp

COMPLETE = "Dossier complet pour l'éligibilité et les bilans."
# Missing.field → the form's field, when the names differ.
_FORM_FIELD = {"qualification_level_new": "qualification_level"}


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
        self.summary.linkActivated.connect(self.go_to)
        self.editor = parent  # the record editor: a missing item's link puts the cursor there
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

    def go_to(self, name: str) -> None:
        """Put the cursor where the missing information is typed."""
        editor = self.editor
        fields = getattr(getattr(editor, "form", None), "fields", {})
        name = _FORM_FIELD.get(name, name)
        if name in fields:
            fields[name].input.setFocus()
            return
        for panel in getattr(editor, "panels", ()):
            target = {"referent_id": "combo", "situations": "kind"}.get(name)
            if target and hasattr(panel, target):
                getattr(panel, target).setFocus()
                return

    def _on_changed(self, changes: Changes) -> None:
        if self.record is not None and changes.touches(EntityKind.YOUTHS):
            self.reload()


def summary_html(missing: list[Missing]) -> str:
    if not missing:
        return COMPLETE
    parts = []
    for purpose, title in (("éligibilité", "Pour l'éligibilité"), ("bilans", "Pour les bilans")):
        items = [m for m in missing if m.purpose == purpose]
        if items:
            lines = "".join(f"<li><a href='{m.field}'>{m.label}</a></li>" for m in items)
            parts.append(f"<b>{title}, il manque :</b><ul style='margin:0'>{lines}</ul>")
    return "".join(parts)

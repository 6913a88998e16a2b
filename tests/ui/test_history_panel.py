"""The history panel of a young person's record: the trail's entries about the file."""

from __future__ import annotations

from datetime import date

from essdesk.db import models as m
from essdesk.domain.entities import EntityKind
from essdesk.services.records import LoadedRecord, update_record
from essdesk.ui.ops import ChangeHub, OpContext
from essdesk.ui.privacy.history_panel import HistoryPanel


def test_history_lists_creation_and_edits(qtbot, dialogs, db):
    with db.transaction() as s:
        youth = m.Youth(last_name="Perrin", first_name="Sam", birth_date=date(2006, 3, 3))
        s.add(youth)
    update_record(db, m.Youth, youth.id, 1, phone="0677777777")
    panel = HistoryPanel(OpContext(ChangeHub(), db))
    qtbot.addWidget(panel)
    assert panel.hint.text() == "L'historique apparaît une fois la fiche enregistrée."
    panel.show_record(LoadedRecord(EntityKind.YOUTHS, youth.id, 2, {}))
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=10000)
    assert [panel.table.item(r, 2).text() for r in range(2)] == ["création", "modification"]
    assert '"0677777777"' in panel.table.item(1, 3).text()
    assert panel.table.item(1, 3).text().startswith("téléphone : ")  # the screens' words
    assert "phone" not in panel.table.item(0, 3).text()
    assert panel.hint.text() == "2 entrées dans le journal."

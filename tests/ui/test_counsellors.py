"""The counsellors' editor: create, fields checked beside them, deactivate; picked as referent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QThreadPool

from essdesk.db.database import open_database
from essdesk.domain.entities import EntityKind
from essdesk.services import counsellors
from essdesk.services.records import create_record
from essdesk.ui.app import make_application
from essdesk.ui.counsellors.dialog import CounsellorsDialog
from essdesk.ui.ops import ChangeHub, OpContext
from essdesk.ui.youths import make_youths_area


@pytest.fixture
def context(db_path):
    make_application()
    db = open_database(str(db_path))
    yield OpContext(ChangeHub(), db)
    QThreadPool.globalInstance().waitForDone(10000)
    db.close()


def test_create_a_counsellor_and_pick_them_as_referent(qtbot, context, dialogs, settle):
    db = context.db
    youth = create_record(
        db, EntityKind.YOUTHS,
        {"last_name": "Durand", "first_name": "Hélène", "birth_date": "12/03/2005"},
    )  # fmt: skip
    area = make_youths_area(context)
    qtbot.addWidget(area)
    area.set_database(db)
    area.editor.open_record(youth.id)
    referent = next(p for p in area.editor.panels if type(p).__name__ == "ReferentPanel")
    qtbot.waitUntil(lambda: area.editor.record is not None, timeout=10000)
    assert referent.combo.count() == 1  # « Aucun référent »

    dialog = CounsellorsDialog(context)
    qtbot.addWidget(dialog)
    dialog.new_counsellor()
    dialog.inputs["first_name"].setText("Claire")
    dialog.inputs["last_name"].setText("Fabre")
    dialog.inputs["email"].setText("claire.fabre@@ml")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors["email"].isVisibleTo(dialog), timeout=10000)
    assert dialog.errors["email"].text()  # the French reason, beside the e-mail
    assert counsellors.list_counsellors(db) == []
    dialog.inputs["email"].setText("claire.fabre@ml-grenoble.fr")
    dialog.inputs["phone"].setText("04 76 00 11 22")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10000)
    assert [dialog.table.item(0, c).text() for c in range(5)] == [
        "Fabre", "Claire", "claire.fabre@ml-grenoble.fr", "04 76 00 11 22", "Oui",
    ]  # fmt: skip

    # The broadcast refreshes the referent picker of the open record.
    qtbot.waitUntil(lambda: referent.combo.findText("Claire Fabre") > 0, timeout=10000)
    referent.combo.setCurrentIndex(referent.combo.findText("Claire Fabre"))
    area.editor.save()
    qtbot.waitUntil(lambda: area.editor.state.text() == "Fiche enregistrée.", timeout=10000)
    claire = counsellors.list_counsellors(db)[0]
    assert area.editor.record.extra["referent_id"] == claire.id

    # Deactivated: no longer offered to new files, still shown on Hélène's.
    dialog.table.selectRow(0)
    assert dialog.inputs["last_name"].text() == "Fabre"
    dialog.active.setChecked(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.item(0, 4).text() == "Non", timeout=10000)
    assert counsellors.list_counsellors(db) == []
    area.editor.open_record(youth.id)
    qtbot.waitUntil(lambda: referent.combo.currentText() == "Conseiller inactif", timeout=10000)
    assert dialogs.errors == []
    settle()

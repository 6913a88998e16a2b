"""The settings dialog as a user drives it: agency on the PDFs, SMIC, PEC rate, fees, retention."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QThreadPool

from essdesk import settings
from essdesk.db.database import open_database
from essdesk.domain.french import format_count
from essdesk.domain.retention import DEFAULT_POLICY
from essdesk.services import memberships, retention
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.services.partner_reports import write_report
from essdesk.services.person_file import export_person
from essdesk.services.placements.aid import smic_table
from essdesk.services.placements.local_rates import local_rates
from essdesk.ui.app import make_application
from essdesk.ui.ops import ChangeHub, OpContext
from essdesk.ui.settings import SettingsDialog


@pytest.fixture
def context(db_path):
    make_application()
    db = open_database(str(db_path))
    yield OpContext(ChangeHub(), db)
    QThreadPool.globalInstance().waitForDone(10000)
    db.close()


@pytest.fixture
def dialog(qtbot, context, dialogs, settle):
    widget = SettingsDialog(context)
    qtbot.addWidget(widget)
    widget.show()
    settle()
    return widget


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_agency_set_here_is_on_the_generated_pdfs(dialog, context, tmp_path, settle):
    fill_demo_data(context.db, youths=6, event_history=False)
    dialog.agency_name.setText("Mission locale des Baronnies")
    dialog.agency_address.setPlainText("3 place du Marché\n26110 Nyons")
    dialog.band_colour.edit.setText("#204060")
    dialog.accent_colour.edit.setText("#C8553D")
    dialog.backups_kept.setValue(10)
    dialog.save_button.click()
    stored = settings.load()
    assert stored.agency_name == "Mission locale des Baronnies"
    assert (stored.report_colour, stored.report_accent, stored.backups_kept) == (
        "#204060",
        "#C8553D",
        10,
    )
    assert context.db.backups.daily == 10  # the open base's rotation follows at once
    # A partner report (given the branding) and the person's file (given none) both carry it.
    report = write_report(context.db, "territory", tmp_path / "territoire.pdf").path
    assert "Mission locale des Baronnies · 3 place du Marché 26110 Nyons · ESS Desk" in _text(
        report
    )
    from essdesk.db import models as m

    with context.db.session() as session:
        youth = session.query(m.Youth).first()
        name = f"{youth.last_name} {youth.first_name}"
    person = export_person(context.db, name, tmp_path / "dossier.pdf")
    assert "Mission locale des Baronnies" in _text(person)
    # Another name in the dialog: the next PDF changes with it.
    dialog.agency_name.setText("PLIE du Nyonsais")
    dialog.save_button.click()
    again = write_report(context.db, "territory", tmp_path / "bis.pdf").path
    assert "PLIE du Nyonsais" in _text(again) and "Baronnies" not in _text(again)


def test_missing_logo_is_refused_before_saving(dialog, dialogs, tmp_path):
    dialog.logo.setText(str(tmp_path / "absent.png"))
    dialog.save_button.click()
    assert dialogs.errors and "introuvable" in dialogs.errors[0]
    assert settings.load().agency_logo == ""


def test_new_smic_rate_is_stored_in_the_base(dialog, context, settle):
    tab = dialog.smic_tab
    shipped = tab.rates.rowCount()
    assert shipped > 5 and "/" in tab.rates.item(0, 0).text()
    tab.valid_from.setDate(QDate(2031, 1, 1))
    tab.hourly.setValue(13.5)
    tab.add_button.click()
    settle()
    assert smic_table(context.db).rate_on(date(2031, 3, 1)) == Decimal("13.5")
    assert tab.rates.rowCount() == shipped + 1
    assert tab.rates.item(0, 0).text() == "01/01/2031"
    assert "enregistré" in tab.status.text()


def test_smic_not_on_the_first_is_refused_in_french(dialog, dialogs, context, settle):
    dialog.smic_tab.valid_from.setDate(QDate(2031, 1, 15))
    dialog.smic_tab.add_button.click()
    settle()
    assert dialogs.errors and "1er du mois" in dialogs.errors[0]


def test_regional_pec_rate_is_dated(dialog, context, settle):
    tab = dialog.rates_tab
    tab.valid_from.setDate(QDate(2026, 7, 1))
    tab.rate.setValue(45)
    tab.note.setText("Arrêté n° 2026-118")
    tab.add_button.click()
    settle()
    rates = local_rates(context.db, "PEC")
    assert [(r.valid_from, r.rate, r.note) for r in rates] == [
        (date(2026, 7, 1), Decimal("45.00"), "Arrêté n° 2026-118")
    ]
    assert tab.rates.item(0, 1).text() == "45 %"


def test_fee_scale_is_saved_for_the_year(dialog, context, settle):
    tab = dialog.fees_tab
    tab.year.setValue(2027)
    settle()
    tab.amounts["1-9"].setValue(150)
    tab.amounts["50-249"].setValue(900)
    tab.save_button.click()
    settle()
    scale = memberships.fee_scale(context.db, 2027)
    assert scale["1-9"] == Decimal("150.00") and scale["50-249"] == Decimal("900.00")


def test_retention_can_be_shortened_never_lengthened(dialog, context, settle):
    tab = dialog.retention_tab
    box = tab.boxes["youth_extra_years"]
    assert box.value() == DEFAULT_POLICY.youth_extra_years
    assert box.maximum() == DEFAULT_POLICY.youth_extra_years  # the dialog offers no more
    tab.valid_from.setDate(QDate(2026, 1, 1))
    box.setValue(1)
    tab.save_button.click()
    settle()
    assert retention.policy_now(context.db, date(2026, 6, 1)).youth_extra_years == 1
    assert "depuis le 01/01/2026" in tab.in_force.text()
    longer = DEFAULT_POLICY.__class__(valid_from=date(2026, 2, 1), cej_years=12)
    with pytest.raises(Exception, match="refusée"):
        retention.set_policy(context.db, longer)


def test_default_counsellor_is_offered_and_remembered(qtbot, db_path, dialogs, settle):
    make_application()
    db = open_database(str(db_path))
    try:
        from essdesk.services.counsellors import create_counsellor

        counsellor_id = create_counsellor(db, "Nadia", "Benali")
        widget = SettingsDialog(OpContext(ChangeHub(), db))
        qtbot.addWidget(widget)
        settle()
        index = widget.counsellor.findText("Nadia Benali")
        assert index > 0
        widget.counsellor.setCurrentIndex(index)
        widget.save_button.click()
        assert settings.default_counsellor_id() == str(counsellor_id)
        # A new youth file gets this counsellor as referent.
        from essdesk.db import models as m
        from essdesk.domain.entities import EntityKind
        from essdesk.services.records import create_record

        texts = {"last_name": "Durand", "first_name": "Léo", "birth_date": "03/02/2005"}
        created = create_record(db, EntityKind.YOUTHS, texts)
        with db.session() as session:
            assert session.get(m.Youth, created.id).referent_id == counsellor_id
    finally:
        QThreadPool.globalInstance().waitForDone(10000)
        db.close()


def test_encrypt_the_open_base_from_the_settings(qtbot, db_path, dialogs, settle):
    import keyring

    from essdesk.db import encryption
    from essdesk.ui.main_window import MainWindow
    from essdesk.ui.settings import open_settings_dialog
    from tests.ui.test_first_start import MemoryKeyring

    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    make_application()
    window = MainWindow()
    qtbot.addWidget(window)
    try:
        db = open_database(str(db_path))
        db.backup("manuelle")
        backups = db.backups.list()  # the daily one and this one
        window.set_database(db)
        dialog = open_settings_dialog(window)
        assert dialog.encrypt_button.isEnabled()
        dialog.encrypt_button.click()
        settle(60000)
        qtbot.waitUntil(lambda: window.db is not None, timeout=60000)
        key = store.entries[(encryption.KEYRING_SERVICE, encryption.KEYRING_USER)]
        assert key in dialogs.infos[-1]
        assert (
            f"Base et {format_count(len(backups), 'sauvegarde chiffrée', 'sauvegardes chiffrées')}"
            in (dialogs.infos[-1])
        )
        assert all(not b.path.read_bytes().startswith(encryption.SQLITE_HEADER) for b in backups)
        assert not db_path.read_bytes().startswith(encryption.SQLITE_HEADER)
        assert window.db is not db and window.db.schema_version() is not None
        assert not open_settings_dialog(window).encrypt_button.isEnabled()  # done already
    finally:
        window.close_base()
        keyring.set_keyring(previous)

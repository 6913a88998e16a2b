"""The main window: opens the base off the UI thread, navigates, lists, backs up, recovers."""

from __future__ import annotations

import pytest

from essdesk.db.database import open_database
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.ui.app import make_application, open_in_window
from essdesk.ui.main_window import AREAS, MainWindow


@pytest.fixture
def demo_path(db_path):
    db = open_database(str(db_path))
    fill_demo_data(db, youths=120, seed=7)
    db.close()
    return db_path


@pytest.fixture
def window(qtbot, dialogs):
    make_application()
    win = MainWindow()
    qtbot.addWidget(win)
    return win


def _open(qtbot, window, path) -> None:
    open_in_window(window, str(path))
    qtbot.waitUntil(lambda: window.db is not None, timeout=20000)


def test_navigation_lists_every_area(window):
    labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert labels == [label for _key, label in AREAS]
    assert "Speed meetings" in labels and "Jeunes" in labels


def test_demo_base_fills_dashboard_and_lists(qtbot, window, demo_path, settle):
    _open(qtbot, window, demo_path)
    settle()  # the dashboard reads its figures off the UI thread
    dashboard = window.views["dashboard"]
    assert ">60<" in dashboard.cards["Employeurs"].text()
    window.show_area("youths")
    youths = window.views["youths"].list
    qtbot.waitUntil(lambda: youths.model.total == 120, timeout=5000)  # loaded off the UI thread
    assert youths.count_label.text() == "120 fiches"
    qtbot.waitUntil(lambda: "120 jeunes · 60 employeurs" in window.status_label.text())
    assert window.status_label.text().startswith("Base « ")  # its name; the path in the tooltip
    assert window.status_label.toolTip().startswith("Base : fichier")


def test_search_filters_in_sql(qtbot, window, demo_path):
    _open(qtbot, window, demo_path)
    window.show_area("employers")
    employers = window.views["employers"].list
    qtbot.waitUntil(lambda: employers.model.total == 60, timeout=5000)
    qtbot.keyClicks(employers.search, "ressourcerie")
    qtbot.waitUntil(lambda: employers.model.total == 2, timeout=3000)
    names = [employers.model.index(r, 0).data() for r in range(employers.model.rowCount())]
    assert all("Ressourcerie" in name for name in names)


def test_sorting_by_column(qtbot, window, demo_path):
    _open(qtbot, window, demo_path)
    window.show_area("youths")
    youths = window.views["youths"].list
    qtbot.waitUntil(lambda: youths.model.rowCount() > 0, timeout=5000)
    ascending = youths.model.index(0, 0).data()
    youths.table.sortByColumn(
        0, youths.table.horizontalHeader().sortIndicatorOrder().DescendingOrder
    )
    qtbot.waitUntil(lambda: youths.model.index(0, 0).data() != ascending, timeout=5000)
    first, second = (youths.model.index(r, 0).data() for r in range(2))
    assert first >= second


def test_backup_now_from_the_menu(qtbot, window, demo_path, settle):
    from essdesk.ui.menus import backup_now

    _open(qtbot, window, demo_path)
    settle()  # the start-up backup, taken in the background once the base is usable
    assert any(b.reason != "manuelle" for b in window.db.backups.list())
    before = {b.path for b in window.db.backups.list()}
    backup_now(window)
    qtbot.waitUntil(
        lambda: any(b.reason == "manuelle" for b in window.db.backups.list()), timeout=10000
    )
    assert before <= {b.path for b in window.db.backups.list()}  # nothing older was rotated away


def test_corrupt_base_offers_latest_good_backup(qtbot, window, dialogs, demo_path):
    backups = open_database(str(demo_path))
    saved = backups.backup()
    backups.close()
    demo_path.write_bytes(b"\x00" * 4096)  # the disk lost the file's content
    for extra in ("-wal", "-shm"):
        demo_path.with_name(demo_path.name + extra).unlink(missing_ok=True)
    open_in_window(window, str(demo_path))
    qtbot.waitUntil(lambda: window.db is not None, timeout=20000)
    assert dialogs.errors and "pas une base ESS Desk" in dialogs.errors[0]
    assert saved.name and "sauvegarde valide" in dialogs.questions[0]
    window.show_area("youths")  # a screen reads the base when first shown
    qtbot.waitUntil(lambda: window.views["youths"].list.model.total == 120, timeout=20000)
    assert any("avant-restauration" in p.name for p in demo_path.parent.iterdir())


def test_base_from_newer_version_shows_message_without_recovery(qtbot, window, dialogs, db_path):
    import sqlite3

    open_database(str(db_path)).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff'")
    open_in_window(window, str(db_path))
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=10000)
    assert "plus récente" in dialogs.errors[0]
    assert dialogs.questions == [] and window.db is None


def test_dashboard_lists_upcoming_deadlines(qtbot, window, demo_path, settle):
    from datetime import date

    from essdesk.services.deadlines import upcoming_deadlines
    from essdesk.ui.placements.deadlines import BEHIND

    _open(qtbot, window, demo_path)
    settle()
    table = window.views["dashboard"].deadlines
    expected = upcoming_deadlines(window.db, today=date.today(), behind_days=BEHIND)
    assert table.rowCount() == len(expected) > 0
    assert table.item(0, 1).text() == expected[0].label
    assert table.item(0, 0).text().startswith(expected[0].due.strftime("%d/%m/%Y"))


def test_a_write_refreshes_the_visible_list_now_and_the_others_when_shown(qtbot, window, demo_path):
    from datetime import date

    from essdesk.db import models as m
    from essdesk.domain.entities import EntityKind

    _open(qtbot, window, demo_path)
    youths, employers = window.views["youths"].list.model, window.views["employers"].list.model
    assert youths.total == 0 and employers.total == 0  # nothing read for screens not shown
    window.show_area("employers")
    qtbot.waitUntil(lambda: employers.total == 60, timeout=5000)
    window.show_area("youths")
    qtbot.waitUntil(lambda: youths.total == 120, timeout=5000)
    with window.db.transaction() as session:
        session.add(m.Youth(last_name="Nouvelle", first_name="Inès", birth_date=date(2005, 5, 5)))
        session.add(m.Employer(name="Nouvelle coopérative"))
    window.signals.notify({EntityKind.YOUTHS, EntityKind.EMPLOYERS})
    qtbot.waitUntil(lambda: youths.total == 121, timeout=5000)
    qtbot.wait(300)
    assert employers.total == 60  # not queried while hidden
    window.show_area("employers")
    qtbot.waitUntil(lambda: employers.total == 61, timeout=5000)


def test_reports_screen_writes_the_event_report(
    qtbot, window, dialogs, demo_path, tmp_path, settle, monkeypatch
):
    from pypdf import PdfReader

    from essdesk.ui.areas import reports as reports_module

    opened = []
    monkeypatch.setattr(reports_module, "open_document", opened.append)
    _open(qtbot, window, demo_path)
    window.show_area("reports")
    settle()
    reports = window.views["reports"]
    reports.kind.setCurrentIndex(1)  # Rapport d'événement
    qtbot.waitUntil(lambda: reports.subject.count() == 1, timeout=20000)
    dialogs.save_file = str(tmp_path / "bilan semaine")
    reports.write_report()
    qtbot.waitUntil(
        lambda: reports.status.text().startswith("Rapport écrit") or bool(dialogs.errors),
        timeout=20000,
    )
    assert dialogs.errors == []
    text = PdfReader(tmp_path / "bilan semaine.pdf").pages[0].extract_text()
    assert "Semaine de l'ESS" in text
    assert opened == [tmp_path / "bilan semaine.pdf"]


def test_status_bar_names_the_agency_and_the_base(qtbot, window, db_path, settle):
    from essdesk import settings

    settings.update(agency_name="Mission locale du Grésivaudan")
    _open(qtbot, window, db_path)
    settle()
    text = window.status_label.text()
    assert text.startswith(f"Mission locale du Grésivaudan · Base « {db_path.stem} »")
    assert "schéma" not in text and str(db_path.parent) not in text  # no path, no schema number


def test_a_base_rotten_since_its_clean_close_is_caught_by_the_start_up_backup(
    qtbot, window, dialogs, demo_path, settle
):
    from essdesk.db import clean_close

    good = open_database(str(demo_path))
    saved = good.backup()
    good.close()
    size = demo_path.stat().st_size
    with demo_path.open("r+b") as handle:  # the disk lost a page; nothing else changed
        handle.seek(size // 2)
        handle.write(b"\xff" * 4096)
    clean_close.remember(demo_path)  # as if its dates and size had not moved either
    _open(qtbot, window, demo_path)  # opened at once: the file looks as it was left
    settle()
    assert dialogs.errors and "ne passe pas sa vérification" in dialogs.errors[-1]
    assert dialogs.questions and "sauvegarde valide" in dialogs.questions[-1]
    # The damaged copy was not kept as a backup: the good one is still the newest.
    assert [b.path for b in window.db.backups.list()][-1] == saved

"""The dashboard warns of the files the retention rules anonymise within the warning period."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.domain.retention import add_years
from essdesk.services import access
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.ui.app import make_application
from essdesk.ui.areas.dashboard import DashboardView

PASSWORD = "mot-de-passe-de-test"


def _due_people(db):
    today = date.today()
    with db.transaction() as s:
        # An « actif » file of a 40-year-old: due by the age rule whatever its status says.
        s.add(m.Youth(last_name="Ancien", first_name="Paul", birth_date=date(1986, 4, 1)))
        # 25 years « révolus » (26th birthday) + 2 years, reached in ten days.
        born = add_years(today + timedelta(days=10), -28)
        s.add(m.Youth(last_name="Bientôt", first_name="Léa", birth_date=born))
        s.add(m.Youth(last_name="Jeune", first_name="Noé", birth_date=add_years(today, -19)))


def test_dashboard_lists_files_due_within_thirty_days(qtbot, db, settle, dialogs, screenshot):
    make_application()
    fill_demo_data(db, youths=60, seed=3, event_history=False)
    _due_people(db)
    view = DashboardView()
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.set_database(db)
    settle()
    panel = view.retention
    assert panel.isVisibleTo(view) and dialogs.errors == []
    rows = {
        panel.table.item(r, 0).text(): (
            panel.table.item(r, 1).text(),
            panel.table.item(r, 2).text(),
        )
        for r in range(panel.table.rowCount())
    }
    assert rows["Ancien Paul"][0] == "à la prochaine purge"
    assert rows["Ancien Paul"][1].startswith("25 ans révolus + 2 ans (né(e) le 01/04/1986)")
    in_ten_days = (date.today() + timedelta(days=10)).strftime("%d/%m/%Y")
    assert rows["Bientôt Léa"][0] == in_ten_days
    assert "Jeune Noé" not in rows
    # Soonest first: the overdue ones, then by date.
    assert panel.table.item(panel.table.rowCount() - 1, 0).text() == "Bientôt Léa" or any(
        when != "à la prochaine purge" for when, _ in rows.values()
    )
    assert "dans les 30 jours" in panel.title.text()
    view.show()
    settle()
    screenshot(view, "tableau_de_bord_conservation.png")


def test_reception_sees_no_names_and_leaves_no_refusals(qtbot, db, settle, dialogs):
    make_application()
    _due_people(db)
    access.create_user(db, "admin", "Alice Admin", "administrator", PASSWORD)
    access.create_user(db, "accueil", "Alex Accueil", "reception", PASSWORD)
    access.log_in(db, "accueil", PASSWORD)
    view = DashboardView()
    qtbot.addWidget(view)
    view.set_database(db)
    settle()
    assert not view.retention.isVisibleTo(view) and view.retention.table.rowCount() == 0
    with db.session() as s:
        refused = s.scalar(
            select(func.count())
            .select_from(m.AuditEntry)
            .where(m.AuditEntry.action == "refused", m.AuditEntry.detail.like("youth%"))
        )
    assert refused == 0

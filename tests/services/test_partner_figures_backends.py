"""The partners' figures read the same on the embedded SQLite file and on PostgreSQL."""

from __future__ import annotations

from datetime import date

from essdesk.services import partnerships as ps
from essdesk.services.communes import import_communes
from essdesk.services.events.review import event_report_data
from essdesk.services.partnership_review import partnership_review_data
from essdesk.services.territory_activity import territory_activity
from tests.reports.test_partner_reports import COMMUNES
from tests.services.partner_data import TODAY, add_placements, build_agency, fill_event


def test_figures_on_both_backends(any_db):
    agency = build_agency(any_db)
    fill_event(any_db, agency)
    add_placements(any_db, agency)
    review = partnership_review_data(any_db, agency.partnership_id, today=TODAY)
    assert [
        (y.year, y.offers, y.positions, y.placements, y.youths_placed) for y in review.years
    ] == [
        (2025, 2, 3, 2, 2),
        (2026, 3, 3, 2, 1),
    ]
    assert (review.youths_placed, len(review.pairs), len(review.events)) == (3, 2, 1)
    assert [(g.kind, g.expected, g.held, g.planned) for g in review.governance] == [
        ("steering", 2, 1, 0),
        ("technical", 3, 1, 1),
    ]
    assert review.placements_by_contract == (("CDD", 2), ("Apprentissage", 1), ("CDI", 1))
    event = event_report_data(any_db, agency.event_id)
    assert (event.outcomes.positionings, event.outcomes.hires) == (2, 2)
    import_communes(any_db, COMMUNES)
    rows = {
        r.code: r.youths
        for r in territory_activity(any_db, date(2026, 1, 1), date(2026, 6, 15)).rows
    }
    assert rows == {"urban": 3, "peri_urban": 1, "rural": 2}
    kinds = sorted(f.kind for f in ps.partnership_flags(any_db, TODAY))
    # Committees: the planned technical one left unmarked, the steering one due since 12/03/2026,
    # and a technical one due (twice a year) since 04/12/2025 with none programmed ahead.
    assert kinds == ["action_overdue", "ending_soon"] + ["meeting_overdue"] * 3

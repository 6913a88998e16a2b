"""Hostile searches: a pasted page or 2,000 words return an answer, not an uncaught error."""

from __future__ import annotations

from datetime import date

from essdesk.db import models as m
from essdesk.services.listings import LISTINGS, MAX_SEARCH_WORDS, search_words
from essdesk.services.speed_meetings.participants import search_employers


def test_huge_searches_are_capped(any_db):
    with any_db.transaction() as session:
        session.add(m.Youth(last_name="Lefèvre", first_name="Noël", birth_date=date(2004, 1, 1)))
        session.add(m.Employer(name="Régie de quartier"))
    youths = LISTINGS["youths"]
    assert youths.count(any_db, "x" * 1_000_000) == 0
    two_thousand_words = " ".join(["lefevre"] * 2000)
    assert [r.cells[0] for r in youths.rows(any_db, search=two_thousand_words)] == ["Lefèvre"]
    assert search_employers(any_db, " ".join(["regie"] * 2000))[0].label.startswith("Régie")
    assert len(search_words(two_thousand_words)) == MAX_SEARCH_WORDS

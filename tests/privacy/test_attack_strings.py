"""Search strings, file names and imported text are data: never SQL, patterns or paths."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.services.imports import import_file
from essdesk.services.listings import LISTINGS
from essdesk.services.search import global_search

ATTACKS = [
    "%",
    "_",
    "%%",
    "'",
    '"',
    "' OR 1=1 --",
    "'; DROP TABLE youths; --",
    "../../etc/passwd",
    "..\\..\\windows",
    "x" * 10_000,
    "\x00",
    "\x07\x1b[2J",
    "\\",
]


@pytest.mark.parametrize("typed", ATTACKS, ids=lambda t: repr(t[:12]))
def test_hostile_searches_find_nothing_and_break_nothing(any_db, typed):
    with any_db.transaction() as s:
        s.add(m.Youth(last_name="Robin", first_name="Léo", birth_date=date(2005, 1, 1)))
        s.add(m.Employer(name="Régie de quartier"))
    for key in ("youths", "employers", "offers"):
        assert LISTINGS[key].rows(any_db, search=typed) == [], key
        assert LISTINGS[key].count(any_db, typed) == 0
    assert global_search(any_db, typed) == []
    with any_db.session() as s:  # nothing dropped, nothing changed
        assert s.scalar(select(func.count()).select_from(m.Youth)) == 1


def test_quotes_percent_and_underscore_are_matched_literally(any_db):
    with any_db.transaction() as s:
        s.add(m.Youth(last_name="O'Brien", first_name="Léa", birth_date=date(2004, 2, 2)))
        s.add(m.Youth(last_name="Robin", first_name="Léo", birth_date=date(2005, 1, 1)))
        s.add(m.Employer(name="Coop 100% locale"))
        s.add(m.Employer(name="Coop 1000 locale"))
        s.add(m.Employer(name="Atelier_bois"))
        s.add(m.Employer(name="Atelier-bois"))
    assert [r.cells[0] for r in LISTINGS["youths"].rows(any_db, search="o'brien")] == ["O'Brien"]
    employers = LISTINGS["employers"]
    # As LIKE wildcards these would match « Coop… » and « …bois »; typed, they are no pattern.
    for typed in ("c%p", "c_op", "%oop", "b_is", "_"):
        assert employers.rows(any_db, search=typed) == [], typed
    # Punctuation separates words: « 100% » is the word 100, found as a prefix.
    found = {r.cells[0] for r in employers.rows(any_db, search="100%")}
    assert found == {"Coop 100% locale", "Coop 1000 locale"}


def test_imported_text_is_stored_as_typed_never_run(db, tmp_path):
    hostile = "Robert'); DROP TABLE youths; --"
    path = tmp_path / "../jeunes'%_.csv".replace("../", "")
    path.write_text(
        "Nom;Prénom;Date de naissance;Commune\n"
        f'"{hostile}";Léa;14/03/2003;../../etc\n'
        "100%_Sûr;Noé;02/11/2001;Grenoble\n",
        encoding="utf-8",
    )
    result = import_file(db, "youths", path)
    assert result.created == 2
    with db.session() as s:
        stored = dict(s.execute(select(m.Youth.last_name, m.Youth.commune)).all())
    assert stored == {hostile: "../../etc", "100%_Sûr": "Grenoble"}
    assert [r.cells[0] for r in LISTINGS["youths"].rows(db, search="robert')")] == [hostile]

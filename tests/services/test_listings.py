"""Lists of each area: searches ignore case and accents, on SQLite and PostgreSQL; paging is stable."""

from __future__ import annotations

from datetime import date

from essdesk.db import models as m
from essdesk.services.listings import LISTINGS


def _youths(db, names):
    with db.transaction() as session:
        for k, (last, first) in enumerate(names):
            session.add(m.Youth(last_name=last, first_name=first, birth_date=date(2004, 1, 1 + k)))


def test_search_ignores_case_and_accents(any_db):
    _youths(
        any_db, [("Émilie", "Zoé"), ("Lefèvre", "Noël"), ("Martin", "Léa"), ("Martinez", "Ana")]
    )
    youths = LISTINGS["youths"]
    assert [r.cells[0] for r in youths.rows(any_db, search="emilie")] == ["Émilie"]
    assert [r.cells[0] for r in youths.rows(any_db, search="ÉMILIE")] == ["Émilie"]
    assert [r.cells[0] for r in youths.rows(any_db, search="lefevre noel")] == ["Lefèvre"]
    assert youths.count(any_db, "martin") == 2
    assert youths.count(any_db, "martin léa") == 1


def test_user_wildcards_are_taken_literally(any_db):
    _youths(any_db, [("Dupont", "Jean"), ("Du_pont", "Marc")])
    youths = LISTINGS["youths"]
    assert youths.count(any_db, "%") == 0
    assert youths.count(any_db, "d%t") == 0  # as a LIKE pattern it would find Dupont
    assert youths.count(any_db, "_upont") == 0  # the underscore is not "any letter" either


def test_pages_neither_repeat_nor_miss_rows_when_values_tie(any_db):
    _youths(any_db, [("Martin", f"Prénom{k:02d}") for k in range(25)])
    youths = LISTINGS["youths"]
    seen = []
    for offset in range(0, 25, 7):
        seen += [r.id for r in youths.rows(any_db, sort_column=0, offset=offset, limit=7)]
    assert len(seen) == 25 and len(set(seen)) == 25


def test_search_beyond_french_accents_and_ligatures(any_db):
    _youths(any_db, [("Nguyễn", "Thảo"), ("Restos du Cœur", "Bénévole"), ("Ștefănescu", "Ana")])
    youths = LISTINGS["youths"]
    for typed, found in (
        ("Nguyễn", "Nguyễn"),
        ("nguyen", "Nguyễn"),
        ("cœur", "Restos du Cœur"),
        ("coeur", "Restos du Cœur"),
        ("stefanescu", "Ștefănescu"),
    ):
        assert [r.cells[0] for r in youths.rows(any_db, search=typed)] == [found], typed


def test_lists_sort_the_french_way_and_name_their_search_fields(any_db):
    _youths(any_db, [("Lucas", "Paul"), ("Léger", "Anne"), ("Édith", "Zoé"), ("Eymard", "Marc")])
    youths = LISTINGS["youths"]
    assert [r.cells[0] for r in youths.rows(any_db)] == ["Édith", "Eymard", "Léger", "Lucas"]
    assert [r.cells[0] for r in youths.rows(any_db, descending=True)] == [
        "Lucas",
        "Léger",
        "Eymard",
        "Édith",
    ]
    assert youths.search_hint == "Rechercher un jeune : nom, prénom, e-mail ou téléphone…"

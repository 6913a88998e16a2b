"""Search: folded prefixes through an index on both engines, French order, keyset pages, global."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from essdesk.db import models as m
from essdesk.domain.access import actor_for
from essdesk.services import records
from essdesk.services import search as s
from tests.services.desk import helpers as h


def _names(page):
    return [f"{y.first_name} {y.last_name}" for y in page.rows]


def test_typed_prefixes_find_folded_names_email_and_phone(any_db):
    db = any_db
    helene = h.youth(db, email="H.Durand@Exemple.fr", phone="06 12 34 56 78")
    h.youth(db, "Hélio", "Dupont", birth=dt.date(2003, 1, 2))
    h.youth(db, "Jean-Pierre", "Œuvray", birth=dt.date(2003, 1, 3))
    assert _names(s.search(db, "youth", "helene dur")) == ["Hélène Durand"]
    assert _names(s.search(db, "youth", "DUR hél")) == ["Hélène Durand"]
    assert _names(s.search(db, "youth", "hel")) == ["Hélio Dupont", "Hélène Durand"]
    assert _names(s.search(db, "youth", "jean-pierre")) == ["Jean-Pierre Œuvray"]
    assert _names(s.search(db, "youth", "oeuv")) == ["Jean-Pierre Œuvray"]
    assert [y.id for y in s.search(db, "youth", "h.durand@exemple").rows] == [helene]
    assert [y.id for y in s.search(db, "youth", "06 12 34").rows] == [helene]
    assert [y.id for y in s.search(db, "youth", "+33 6 12 34 56 78").rows] == [helene]
    assert s.search(db, "youth", "helene dupont").rows == []


def test_terms_follow_every_save_and_delete(any_db):
    db = any_db
    youth = h.youth(db)
    with db.session() as session:
        version = session.get(m.Youth, youth).version
    records.update_record(db, m.Youth, youth, version, last_name="Lefèvre")
    assert _names(s.search(db, "youth", "lefev")) == ["Hélène Lefèvre"]
    assert s.search(db, "youth", "durand").rows == []
    with db.transaction() as session:
        session.delete(session.get(m.Youth, youth))
    with db.session() as session:
        assert (
            session.scalars(select(m.SearchTerm).where(m.SearchTerm.record_id == youth)).all() == []
        )


def test_french_sort_order_on_both_engines(any_db):
    db = any_db
    for i, (first, last) in enumerate(
        [
            ("Lucas", "Lucas"),
            ("Anne", "Léger"),
            ("Zoé", "Édith"),
            ("Marc", "Eymard"),
            ("Ana", "ebert"),
        ]
    ):
        h.youth(db, first, last, birth=dt.date(2001, 1, i + 1))
    page = s.search(db, "youth", "")
    assert [y.last_name for y in page.rows] == ["ebert", "Édith", "Eymard", "Léger", "Lucas"]


def test_keyset_pages_walk_the_whole_list_without_offset(any_db):
    db = any_db
    for i in range(7):
        h.youth(db, "Léa", f"Martin{i}", birth=dt.date(2002, 1, i + 1))
    seen, cursor = [], None
    while True:
        page = s.search(db, "youth", "martin", after=cursor, limit=3)
        seen.extend(y.last_name for y in page.rows)
        if page.next is None:
            break
        cursor = page.next
    assert seen == [f"Martin{i}" for i in range(7)]


def test_global_search_groups_by_kind(any_db):
    db = any_db
    employer = h.employer(db, "Durance Services SCIC", siret="73282932000074")
    with db.transaction() as session:
        session.add(m.Contact(employer_id=employer, first_name="Paul", last_name="Durandeau"))
    h.youth(db)
    h.offer(db, employer, title="Aide à domicile Durance")
    groups = s.global_search(db, "dur")
    assert [g.title for g in groups] == ["Jeunes", "Employeurs", "Contacts", "Offres"]
    youth_hit = groups[0].hits[0]
    assert (
        youth_hit.title == "DURAND Hélène" and youth_hit.detail == "né(e) le 12/05/2004 — Grenoble"
    )
    assert groups[1].hits[0].detail == "Mens — SIRET 73282932000074"
    assert groups[2].hits[0].detail == "Durance Services SCIC"
    assert [g.kind for g in s.global_search(db, "7328293")] == ["employer"]
    # Reception reads employers and offers, not the young people's files: no youth is found.
    db.actor = actor_for("accueil", "Alex Accueil", "reception")
    assert [g.title for g in s.global_search(db, "dur")] == ["Employeurs", "Contacts", "Offres"]


def _plan(db, statement) -> str:
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.engine.connect() as connection:
        if db.is_sqlite:
            rows = connection.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
            return "\n".join(str(r[-1]) for r in rows)
        # A near-empty table is cheaper to read whole; forbidding that shows the index is usable.
        connection.execute(text("SET enable_seqscan = off"))
        return "\n".join(r[0] for r in connection.execute(text(f"EXPLAIN {compiled}")))


def test_search_goes_through_an_index_on_both_engines(any_db):
    db = any_db
    h.youth(db)
    statement = s.keyset(
        select(m.Youth.id).where(s.search_condition("youth", "helene dur")), m.Youth, None, 50
    )
    plan = _plan(db, statement)
    print(plan)
    if db.is_sqlite:
        assert "SEARCH search_terms USING COVERING INDEX" in plan
        assert "(kind=? AND term>? AND term<?)" in plan
        assert "SEARCH youths USING INDEX" in plan and "SCAN" not in plan
    else:
        assert "pk_search_terms" in plan and "Seq Scan" not in plan


def test_imported_rows_are_searchable_and_sorted(db):
    from pathlib import Path

    from essdesk.services.imports import import_file

    data = Path(__file__).resolve().parents[2] / "data" / "imports" / "jeunes_excel.csv"
    created = import_file(db, "youths", data, skip_invalid=True).created
    assert created >= 2
    assert [y.first_name for y in s.search(db, "youth", "lena mart").rows] == ["Léna"]
    assert [y.last_name for y in s.search(db, "youth", "06 98 76").rows] == ["Bouzid"]
    page = s.search(db, "youth", "")
    assert all(y.sort_key for y in page.rows)
    assert [y.sort_key for y in page.rows] == sorted(y.sort_key for y in page.rows)

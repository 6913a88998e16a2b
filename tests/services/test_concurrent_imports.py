"""Two imports at once (two PCs, one office server): natural keys hold, nothing is doubled."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.db.database import ConflictError, open_database
from essdesk.services.imports import import_file

SIRET = "85678901100033"
ROWS = 1500


def _both_at_once(url: str, jobs) -> list:
    """Run each (entity, file) import in its own thread and connection, started together."""
    start = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(index: int, entity: str, path) -> None:
        db = open_database(url, daily_backup=False)
        try:
            start.wait()
            results[index] = import_file(db, entity, path)
        except Exception as error:  # noqa: BLE001 - the assertions show it
            results[index] = error
        finally:
            db.close()

    threads = [
        threading.Thread(target=run, args=(i, entity, path))
        for i, (entity, path) in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _count(url: str, model) -> int:
    db = open_database(url, daily_backup=False)
    try:
        with db.session() as session:
            return session.scalar(select(func.count()).select_from(model))
    finally:
        db.close()


@pytest.mark.postgres
def test_same_contacts_file_imported_twice_at_once(pg_url, tmp_path):
    db = open_database(pg_url)
    with db.transaction() as session:
        session.add(m.Employer(name="Régie de quartier Teisseire", siret=SIRET))
    db.close()
    contacts = tmp_path / "contacts.csv"
    lines = ["SIRET;Nom;Prénom;Fonction"]
    lines += [f"{SIRET};Durand{i};Anne;Chargée de recrutement" for i in range(ROWS)]
    contacts.write_text("\n".join(lines) + "\n", encoding="utf-8")

    results = _both_at_once(pg_url, [("contacts", contacts), ("contacts", contacts)])

    assert all(not isinstance(r, Exception) for r in results), results
    assert sorted(r.created for r in results) == [0, ROWS]
    assert sorted(r.skipped for r in results) == [0, ROWS]
    assert _count(pg_url, m.Contact) == ROWS


@pytest.mark.postgres
def test_youths_spelled_differently_imported_at_once(pg_url, tmp_path):
    open_database(pg_url).close()
    header = "Nom;Prénom;Date de naissance"
    first = tmp_path / "antenne-nord.csv"
    second = tmp_path / "antenne-sud.csv"
    first.write_text(
        "\n".join([header, *(f"Lefèvre{i};Émilie;14/03/2003" for i in range(ROWS))]) + "\n",
        encoding="utf-8",
    )
    second.write_text(
        "\n".join([header, *(f"LEFEVRE{i};EMILIE;14/03/2003" for i in range(ROWS))]) + "\n",
        encoding="utf-8",
    )

    results = _both_at_once(pg_url, [("youths", first), ("youths", second)])

    assert all(not isinstance(r, Exception) for r in results), results
    assert sum(r.created for r in results) == ROWS
    assert _count(pg_url, m.Youth) == ROWS


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_the_database_itself_refuses_a_folded_duplicate(backend, request, tmp_path):
    target = (
        str(tmp_path / "b.sqlite3") if backend == "sqlite" else request.getfixturevalue("pg_url")
    )
    db = open_database(target)
    try:
        with db.transaction() as session:
            session.add(
                m.Youth(last_name="Lefèvre", first_name="Émilie", birth_date=date(2003, 3, 14))
            )
        # Written past the import's own matching (another tool, a future bug): still refused.
        with pytest.raises(ConflictError), db.transaction() as session:
            session.add(
                m.Youth(last_name="LEFEVRE", first_name="EMILIE", birth_date=date(2003, 3, 14))
            )
        with pytest.raises(ConflictError), db.transaction() as session:
            employer = m.Employer(name="Coopérative L'Épicerie")
            session.add(employer)
            session.flush()
            session.add(m.Offer(employer_id=employer.id, title="Vendeur·se"))
            session.flush()
            session.add(m.Offer(employer_id=employer.id, title="vendeur se"))
    finally:
        db.close()

"""Duplicates: flagged on creation and import, merged with every link moved and logged."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.domain.duplicates import same_person, similar_employers
from essdesk.services import duplicates, merge, positionings, search
from essdesk.services import interactions as log
from tests.services.desk import helpers as h

BIRTH = dt.date(2004, 5, 12)


@pytest.mark.parametrize(
    "other",
    [
        ("helene", "DURAND"),
        ("Durand", "Hélène"),  # first and last name swapped
        ("HÉLÈNE", " durand "),
        ("Hélène", "de Durand"),
    ],
)
def test_same_person_ignores_accents_case_hyphens_particles_and_swaps(other):
    assert same_person(("Hélène", "Durand", BIRTH), (*other, BIRTH))


def test_different_people_are_not_duplicates():
    assert not same_person(("Hélène", "Durand", BIRTH), ("Hélène", "Durand", dt.date(2004, 5, 13)))
    assert not same_person(("Hélène", "Durand", BIRTH), ("Hélène", "Dupont", BIRTH))
    assert same_person(("Jean Pierre", "Martin", BIRTH), ("Jean-Pierre", "Martin", BIRTH))
    assert same_person(("Anne", "De La Fontaine", BIRTH), ("Anne", "Lafontaine", BIRTH))


def test_employer_names_nearly_identical():
    assert similar_employers("Ressourcerie du Trièves", "RESSOURCERIE TRIEVES (asso)")
    assert similar_employers("Les Jardins de Cocagne", "Jardin de Cocagne")
    assert not similar_employers("Les Jardins de Cocagne", "Les Ateliers du Trièves")


def test_flagged_at_creation_and_import(any_db):
    db = any_db
    helene = h.youth(db)
    found = duplicates.youth_duplicates(db, "DURAND", "helene", BIRTH)
    assert [d.id for d in found] == [helene]
    assert found[0].text == (
        "Doublon probable : Hélène Durand, né(e) le 12/05/2004 (même date de naissance, même nom)."
    )
    assert duplicates.youth_duplicates(db, "Hélène", "Durand", BIRTH, exclude=helene) == []
    shop = h.employer(db, siret="73282932000074")
    other = duplicates.employer_duplicates(db, "Ressourcerie Trièves SCIC", commune="MENS")
    assert [d.reason for d in other] == ["nom presque identique à Mens"]
    by_siret = duplicates.employer_duplicates(db, "Autre nom", siret="73282932000074")
    assert [(d.id, d.reason) for d in by_siret] == [(shop, "même SIRET 73282932000074")]
    flags = duplicates.flag_import_rows(
        db,
        "youths",
        [
            (2, {"first_name": "Helene", "last_name": "Durand", "birth_date": BIRTH}),
            (3, {"first_name": "Lucas", "last_name": "Léger", "birth_date": BIRTH}),
        ],
    )
    assert list(flags) == [2] and flags[2][0].startswith("Doublon probable : Hélène Durand")


def _session_of(session):
    event = m.Event(title="Semaine de l'ESS", start_date=dt.date(2025, 11, 17))
    event.sessions.append(
        m.EventSession(title="Atelier CV", starts_at=dt.datetime(2025, 11, 17, 9, 30))
    )
    session.add(event)
    session.flush()
    return event.sessions[0].id


def _speed_meeting(session):
    meeting = m.SpeedMeeting(title="Job dating")
    session.add(meeting)
    session.flush()
    return meeting.id


# Every column that refers to a young person, and how to make a row of it. A table added later
# that refers to youths fails the first assertion until it is listed here and shown to move.
YOUTH_LINKS = {
    "applications.youth_id": lambda s, y, c: m.Application(
        youth_id=y, offer_id=c["offers"][0], proposed_on=dt.date.today()
    ),
    "attendances.youth_id": lambda s, y, c: m.Attendance(session_id=_session_of(s), youth_id=y),
    "follow_ups.youth_id": lambda s, y, c: m.FollowUp(youth_id=y, on=dt.date(2025, 2, 3)),
    "interactions.youth_id": lambda s, y, c: m.Interaction(
        youth_id=y, kind="call", occurred_at=dt.datetime(2025, 2, 3, 10, tzinfo=dt.UTC)
    ),
    "placements.youth_id": lambda s, y, c: m.Placement(
        youth_id=y,
        employer_id=c["employer"],
        job_title="Valoriste",
        contract_type="CDD",
        start_date=dt.date(2024, 1, 8),
        status="ended",
    ),
    "trainings.youth_id": lambda s, y, c: m.Training(
        youth_id=y, title="Titre professionnel Agent de propreté"
    ),
    "speed_meeting_candidates.youth_id": lambda s, y, c: m.SpeedMeetingCandidate(
        speed_meeting_id=_speed_meeting(s), youth_id=y, name="Hélène D."
    ),
    "mentorships.youth_id": lambda s, y, c: m.Mentorship(
        youth_id=y, volunteer_name="Jean Parrain", start_date=dt.date(2024, 3, 1)
    ),
    "youth_situations.youth_id": lambda s, y, c: m.YouthSituation(
        youth_id=y, kind="jobseeker", start_date=dt.date(2024, 9, 1)
    ),
}


def _count_links(db, youth_id) -> dict[str, int]:
    counts = {}
    with db.session() as session:
        for column in merge.links_to(m.Youth.__table__):
            counts[f"{column.table.name}.{column.name}"] = session.scalar(
                select(func.count()).where(column == youth_id)
            )
    return counts


def test_merge_moves_every_link_and_logs_it(any_db):
    db = any_db
    links = {f"{c.table.name}.{c.name}" for c in merge.links_to(m.Youth.__table__)}
    assert links == set(YOUTH_LINKS), "a table refers to youths: list it in YOUTH_LINKS"
    employer = h.employer(db)
    offers = [h.offer(db, employer, title=t) for t in ("Valoriste", "Vendeur")]
    keep = h.youth(db, phone="06 12 34 56 78")
    twin = h.youth(db, "Durand", "helene", email="helene.d@exemple.fr")
    context = {"employer": employer, "offers": offers}
    with db.transaction() as session:
        for make in YOUTH_LINKS.values():
            session.add(make(session, twin, context))
    positionings.propose_youths(db, offers[0], [keep])  # both on the same offer: one is kept
    positionings.propose_youths(db, offers[1], [twin])
    log.log_interaction(db, "call", youth_id=twin)
    before = _count_links(db, twin)
    assert all(before.values())

    done = merge.merge_youths(db, keep, twin, counsellor_id=h.counsellor(db))

    assert all(count == 0 for count in _count_links(db, twin).values())
    after = _count_links(db, keep)
    assert after["applications.youth_id"] == 2  # the twin application was folded into the kept one
    assert done.moved["applications (en double, réunies)"] == 1
    for name in links - {"applications.youth_id"}:
        assert after[name] >= before[name], name
    with db.session() as session:
        assert session.get(m.Youth, twin) is None
        kept = session.get(m.Youth, keep)
        assert kept.email == "helene.d@exemple.fr" and kept.phone == "06 12 34 56 78"
        record = session.scalars(select(m.MergeRecord)).one()
        assert record.merged_id == twin and record.kept_id == keep
        assert record.merged_label == "Durand helene (né(e) le 12/05/2004)"
        assert record.moved["interactions.youth_id"] == 2
    assert [y.id for y in search.search(db, "youth", "helene.d@exemple").rows] == [keep]


def test_both_open_placements_require_a_choice_and_write_nothing_until_given(any_db):
    db = any_db
    employer = h.employer(db)
    # The base itself refuses « HELENE DURAND » beside « Hélène Durand » (natural key); names
    # swapped get in, and are the duplicate to merge.
    keep, twin = h.youth(db), h.youth(db, "Durand", "Hélène", birth=BIRTH, email="x@y.fr")
    with db.transaction() as session:
        placements = [
            m.Placement(
                youth_id=y,
                employer_id=employer,
                job_title=t,
                contract_type="CDD",
                start_date=dt.date(2025, 9, 1),
            )
            for y, t in ((keep, "Valoriste"), (twin, "Vendeur"))
        ]
        session.add_all(placements)
    with pytest.raises(merge.MergeNeedsChoice) as asked:
        merge.merge_youths(db, keep, twin)
    assert "choisissez celui à garder ouvert" in str(asked.value)
    assert {label for _id, label in asked.value.placements} == {
        "Valoriste chez Ressourcerie du Trièves",
        "Vendeur chez Ressourcerie du Trièves",
    }
    with db.session() as session:
        assert session.get(m.Youth, twin) is not None
        assert session.scalar(select(func.count()).select_from(m.MergeRecord)) == 0
    done = merge.merge_youths(db, keep, twin, keep_placement_id=placements[1].id)
    assert done.closed_placements == [placements[0].id]
    with db.session() as session:
        rows = session.scalars(select(m.Placement).order_by(m.Placement.job_title)).all()
        assert [(p.job_title, p.status, p.youth_id) for p in rows] == [
            ("Valoriste", "cancelled", keep),
            ("Vendeur", "active", keep),
        ]


def test_merge_employers_moves_contacts_offers_and_siret(any_db):
    db = any_db
    keep = h.employer(db)
    twin = h.employer(db, "RESSOURCERIE TRIEVES", siret="73282932000074")
    with db.transaction() as session:
        session.add(m.Contact(employer_id=twin, last_name="Roux"))
    offer = h.offer(db, twin)
    links = {f"{c.table.name}.{c.name}" for c in merge.links_to(m.Employer.__table__)}
    assert "contacts.employer_id" in links and "offers.employer_id" in links
    done = merge.merge_employers(db, keep, twin)
    assert done.moved == {"contacts.employer_id": 1, "offers.employer_id": 1}
    with db.session() as session:
        assert session.get(m.Offer, offer).employer_id == keep
        assert session.get(m.Employer, keep).siret == "73282932000074"
    assert [e.id for e in search.search(db, "employer", "7328").rows] == [keep]


def test_a_merge_needs_the_right_to_change_the_records(db):
    from essdesk.domain.access import actor_for
    from essdesk.services.access import AccessDenied

    keep, twin = h.youth(db), h.youth(db, "Durand", "Hélène", birth=BIRTH)
    db.actor = actor_for("accueil", "Alex Accueil", "reception")
    with pytest.raises(AccessDenied):
        merge.merge_youths(db, keep, twin)
    with db.session() as session:
        assert session.get(m.Youth, twin) is not None

"""Positionings: proposals both ways, moves with history, hire makes the others obsolete."""

from __future__ import annotations

import datetime as dt

import pytest

from essdesk.db import models as m
from essdesk.domain.positionings import TransitionRefused
from essdesk.errors import EssDeskError
from essdesk.services import positionings as p
from tests.services.desk import helpers as h


@pytest.fixture
def desk(any_db):
    db = any_db
    employer = h.employer(db)
    offers = [h.offer(db, employer, title=t) for t in ("Agent d'entretien", "Valoriste", "Vendeur")]
    youth = h.youth(db)
    return db, youth, offers, h.counsellor(db)


def test_propose_from_offer_and_from_youth(desk):
    db, youth, offers, counsellor = desk
    other = h.youth(db, "Lucas", "Léger")
    done = p.propose_youths(db, offers[0], [youth, other], counsellor_id=counsellor)
    assert len(done.created) == 2 and done.already == []
    again = p.propose_offers(db, youth, offers, counsellor_id=counsellor)
    assert len(again.created) == 2
    assert again.already == ["Hélène Durand sur « Agent d'entretien »"]
    assert {r.youth for r in p.of_offer(db, offers[0])} == {"Hélène Durand", "Lucas Léger"}
    assert {r.status_label for r in p.of_youth(db, youth)} == {"Nouvelle"}


def test_hire_makes_other_pending_positionings_obsolete(desk):
    db, youth, offers, counsellor = desk
    created = p.propose_offers(db, youth, offers, counsellor_id=counsellor).created
    p.move(db, created[2], "refused", reason="not_interested", counsellor_id=counsellor)
    p.move(db, created[1], "processing", counsellor_id=counsellor)
    moved = p.move(db, created[0], "accepted", counsellor_id=counsellor, comment="CDD 6 mois")
    assert moved.propose_placement
    assert moved.obsoleted == [created[1]]  # the refused one is not pending: left as it is
    states = {r.id: r.status for r in p.of_youth(db, youth)}
    assert states == {created[0]: "accepted", created[1]: "obsolete", created[2]: "refused"}
    steps = p.history(db, created[1])
    assert [s.status for s in steps] == ["new", "processing", "obsolete"]
    assert steps[-1].from_status == "processing"
    assert steps[-1].note == "Embauché(e) sur une autre offre : « Agent d'entretien »"
    assert steps[-1].counsellor == "Claire Martin"
    hire = p.history(db, created[0])[-1]
    assert "Embauchée" in hire.text and "CDD 6 mois" in hire.text


def test_refused_can_still_be_accepted(desk):
    db, youth, offers, _ = desk
    (created,) = p.propose_youths(db, offers[0], [youth]).created
    p.move(db, created, "refused", reason="other", comment="Recrutement gelé")
    p.move(db, created, "accepted")
    assert [s.status for s in p.history(db, created)] == ["new", "refused", "accepted"]
    with db.session() as session:
        assert session.get(m.Application, created).refusal_reason is None


def test_impossible_moves_are_refused_with_reason_and_write_nothing(desk):
    db, youth, offers, _ = desk
    (created,) = p.propose_youths(db, offers[0], [youth]).created
    p.move(db, created, "accepted")
    with pytest.raises(
        TransitionRefused, match="Impossible de passer de « Embauchée » à « Vivier »"
    ):
        p.move(db, created, "pool")
    with pytest.raises(TransitionRefused, match="ne se choisit pas"):
        p.move(db, created, "obsolete")
    (second,) = p.propose_youths(db, offers[1], [h.youth(db, "Lucas", "Léger")]).created
    with pytest.raises(TransitionRefused, match="motif choisi dans la liste"):
        p.move(db, second, "refused")
    with pytest.raises(TransitionRefused, match="précisez-le"):
        p.move(db, second, "refused", reason="other")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(TransitionRefused, match="dans le futur"):
        p.move(db, second, "processing", on=tomorrow)
    assert [s.status for s in p.history(db, second)] == ["new"]


def test_closed_offer_takes_no_positioning(desk):
    db, youth, offers, _ = desk
    with db.transaction() as session:
        session.get(m.Offer, offers[0]).status = "filled"
    with pytest.raises(EssDeskError, match="n'est pas ouverte"):
        p.propose_youths(db, offers[0], [youth])
    assert p.of_offer(db, offers[0]) == []


def test_positionings_and_offers_without_news_for_60_days(desk):
    db, youth, offers, _ = desk
    long_ago = dt.date.today() - dt.timedelta(days=61)
    (old,) = p.propose_youths(db, offers[0], [youth], on=long_ago).created
    (recent,) = p.propose_youths(db, offers[1], [youth]).created
    with db.transaction() as session:
        session.get(m.Offer, offers[2]).last_news_on = long_ago
    flagged = p.without_news(db)
    assert [r.id for r in flagged] == [old] and flagged[0].without_news
    assert not next(r for r in p.of_youth(db, youth) if r.id == recent).without_news
    assert [o.title for o in p.offers_without_news(db)] == ["Vendeur"]
    p.move(db, old, "processing")  # news: no longer flagged
    assert p.without_news(db) == []


def test_creating_or_editing_an_offer_is_news(any_db):
    from essdesk.services import records

    db = any_db
    employer = h.employer(db)
    long_ago = dt.date.today() - dt.timedelta(days=90)
    with db.transaction() as session:
        offer = m.Offer(employer_id=employer, title="Jardinier", publication_date=long_ago)
        session.add(offer)
    assert [o.title for o in p.offers_without_news(db)] == ["Jardinier"]
    with db.session() as session:
        version = session.get(m.Offer, offer.id).version
    records.update_record(db, m.Offer, offer.id, version, positions=2)
    assert p.offers_without_news(db) == []
    with db.session() as session:
        assert session.get(m.Offer, offer.id).last_news_on == dt.date.today()

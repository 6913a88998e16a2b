"""A young person's file beyond identity: dated situations, completeness, the list's filters."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, false, or_, select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.db.models.keys import youth_key
from essdesk.db.models.sensitive import shown as as_seen
from essdesk.domain.entities import EntityKind
from essdesk.domain.french import format_date
from essdesk.domain.youth_file import (
    SITUATION_KINDS,
    Missing,
    YouthProfile,
    check_situation,
    missing_information,
)
from essdesk.errors import EssDeskError
from essdesk.services import access, sensitive
from essdesk.services.counsellors import InvalidFields
from essdesk.services.records import VALIDATORS, LoadedRecord, create_record, save_record


@dataclass(frozen=True)
class Situation:
    id: uuid.UUID
    kind: str
    start_date: dt.date
    end_date: dt.date | None
    note: str | None

    @property
    def text(self) -> str:
        span = f"depuis le {format_date(self.start_date)}"
        if self.end_date:
            span = f"du {format_date(self.start_date)} au {format_date(self.end_date)}"
        return f"{SITUATION_KINDS[self.kind]} {span}"


def add_situation(
    db: Database,
    youth_id: uuid.UUID,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    note: str | None = None,
) -> uuid.UUID:
    """Record a dated situation; the open one before it ends the day before it starts."""
    problems = check_situation(kind, start_date, end_date, dt.date.today())
    if problems:
        raise InvalidFields(dict(problems))
    access.require_write(db, "youth_situations", youth_id)
    with db.transaction() as session:
        if session.get(m.Youth, youth_id) is None:
            raise EssDeskError("Cette fiche de jeune n'existe plus.")
        still_open = session.scalars(
            select(m.YouthSituation).where(
                m.YouthSituation.youth_id == youth_id,
                m.YouthSituation.end_date.is_(None),
                m.YouthSituation.start_date < start_date,
            )
        ).all()
        for previous in still_open:
            previous.end_date = start_date - dt.timedelta(days=1)
        situation = m.YouthSituation(
            youth_id=youth_id, kind=kind, start_date=start_date, end_date=end_date, note=note
        )
        session.add(situation)
    return situation.id


def situations(db: Database, youth_id: uuid.UUID) -> list[Situation]:
    """The history, newest first."""
    with db.session() as session:
        rows = session.scalars(
            select(m.YouthSituation)
            .where(m.YouthSituation.youth_id == youth_id)
            .order_by(m.YouthSituation.start_date.desc())
        )
        return [Situation(s.id, s.kind, s.start_date, s.end_date, s.note) for s in rows]


def profile_of(youth: m.Youth, *, has_current_situation: bool = False) -> YouthProfile:
    return YouthProfile(
        id=youth.id,
        first_name=youth.first_name,
        last_name=youth.last_name,
        birth_date=youth.birth_date,
        postcode=youth.postcode,
        commune=youth.commune,
        latitude=youth.latitude,
        longitude=youth.longitude,
        qpv=youth.qpv,
        qpv_list_version=youth.qpv_list_version,
        rural_zone=youth.rural_zone,
        rqth=youth.rqth,
        level_new=youth.qualification_level_new,
        level_old=youth.qualification_level_old,
        diploma_obtained=youth.diploma_obtained,
        job_search_start=youth.job_search_start,
        gender=youth.gender,
        email=youth.email,
        phone=youth.phone,
        referent_id=youth.referent_id,
        consent_date=youth.consent_date,
        status=youth.status,
        wished_rome=youth.wished_rome,
        wished_contract_type=youth.wished_contract_type,
        wished_weekly_hours=youth.wished_weekly_hours,
        mobility_km=youth.mobility_km,
        available_from=youth.available_from,
        has_current_situation=has_current_situation,
    )


def completeness(db: Database, youth_id: uuid.UUID) -> list[Missing]:
    """What the file lacks for eligibility and for the reports (empty: complete)."""
    today = dt.date.today()
    with db.session() as session:
        youth = session.get(m.Youth, youth_id)
        if youth is None:
            raise EssDeskError("Cette fiche de jeune n'existe plus.")
        current = session.scalar(
            select(
                exists().where(
                    m.YouthSituation.youth_id == youth_id,
                    m.YouthSituation.start_date <= today,
                    or_(m.YouthSituation.end_date.is_(None), m.YouthSituation.end_date >= today),
                )
            )
        )
        return missing_information(profile_of(youth, has_current_situation=bool(current)))


@dataclass(frozen=True)
class YouthFilters:
    """The filters counsellors use on the list of young people (None: not filtered)."""

    referent_id: uuid.UUID | None = None
    status: str | None = None  # active / in_job / in_training / exited
    commune: str | None = None
    qpv: bool | None = None
    rural_zone: bool | None = None
    rqth: bool | None = None
    age_min: int | None = None
    age_max: int | None = None
    level_new: int | None = None
    no_contact_for_days: int | None = None
    scheme_code: str | None = None  # a hire under that scheme

    def conditions_for(self, db: Database) -> list[ColumnElement[bool]]:
        """The conditions for the current user: filtering on RQTH needs the right to see it
        (a list narrowed to « RQTH : oui » would tell what the hidden column hides)."""
        if self.rqth is None:
            return self.conditions()
        access.require(db, "youth.sensitive", "youths")
        rights = sensitive.current(db)
        if rights.sees_all:
            return self.conditions()
        # « Followed only »: the filter finds among one's own young people (as the server's
        # gate does on PostgreSQL, where the others' RQTH is unknown).
        mine = rights.actor.counsellor_id
        return [*self.conditions(), m.Youth.referent_id == mine if mine else false()]

    def conditions(self, today: dt.date | None = None) -> list[ColumnElement[bool]]:
        """SQL conditions on youths, each served by an index or cheap on the filtered rows."""
        today = today or dt.date.today()
        y, found = m.Youth, []
        for column, value in (
            (y.referent_id, self.referent_id),
            (y.status, self.status),
            (y.commune, self.commune),
            (y.qpv, self.qpv),
            (y.rural_zone, self.rural_zone),
            (as_seen(y.rqth), self.rqth),
            (y.qualification_level_new, self.level_new),
        ):
            if value is not None:
                found.append(column == value)
        # Age bands become birth-date ranges (the birth_date index serves them).
        if self.age_min is not None:
            found.append(y.birth_date <= _years_before(today, self.age_min))
        if self.age_max is not None:
            found.append(y.birth_date > _years_before(today, self.age_max + 1))
        if self.no_contact_for_days is not None:
            since = dt.datetime.combine(
                today - dt.timedelta(days=self.no_contact_for_days), dt.time(), dt.UTC
            )
            found.append(or_(y.last_contact_at.is_(None), y.last_contact_at < since))
        if self.scheme_code is not None:
            found.append(
                exists().where(
                    and_(
                        m.Placement.youth_id == y.id,
                        m.Placement.scheme_id == m.Scheme.id,
                        m.Scheme.code == self.scheme_code,
                    )
                )
            )
        return found


REFERENT = "referent_id"  # the editor's referent picker sends the counsellor's id as text


def _referent(db: Database, texts: dict[str, str]) -> tuple[dict[str, str], dict]:
    """The catalogue's texts, and the referent link when the editor sent one."""
    texts = dict(texts)
    if REFERENT not in texts:
        return texts, {}
    raw = texts.pop(REFERENT).strip()
    if not raw:
        return texts, {"referent_id": None}
    counsellor_id = uuid.UUID(raw)
    with db.session() as session:
        if session.get(m.Counsellor, counsellor_id) is None:
            raise EssDeskError("Ce conseiller n'existe plus : choisissez un autre référent.")
    return texts, {"referent_id": counsellor_id}


def create_youth(db: Database, texts: dict[str, str]) -> LoadedRecord:
    """A new young person from the editor: the catalogue's fields and the referent."""
    texts, links = _referent(db, texts)
    return create_record(db, EntityKind.YOUTHS, texts, **links)


def save_youth(
    db: Database, youth_id: uuid.UUID, expected_version: int, texts: dict[str, str]
) -> LoadedRecord:
    texts, links = _referent(db, texts)
    return save_record(db, EntityKind.YOUTHS, youth_id, expected_version, texts, **links)


@dataclass(frozen=True)
class FilterChoices:
    """What the list's filter bar offers: referents, schemes, communes."""

    counsellors: list[tuple[uuid.UUID, str]]
    schemes: list[tuple[str, str]]  # code, name
    communes: list[str]
    sensitive: bool = False  # the user may see (and so filter on) the RQTH


def filter_choices(db: Database, communes: int = 500) -> FilterChoices:
    """Read for the filter bar; the communes come from the commune index, never a table scan."""
    from essdesk.services.counsellors import list_counsellors

    actor = access.require_read(db, "youths")
    people = [(c.id, c.name) for c in list_counsellors(db, include_inactive=True)]
    with db.session() as session:
        schemes = session.execute(select(m.Scheme.code, m.Scheme.name).order_by(m.Scheme.name))
        names = session.scalars(
            select(m.Youth.commune)
            .where(m.Youth.commune.is_not(None))
            .distinct()
            .order_by(m.Youth.commune)
            .limit(communes)
        )
        return FilterChoices(
            people,
            [(c, n) for c, n in schemes],
            [c for c in names if c],
            actor.may("youth.sensitive"),
        )


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _not_already_there(session, record_id: uuid.UUID | None, columns: dict) -> dict[str, str]:
    """The same name and birth date once folded: said beside the name, with whom it clashes
    (the base would refuse the row anyway, in words that do not say which record)."""
    birth = columns.get("birth_date")
    if not (birth and columns.get("last_name")):
        return {}
    key = youth_key(columns["last_name"], columns.get("first_name"), birth)
    other = session.execute(
        select(m.Youth.id, m.Youth.first_name, m.Youth.last_name).where(m.Youth.match_key == key)
    ).first()
    if other is None or other.id == record_id:
        return {}
    return {
        "last_name": f"Ce jeune est déjà enregistré : {other.first_name} {other.last_name}, "
        f"né(e) le {format_date(birth)} (cherchez-le avec Ctrl+K)"
    }


VALIDATORS.setdefault(EntityKind.YOUTHS, []).append(_not_already_there)

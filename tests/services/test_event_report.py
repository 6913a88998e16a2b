"""The event report's figures, checked against an ESS week whose attendance the test records itself."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy import select

from essdesk.db import models as m
from essdesk.errors import EssDeskError
from essdesk.reports import event_report_data as report_data
from essdesk.services.demo.dataset import fill_demo_data
from essdesk.services.event_report import (
    event_report_data,
    find_event,
    list_events,
)
from essdesk.services.speed_meetings.results import outcome_summary

DEMO_TODAY = date(2026, 11, 22)  # the demo's dates are relative to this day

OUTCOMES = ["interested", "second_interview", "hired", "none", "none", None]
SPEED_STATUS = {"present": "present", "no_show": "absent", "expected": "registered"}
WALK_IN = "Maëlys Étienne"


@dataclass
class Week:
    """What the test wrote, in plain lists, to count the expected figures from."""

    event_id: uuid.UUID
    # (session title, youth id or None, walk-in name or None, status)
    attendance: list[tuple[str, uuid.UUID | None, str | None, str]] = field(default_factory=list)
    # (recruiter name, candidate id, round, outcome, held)
    meetings: list[tuple[str, uuid.UUID, int, str | None, bool]] = field(default_factory=list)
    candidate_attendance: dict[uuid.UUID, str] = field(default_factory=dict)
    candidate_wishes: dict[uuid.UUID, set[str]] = field(default_factory=dict)
    absent_recruiter: str = ""
    late_recruiter: str = ""
    recruiter_tables: dict[str, int] = field(default_factory=dict)


def build_week(db, seed: int = 11) -> Week:
    """The demo ESS week, then presence taken, a walk-in, and a held speed meeting with outcomes."""
    fill_demo_data(db, youths=120, seed=seed, event_history=False, today=DEMO_TODAY)
    rng = random.Random(seed)
    with db.transaction() as s:
        event = s.scalars(select(m.Event)).one()
        week = Week(event.id)
        youths = list(s.scalars(select(m.Youth).order_by(m.Youth.last_name, m.Youth.first_name)))
        speed = s.scalars(select(m.SpeedMeeting)).one()
        speed_session = s.get(m.EventSession, speed.event_session_id)
        for session in event.sessions:
            if session.id == speed_session.id or session.audience == "staff":
                continue
            for youth in rng.sample(youths, rng.randint(15, 40)):
                status = rng.choice(["present", "present", "present", "absent", "registered"])
                s.add(m.Attendance(session_id=session.id, youth_id=youth.id, status=status))
                week.attendance.append((session.title, youth.id, None, status))
        forum = next(x for x in event.sessions if x.format == "forum")
        for name, status in ((WALK_IN, "present"), ("Kylian Roux", "present")):
            s.add(m.Attendance(session_id=forum.id, walk_in_name=name, status=status))
            week.attendance.append((forum.title, None, name, status))

        sheet = {
            a.youth_id: a
            for a in s.scalars(
                select(m.Attendance).where(m.Attendance.session_id == speed_session.id)
            )
        }
        for candidate in speed.candidates:
            candidate.attendance = rng.choice(["present"] * 6 + ["no_show", "expected"])
            sheet[candidate.youth_id].status = SPEED_STATUS[candidate.attendance]
            week.attendance.append(
                (speed_session.title, candidate.youth_id, None, SPEED_STATUS[candidate.attendance])
            )
        walk_in = m.SpeedMeetingCandidate(name=WALK_IN, walk_in=True, attendance="present")
        speed.candidates.append(walk_in)
        s.add(m.Attendance(session_id=speed_session.id, walk_in_name=WALK_IN, status="present"))
        week.attendance.append((speed_session.title, None, WALK_IN, "present"))
        s.flush()

        recruiters = list(speed.recruiters)
        recruiters[3].present = False
        recruiters[5].available_from = 3
        week.absent_recruiter, week.late_recruiter = recruiters[3].name, recruiters[5].name
        week.recruiter_tables = {r.name: r.tables for r in recruiters}
        names = {r.id: r.name for r in recruiters}
        for candidate in speed.candidates:
            week.candidate_attendance[candidate.id] = candidate.attendance
            week.candidate_wishes[candidate.id] = {names[w.recruiter_id] for w in candidate.wishes}
        met: set[tuple[uuid.UUID, uuid.UUID]] = set()
        for round_number in range(1, speed.rounds + 1):
            busy: set[uuid.UUID] = set()
            for recruiter in recruiters:
                if round_number < (recruiter.available_from or 1):
                    continue
                for table in range(1, recruiter.tables + 1):
                    free = [
                        c
                        for c in speed.candidates
                        if c.id not in busy and (c.id, recruiter.id) not in met
                    ]
                    wished = [c for c in free if recruiter.name in week.candidate_wishes[c.id]]
                    if not free or rng.random() < 0.1:
                        continue  # an empty seat now and then, as in a real room
                    candidate = rng.choice(wished or free)
                    busy.add(candidate.id)
                    met.add((candidate.id, recruiter.id))
                    held = recruiter.present and candidate.attendance != "no_show"
                    outcome = rng.choice(OUTCOMES) if held else None
                    speed.meetings.append(
                        m.SpeedMeetingMeeting(
                            round=round_number,
                            recruiter_id=recruiter.id,
                            candidate_id=candidate.id,
                            table=table,
                            outcome=outcome,
                        )
                    )
                    week.meetings.append(
                        (recruiter.name, candidate.id, round_number, outcome, held)
                    )
        speed.objective, speed.bound = 412.0, 430.0
    return week


@pytest.fixture
def week(db) -> Week:
    return build_week(db)


def test_events_are_listed_and_found_by_id_or_title(db, week):
    with db.transaction() as s:
        s.add(m.Event(title="Forum de l'alternance", start_date=date(2025, 3, 4), place="Voiron"))
    events = list_events(db)
    assert [e.title for e in events] == [
        "Semaine de l'ESS à la Mission locale",
        "Forum de l'alternance",
    ]
    assert events[0].sessions == 8 and events[1].sessions == 0
    with db.session() as s:
        week_event = s.get(m.Event, week.event_id)
        start, end = week_event.start_date, week_event.end_date
    assert events[0].label == (
        f"Semaine de l'ESS à la Mission locale (du {start:%d/%m/%Y} au {end:%d/%m/%Y})"
    )
    assert events[1].label == "Forum de l'alternance (04/03/2025)"
    assert find_event(db).id == week.event_id  # the latest
    assert find_event(db, str(week.event_id)).id == week.event_id
    assert find_event(db, "semaine de l'ess").id == week.event_id
    assert find_event(db, "ALTERNANCE").title == "Forum de l'alternance"
    with pytest.raises(EssDeskError, match="Aucun événement ne correspond à « Salon »"):
        find_event(db, "Salon")
    with pytest.raises(EssDeskError, match="Plusieurs événements correspondent à « de l »"):
        find_event(db, "de l")


def test_no_event_and_unknown_id_give_french_errors(db):
    with pytest.raises(EssDeskError, match="aucun événement"):
        find_event(db)
    with pytest.raises(EssDeskError, match="n'existe pas"):
        event_report_data(db, uuid.uuid4())
    with pytest.raises(EssDeskError, match="Identifiant d'événement invalide"):
        event_report_data(db, "semaine")


def test_sessions_figures_are_exact(db, week):
    data = event_report_data(db, week.event_id)
    assert (data.title, data.place, data.days) == (
        "Semaine de l'ESS à la Mission locale",
        "Mission locale de Grenoble",
        5,
    )
    assert (data.start_date, data.end_date) == (date(2026, 11, 16), date(2026, 11, 20))
    formats = [(s.format_label, s.audience) for s in data.sessions]
    assert formats == [
        ("Atelier", "Tout public"),
        ("Témoignage", "Tout public"),
        ("Atelier", "Tout public"),
        ("Atelier", "Jeunes en CEJ"),
        ("Speed meeting", "Tout public"),
        ("Visite", "Tout public"),
        ("Forum", "Tout public"),
        ("Atelier", "Équipe de la structure"),
    ]
    for figures in data.sessions:
        statuses = Counter(
            status for title, _, _, status in week.attendance if title == figures.title
        )
        assert figures.registered == sum(statuses.values()), figures.title
        assert (figures.present, figures.absent) == (statuses["present"], statuses["absent"])
        assert figures.not_recorded == statuses["registered"]
        assert figures.capacity == 60 and figures.room == "Salle polyvalente"
        assert figures.starts_at.date() >= data.start_date
    assert data.sessions[-1].registered == 0  # the staff training has no youth on its sheet
    assert data.present == sum(1 for *_, status in week.attendance if status == "present")
    assert data.registered == len(week.attendance)


def test_profile_counts_each_young_person_present_once(db, week):
    data = event_report_data(db, week.event_id)
    present_ids = {
        youth for _, youth, _, status in week.attendance if youth and status == "present"
    }
    with db.session() as s:
        youths = list(s.scalars(select(m.Youth).where(m.Youth.id.in_(present_ids))))
    profile = data.profile
    assert profile.basis == "present"
    assert profile.youths == len(present_ids) == len(youths)
    assert profile.walk_ins == 2  # Maëlys came to two sessions: one person
    assert profile.qpv == sum(y.qpv for y in youths)
    assert profile.rural_zone == sum(y.rural_zone for y in youths)
    assert profile.rqth == sum(y.rqth for y in youths)
    assert profile.qpv_share == pytest.approx(profile.qpv / len(youths))
    levels = Counter(y.qualification_level_new for y in youths)
    assert {b.label.split(" (")[0]: b.count for b in profile.by_level} == {
        f"Niveau {level}": n for level, n in levels.items()
    }
    assert sum(b.count for b in profile.by_commune) == len(youths)
    assert {b.label: b.count for b in profile.by_commune} == Counter(y.commune for y in youths)
    counts = [b.count for b in profile.by_commune]
    assert counts == sorted(counts, reverse=True)


def test_profile_uses_registrations_before_presence_is_taken(db):
    fill_demo_data(db, youths=120, seed=5, event_history=False, today=DEMO_TODAY)
    event = find_event(db)
    with db.session() as s:
        registered = set(s.scalars(select(m.Attendance.youth_id)))
    profile = event_report_data(db, event.id).profile
    assert profile.basis == "registered"
    assert profile.youths == len(registered) == 60
    assert profile.walk_ins == 0


def test_speed_meeting_figures_are_exact(db, week):
    (speed,) = event_report_data(db, week.event_id).speed_meetings
    assert speed.session_title == "Speed meeting des recruteurs de l'ESS"
    assert len(speed.recruiters) == 12 and speed.recruiters_present == 11
    attendance = Counter(week.candidate_attendance.values())
    assert speed.candidates == 61 and speed.walk_ins == 1
    assert (speed.candidates_present, speed.candidates_no_show) == (
        attendance["present"],
        attendance["no_show"],
    )
    assert speed.candidates_not_recorded == attendance["expected"]
    held = [row for row in week.meetings if row[4]]
    assert speed.meetings_planned == len(week.meetings)
    assert speed.meetings_held == len(held) < len(week.meetings)
    slots = sum(
        tables * (6 if name == week.late_recruiter else 8)
        for name, tables in week.recruiter_tables.items()
        if name != week.absent_recruiter
    )
    assert speed.slots == slots
    assert speed.fill_rate == pytest.approx(len(held) / slots)
    assert speed.candidates_met == len({candidate for _, candidate, *_ in held})
    assert speed.wishes == sum(len(w) for w in week.candidate_wishes.values())
    assert speed.wishes_met == sum(
        1 for name, candidate, *_ in held if name in week.candidate_wishes[candidate]
    )
    assert (speed.objective, speed.bound, speed.plan_quality) == (
        412,
        430,
        pytest.approx(412 / 430),
    )
    for recruiter in speed.recruiters:
        outcomes = Counter(row[3] for row in held if row[0] == recruiter.name)
        assert recruiter.meetings == sum(outcomes.values())
        assert recruiter.interested == outcomes["interested"]
        assert recruiter.second_interview == outcomes["second_interview"]
        assert recruiter.hired == outcomes["hired"]
        assert recruiter.no_follow_up == outcomes["none"]
        assert recruiter.not_recorded == outcomes[None]
        assert recruiter.present == (recruiter.name != week.absent_recruiter)
    absent = next(r for r in speed.recruiters if r.name == week.absent_recruiter)
    assert absent.meetings == 0
    totals = Counter(row[3] for row in held)
    assert speed.totals.meetings == len(held)
    assert (speed.totals.interested, speed.totals.second_interview, speed.totals.hired) == (
        totals["interested"],
        totals["second_interview"],
        totals["hired"],
    )
    assert (
        speed.totals.with_follow_up
        == totals["interested"] + totals["second_interview"] + totals["hired"]
    )


def test_a_recorded_outcome_counts_the_meeting_as_held(db, week):
    with db.transaction() as s:
        meeting = s.scalars(
            select(m.SpeedMeetingMeeting)
            .join(
                m.SpeedMeetingCandidate,
                m.SpeedMeetingCandidate.id == m.SpeedMeetingMeeting.candidate_id,
            )
            .where(m.SpeedMeetingCandidate.attendance == "no_show")
            .limit(1)
        ).one()
        meeting.outcome = "hired"  # the absence was wrongly ticked: the hire proves the meeting
    (speed,) = event_report_data(db, week.event_id).speed_meetings
    held = sum(1 for row in week.meetings if row[4])
    assert speed.meetings_held == held + 1
    assert speed.totals.hired == sum(1 for row in week.meetings if row[4] and row[3] == "hired") + 1


def test_same_figures_on_the_shared_office_server(any_db):
    week = build_week(any_db, seed=17)
    data = event_report_data(any_db, week.event_id)
    assert data.registered == len(week.attendance)
    assert data.present == sum(1 for *_, status in week.attendance if status == "present")
    present = {youth for _, youth, _, status in week.attendance if youth and status == "present"}
    assert data.profile.youths == len(present)
    (speed,) = data.speed_meetings
    held = [row for row in week.meetings if row[4]]
    assert speed.meetings_held == len(held)
    assert speed.totals.hired == sum(1 for row in held if row[3] == "hired")


def test_report_and_results_tab_count_the_same_meetings_held(db, week):
    data = event_report_data(db, week.event_id)
    # Plain report data, as the PDF module reads it without knowing the service.
    assert isinstance(data, report_data.EventReportData)
    (speed,) = data.speed_meetings
    with db.session() as s:
        speed_id = s.scalars(select(m.SpeedMeeting.id)).one()
    summary = outcome_summary(db, speed_id)
    assert {line.name: line.meetings for line in summary} == {
        r.name: r.meetings for r in speed.recruiters
    }

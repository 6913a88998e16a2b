"""Import of existing placements: match the young person and the employer, check every rule.

The file goes through the same reading, validation, all-or-nothing write and reject report as
the other imports (services/imports.py); this module only plans the rows. A row that breaks a
rule of its scheme at the signature date is refused with its line and the rule, unless it has a
justification; a fact the law asks for and old files rarely hold is flagged « à compléter ».
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdesk.db import models as m
from essdesk.domain.french import format_date
from essdesk.domain.schemes import BY_CODE
from essdesk.domain.schemes.catalogue import employer_kind
from essdesk.domain.schemes.eligibility import SchemePeriod
from essdesk.domain.schemes.placement_rules import PlacementFacts, check_placement
from essdesk.domain.text import fold
from essdesk.domain.values import squash
from essdesk.exchange.placement_schema import ENTITY  # registers the schema and headers
from essdesk.exchange.schemas import Problem
from essdesk.services import import_plans
from essdesk.services.import_plans import SENSITIVE_RIGHTS
from essdesk.services.placements.common import (
    excluded_codes,
    scheme_periods,
    scheme_rows,
    youth_facts,
)

_IN = import_plans.IN_CHUNK


def plan_placements(session: Session, entity: str, records: list[tuple[int, dict[str, Any]]]):
    """Resolve, check and turn the validated rows into INSERT rows or updates (upserts)."""
    plan = import_plans.Plan()
    rows = import_plans.Rows(m.Placement, entity)
    youths = _youths(session, records)
    employers = _employers(session, records)
    tutors = _tutors(session, [e.id for e in employers.values()])
    matched = {youths[k].id for k in (_youth_key(r) for _, r in records) if k in youths}
    existing = _existing(session, list(matched))
    schemes = scheme_rows(session)
    # Set by imports.import_file: « followed only » makes a hidden RQTH unknown to the rules.
    rights = session.info.get(SENSITIVE_RIGHTS)
    resolved: list[_Row] = []
    planned: dict[tuple, int] = {}
    for line, record in records:
        youth = youths.get(_youth_key(record))
        employer = employers.get(record["employer_siret"])
        if youth is None:
            plan.problems.append(
                Problem(
                    line,
                    None,
                    f"jeune inconnu : {record['last_name']} {record['first_name']}, né(e) le "
                    f"{format_date(record['birth_date'])} (importez d'abord les jeunes)",
                )
            )
        if employer is None:
            plan.problems.append(
                Problem(
                    line,
                    None,
                    f"employeur inconnu (SIRET {record['employer_siret']}) : importez d'abord "
                    "les employeurs",
                )
            )
        if youth is None or employer is None:
            continue
        key = (youth.id, employer.id, record["start_date"])
        if key in planned:
            plan.problems.append(Problem(line, None, f"doublon de la ligne {planned[key]}"))
            continue
        planned[key] = line
        stored = existing.get(key)
        facts, tutor_id = _facts(record, employer, tutors, stored)
        resolved.append(_Row(line, record, youth, employer, key, stored, facts, tutor_id))
    others = _Others(session, resolved)
    for row in resolved:
        columns, problems = _columns(row, others.of(row), schemes, rights)
        if problems:
            plan.problems.extend(problems)
        elif row.stored is None:
            plan.inserts.append(rows.insert_row(columns))
        elif changes := rows.changes(row.stored, columns):
            plan.updates.append((row.stored.id, changes))
        else:
            plan.skipped += 1
    return plan


@dataclass(frozen=True, slots=True)
class _Row:
    """A row whose young person and employer are known, with the facts the rules read."""

    line: int
    record: dict[str, Any]
    youth: Any
    employer: m.Employer
    key: tuple  # (youth, employer, start): the placement it creates or updates
    stored: m.Placement | None
    facts: PlacementFacts
    tutor_id: uuid.UUID | None


class _Others:
    """The young people's other placements under a scheme the rows' schemes exclude.

    A row sees the base's placements and the file's other rows, each as it will be written: a
    row that updates a placement replaces it, so the stored version no longer counts. A row
    refused for another reason still counts: the overlap is in the file either way.
    """

    def __init__(self, session: Session, rows: list[_Row]) -> None:
        codes = excluded_codes(BY_CODE[c] for c in {r.record["scheme"] for r in rows})
        self.replaced = {r.key for r in rows}
        self.in_file: dict[uuid.UUID, dict[tuple, SchemePeriod]] = {}
        for r in rows:
            if r.record["scheme"] in codes:
                where = f"ligne {r.line} du fichier"
                period = SchemePeriod(r.record["scheme"], r.facts.start, r.facts.last_day, where)
                self.in_file.setdefault(r.key[0], {})[r.key] = period
        # Only the young people with a row under a scheme that excludes another are checked.
        checked = [r.key[0] for r in rows if excluded_codes([BY_CODE[r.record["scheme"]]])]
        self.stored: dict[uuid.UUID, list[tuple[tuple, SchemePeriod]]] = {}
        for s in scheme_periods(session, codes, youth_ids=checked):
            key = (s.youth_id, s.employer_id, s.period.start)
            self.stored.setdefault(s.youth_id, []).append((key, s.period))

    def of(self, row: _Row) -> tuple[SchemePeriod, ...]:
        youth = row.key[0]
        mine = self.in_file.get(youth, {})
        from_base = [p for k, p in self.stored.get(youth, []) if k not in self.replaced]
        return (*from_base, *(p for k, p in mine.items() if k != row.key))


def _facts(record, employer, tutors, stored: m.Placement | None):
    """The row's placement as the rules see it, and the tutor it names among the contacts."""
    end = record.get("end_date")
    tutor_name = record.get("tutor")
    tutor_id = _match_tutor(tutors.get(employer.id, []), tutor_name) if tutor_name else None
    facts = PlacementFacts(
        start=record["start_date"],
        end=end,
        contract_type=record.get("contract_type") or ("CDD" if end else "CDI"),
        contract_form=record.get("contract_form"),
        weekly_hours=record.get("weekly_hours"),
        aid_rate=record.get("aid_rate"),
        aid_start=record.get("aid_start"),
        aid_end=record.get("aid_end"),
        employer_legal_form=employer.legal_form,
        employer_kind=employer_kind(employer.legal_form),
        part_time_agreement=record.get("part_time_agreement"),
        has_tutor=tutor_id is not None,
        # The import never touches an end already recorded: the placement keeps it.
        actual_end=stored.actual_end_date if stored is not None else None,
    )
    return facts, tutor_id


def _columns(row: _Row, others: tuple[SchemePeriod, ...], schemes, rights):
    line, record, youth = row.line, row.record, row.youth
    code = record["scheme"]
    facts = replace(row.facts, others=others)
    tutor_name, tutor_id = record.get("tutor"), row.tutor_id
    known = youth_facts(youth, search_waiver=record.get("search_waiver"))
    # « 26 ans sans RQTH » would tell a colleague's young person's RQTH: unknown instead.
    check = check_placement(
        BY_CODE[code], facts, known if rights is None else rights.facts(known, youth.referent_id)
    )
    justification = record.get("justification")
    if check.violations and not justification:
        return None, [
            Problem(line, None, f"règle enfreinte : {v.message}") for v in check.violations
        ]
    notes = None
    if tutor_name and tutor_id is None:
        notes = f"Tuteur indiqué à l'import, à rattacher à un contact de l'employeur : {tutor_name}"
    columns = {
        "youth_id": youth.id,
        "employer_id": row.employer.id,
        "scheme_id": schemes[code].id,
        "tutor_id": tutor_id,
        "job_title": record["job_title"],
        "contract_type": facts.contract_type,
        "contract_form": facts.contract_form,
        "start_date": facts.start,
        "end_date": facts.end,
        "weekly_hours": facts.weekly_hours,
        "aid_rate": facts.aid_rate,
        "aid_start": facts.aid_start,
        "aid_end": facts.aid_end,
        "part_time_agreement": facts.part_time_agreement,
        "search_waiver": record.get("search_waiver"),
        "to_complete": list(check.to_complete),
        "override_justification": justification if check.violations else None,
        "overridden_rules": [{"rule": v.rule, "message": v.message} for v in check.violations],
        "notes": notes,
    }
    return columns, []


def _youth_key(record) -> tuple:
    return (squash(record["last_name"]), squash(record["first_name"]), record["birth_date"])


_YOUTH_COLUMNS = (
    m.Youth.id,
    m.Youth.last_name,
    m.Youth.first_name,
    m.Youth.birth_date,
    m.Youth.rqth,
    m.Youth.diploma_obtained,
    m.Youth.qualification_level_new,
    m.Youth.qualification_level_old,
    m.Youth.job_search_start,
    m.Youth.qpv,
    m.Youth.rural_zone,
    m.Youth.postcode,
    m.Youth.referent_id,
)


def _youths(session: Session, records) -> dict[tuple, Any]:
    """Rows (id, names and the facts the rules read) of the young people the file may name."""
    # Names are compared without case or accents, which SQL cannot index: narrow by birth date.
    births = list(dict.fromkeys(r["birth_date"] for _, r in records))
    found: dict[tuple, Any] = {}
    for chunk in import_plans.chunks(births, _IN):
        query = select(*_YOUTH_COLUMNS).where(m.Youth.birth_date.in_(chunk))
        for youth in session.execute(query):
            found.setdefault(
                (squash(youth.last_name), squash(youth.first_name), youth.birth_date), youth
            )
    return found


def _employers(session: Session, records) -> dict[str, m.Employer]:
    sirets = list(dict.fromkeys(r["employer_siret"] for _, r in records))
    found: dict[str, m.Employer] = {}
    for chunk in import_plans.chunks(sirets, _IN):
        for employer in session.scalars(select(m.Employer).where(m.Employer.siret.in_(chunk))):
            found[employer.siret or ""] = employer
    return found


def _tutors(session: Session, employer_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[m.Contact]]:
    found: dict[uuid.UUID, list[m.Contact]] = {}
    for chunk in import_plans.chunks(employer_ids, _IN):
        for contact in session.scalars(select(m.Contact).where(m.Contact.employer_id.in_(chunk))):
            found.setdefault(contact.employer_id, []).append(contact)
    return found


def _match_tutor(contacts: list[m.Contact], name: str) -> uuid.UUID | None:
    """The employer's contact named « Prénom Nom », « Nom Prénom » or « Nom », if only one."""
    wanted = sorted(fold(name).replace("-", " ").split())
    matches = [
        c
        for c in contacts
        if wanted
        in (
            sorted(fold(f"{c.first_name or ''} {c.last_name}").replace("-", " ").split()),
            sorted(fold(c.last_name).replace("-", " ").split()),
        )
    ]
    return matches[0].id if len(matches) == 1 else None


def _existing(session: Session, youth_ids: list[uuid.UUID]) -> dict[tuple, m.Placement]:
    found: dict[tuple, m.Placement] = {}
    for chunk in import_plans.chunks(youth_ids, _IN):
        for p in session.scalars(select(m.Placement).where(m.Placement.youth_id.in_(chunk))):
            found.setdefault((p.youth_id, p.employer_id, p.start_date), p)
    return found


import_plans.MODELS[ENTITY] = m.Placement
import_plans.PLANNERS[ENTITY] = plan_placements  # registered beside the others

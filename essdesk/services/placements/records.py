"""Record a placement: checked against its scheme's rules, saved only if it obeys or is justified."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdesk.db import models as m
from essdesk.db.database import ConcurrentEditError, Database
from essdesk.domain.french import format_date
from essdesk.domain.schemes.pathway import END_REASONS, EXIT_OUTCOMES
from essdesk.domain.schemes.placement_rules import (
    TO_COMPLETE_LABELS,
    PlacementCheck,
    check_placement,
)
from essdesk.errors import EssDeskError
from essdesk.services import access, sensitive
from essdesk.services.placements.common import (
    domain_scheme,
    get,
    other_periods,
    placement_facts,
    scheme_rows,
    youth_facts,
)


class PlacementRulesBroken(EssDeskError):
    """The placement breaks rules and no written justification was given: nothing was saved."""

    def __init__(self, check: PlacementCheck) -> None:
        lines = [f"- {v.message}" for v in check.violations]
        super().__init__(
            "Ce contrat ne respecte pas les règles du dispositif ; rien n'a été enregistré. "
            "Corrigez-le, ou écrivez une justification pour l'enregistrer quand même.",
            detail="\n".join(lines),
        )
        self.check = check


@dataclass
class PlacementInput:
    """What the placement editor (or an import) gives; `scheme_code` None = no scheme."""

    youth_id: uuid.UUID
    employer_id: uuid.UUID
    job_title: str
    start_date: date
    contract_type: str = "CDD"
    end_date: date | None = None
    scheme_code: str | None = None
    contract_form: str | None = None
    weekly_hours: Decimal = Decimal(35)
    aid_rate: Decimal | None = None
    aid_start: date | None = None
    aid_end: date | None = None
    tutor_id: uuid.UUID | None = None
    offer_id: uuid.UUID | None = None
    rome_code: str | None = None
    commitments: list[str] = field(default_factory=list)
    qualification_target: str | None = None
    part_time_agreement: bool | None = None
    search_waiver: bool | None = None
    aid_extension_for_training: bool = False
    notes: str | None = None
    justification: str | None = None  # required to save a placement that breaks rules


_COLUMNS = [
    f.name for f in fields(PlacementInput) if f.name not in ("scheme_code", "justification")
]


def check_input(db: Database, data: PlacementInput) -> PlacementCheck:
    """The rules `data` breaks and what it leaves to complete, without saving (editor preview)."""
    rights = sensitive.current(db)
    with db.session() as session:
        placement = m.Placement()
        _fill(session, placement, data, create_schemes=False)
        return _check(session, placement, rights)


def create_placement(db: Database, data: PlacementInput) -> uuid.UUID:
    """Save a new placement; raises PlacementRulesBroken if it breaks rules unjustified."""
    access.require_write(db, "placements")
    rights = sensitive.current(db)
    with db.transaction() as session:
        placement = m.Placement()
        _fill(session, placement, data)
        _apply_check(session, placement, data.justification, rights)
        session.add(placement)
        session.flush()
        return placement.id


def update_placement(
    db: Database, placement_id: uuid.UUID, expected_version: int, data: PlacementInput
) -> int:
    """Save the edited placement if nobody saved it since `expected_version`; the new version."""
    access.require_write(db, "placements")
    rights = sensitive.current(db)
    with db.transaction() as session:
        placement = _current(session, placement_id, expected_version)
        _fill(session, placement, data)
        _apply_check(session, placement, data.justification, rights)
        session.flush()
        return placement.version


def add_renewal(
    db: Database,
    placement_id: uuid.UUID,
    *,
    end_date: date,
    aid_end: date | None = None,
    start_date: date | None = None,
    justification: str | None = None,
    notes: str | None = None,
) -> uuid.UUID:
    """Renew the contract to `end_date` (from the day after the current end by default)."""
    access.require_write(db, "placements")
    rights = sensitive.current(db)
    with db.transaction() as session:
        placement = get(session, m.Placement, placement_id, "Contrat")
        current_end = max(
            [r.end_date for r in placement.renewals] + [placement.end_date or date.min]
        )
        if placement.end_date is None:
            raise EssDeskError("Un CDI ne se renouvelle pas : il n'a pas de date de fin.")
        renewal = m.PlacementRenewal(
            start_date=start_date or current_end + timedelta(days=1),
            end_date=end_date,
            aid_end=aid_end,
            notes=notes,
        )
        placement.renewals.append(renewal)
        _apply_check(session, placement, justification or placement.override_justification, rights)
        session.flush()
        return renewal.id


def record_end(
    db: Database,
    placement_id: uuid.UUID,
    *,
    actual_end: date,
    reason: str,
    exit_outcome: str | None = None,
) -> None:
    """The contract ended on `actual_end` for `reason` (END_REASONS), with the young person's exit."""
    if reason not in END_REASONS:
        raise EssDeskError(
            f"Motif de fin « {reason} » inconnu ({', '.join(END_REASONS.values())})."
        )
    if exit_outcome is not None and exit_outcome not in EXIT_OUTCOMES:
        raise EssDeskError(f"Situation de sortie « {exit_outcome} » inconnue.")
    access.require_write(db, "placements")
    with db.transaction() as session:
        placement = get(session, m.Placement, placement_id, "Contrat")
        if actual_end < placement.start_date:
            raise EssDeskError(
                f"La fin réelle ({format_date(actual_end)}) précède le début du contrat "
                f"({format_date(placement.start_date)})."
            )
        placement.actual_end_date = actual_end
        placement.end_reason = reason
        placement.exit_outcome = exit_outcome
        placement.status = "ended"


def to_complete_labels(placement: m.Placement) -> list[str]:
    """The facts a placement still lacks, in French."""
    return [TO_COMPLETE_LABELS.get(key, key) for key in placement.to_complete or []]


def _current(session: Session, placement_id: uuid.UUID, expected_version: int) -> m.Placement:
    placement = get(session, m.Placement, placement_id, "Contrat")
    if placement.version != expected_version:
        raise ConcurrentEditError(
            "Ce contrat a été modifié entre-temps depuis un autre poste : rien n'a été "
            "enregistré. Rechargez-le, puis refaites la modification."
        )
    return placement


def _fill(
    session: Session, placement: m.Placement, data: PlacementInput, *, create_schemes: bool = True
) -> None:
    employer = get(session, m.Employer, data.employer_id, "Employeur")
    get(session, m.Youth, data.youth_id, "Jeune")
    if data.tutor_id is not None:
        tutor = get(session, m.Contact, data.tutor_id, "Tuteur")
        if tutor.employer_id != employer.id:
            raise EssDeskError(
                f"Le tuteur doit être un contact de l'employeur « {employer.name} »."
            )
    if not data.job_title.strip():
        raise EssDeskError("Indiquez l'intitulé du poste.")
    for name in _COLUMNS:
        setattr(placement, name, getattr(data, name))
    placement.commitments = [c.strip() for c in data.commitments if c.strip()]
    if not data.scheme_code:
        placement.scheme = None
    elif create_schemes:
        placement.scheme = scheme_rows(session)[data.scheme_code]
    else:  # a preview in a read session: a row not yet stored is only named
        stored = session.scalar(select(m.Scheme).where(m.Scheme.code == data.scheme_code))
        placement.scheme = stored or m.Scheme(code=data.scheme_code, name=data.scheme_code)


def _check(
    session: Session, placement: m.Placement, rights: sensitive.SensitiveAccess
) -> PlacementCheck:
    youth = session.get(m.Youth, placement.youth_id)
    employer = session.get(m.Employer, placement.employer_id)
    assert youth is not None and employer is not None
    # An RQTH the user may not see is unknown to the check (« 27 ans sans RQTH » would tell).
    facts = rights.facts(
        youth_facts(youth, search_waiver=placement.search_waiver), youth.referent_id
    )
    return check_placement(
        domain_scheme(placement.scheme),
        placement_facts(placement, employer, other_periods(session, placement)),
        facts,
    )


def _apply_check(
    session: Session,
    placement: m.Placement,
    justification: str | None,
    rights: sensitive.SensitiveAccess,
) -> None:
    check = _check(session, placement, rights)
    # An RQTH hidden from the user stays « à compléter » : the referent's next save checks it.
    placement.to_complete = list(check.to_complete)
    if check.ok:
        placement.override_justification = None
        placement.overridden_rules = []
        return
    written = (justification or "").strip()
    if not written:
        raise PlacementRulesBroken(check)
    placement.override_justification = written
    placement.overridden_rules = [{"rule": v.rule, "message": v.message} for v in check.violations]


def placements_of_youth(db: Database, youth_id: uuid.UUID) -> list[m.Placement]:
    """A young person's placements, newest first, with employer, scheme, tutor and renewals."""
    from sqlalchemy.orm import selectinload

    access.require_read(db, "placements")
    with db.session() as session:
        query = (
            select(m.Placement)
            .where(m.Placement.youth_id == youth_id)
            .options(
                selectinload(m.Placement.employer),
                selectinload(m.Placement.scheme),
                selectinload(m.Placement.tutor),
                selectinload(m.Placement.renewals),
                selectinload(m.Placement.trainings),
            )
            .order_by(m.Placement.start_date.desc())
        )
        found = list(session.scalars(query))
        session.expunge_all()
        return found

"""Retention and erasure: which files are due, their anonymisation, and the bytes really gone."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, delete, or_, select, update

from essdesk.db import audit
from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.access import Actor
from essdesk.domain.french import format_date
from essdesk.domain.retention import (
    Policy,
    Programme,
    add_years,
    check_shortens,
    policy_in_force,
    retention,
)
from essdesk.errors import EssDeskError
from essdesk.services import access
from essdesk.services.anonymisation import clear_linked, derived_keys

IN_CHUNK = 500
ANONYMOUS_NAME = "Anonyme"
# Cleared on the young person: identity, contact and free text. Kept for the reports: sex,
# postcode and commune (the territory report reads the territory type from both: without the
# postcode an anonymised file would move to « non déterminé »), QPV, rural zone, RQTH count,
# levels, diploma obtained, dates by month.
CLEARED = ("email", "phone", "address", "diploma_label")


@dataclass(frozen=True)
class DueFile:
    youth_id: uuid.UUID
    name: str
    birth_date: date
    keep_until: date | None
    reason: str
    rule: str = ""

    def line(self) -> str:
        return f"{self.name} — {self.reason}"


@dataclass(frozen=True)
class ExpiredAccount:
    """A staff account whose authorisation ended more than the policy's years ago."""

    login: str
    name: str
    authorised_until: date
    years: int

    def line(self) -> str:
        return (
            f"Compte {self.name} ({self.login}) — autorisation terminée le "
            f"{format_date(self.authorised_until)} + {self.years} an(s)"
        )


CLOSED_ACCOUNT = "Compte clos"


def policies(db: Database) -> list[Policy]:
    with db.session() as session:
        return [
            Policy(
                p.valid_from,
                p.youth_age_limit,
                p.youth_extra_years,
                p.cej_years,
                p.programme_extra_months,
                p.staff_years,
                p.audit_years,
                p.warning_days,
            )
            for p in session.scalars(select(m.RetentionPolicy))
        ]


def policy_now(db: Database, on: date | None = None) -> Policy:
    """The policy in force on `on` (today): what the settings screen shows."""
    return policy_in_force(policies(db), on or date.today())


def set_policy(db: Database, policy: Policy, note: str = "") -> None:
    """Record a policy in force from its date: periods may be shortened, never lengthened."""
    try:
        check_shortens(policy)
    except ValueError as error:
        raise EssDeskError(f"Politique de conservation refusée : {error}.") from error
    access.require(db, "settings", "retention_policies")
    values = {name: getattr(policy, name) for name in Policy.__dataclass_fields__}
    with db.transaction() as session:
        row = session.scalar(
            select(m.RetentionPolicy).where(m.RetentionPolicy.valid_from == policy.valid_from)
        )
        if row is None:
            session.add(m.RetentionPolicy(**values, note=note or None))
        else:
            for name, value in values.items():
                setattr(row, name, value)
            row.note = note or None


def due_files(db: Database, as_of: date | None = None, *, within_days: int = 0) -> list[DueFile]:
    """The files the policy in force on `as_of` says to anonymise (by `as_of` + `within_days`)."""
    access.require(db, "youth.identity", "youths")
    as_of = as_of or date.today()
    horizon = as_of + timedelta(days=within_days)
    policy = policy_in_force(policies(db), as_of)
    # Only those past the age rule can be due (programmes only extend): an indexed range,
    # not a load of every file.
    latest_birth = add_years(horizon, -(policy.youth_age_limit + policy.youth_extra_years))
    found = []
    with db.session() as session:
        people = session.execute(
            select(m.Youth.id, m.Youth.last_name, m.Youth.first_name, m.Youth.birth_date)
            .where(m.Youth.anonymised_at.is_(None), m.Youth.birth_date <= latest_birth)
            .order_by(m.Youth.last_name, m.Youth.first_name)
        ).all()
        for chunk in _chunks(people, IN_CHUNK):
            programmes = _programmes(session, [p.id for p in chunk])
            for youth_id, last, first, born in chunk:
                kept = retention(born, programmes.get(youth_id, []), policy)
                if kept.due(horizon):
                    found.append(
                        DueFile(
                            youth_id,
                            f"{last} {first}",
                            born,
                            kept.keep_until,
                            kept.reason,
                            kept.rule,
                        )
                    )
    return found


def files_due_soon(db: Database, as_of: date | None = None) -> list[DueFile]:
    """For the dashboard: files that will be anonymised within the policy's warning period."""
    as_of = as_of or date.today()
    policy = policy_in_force(policies(db), as_of)
    return [
        f
        for f in due_files(db, as_of, within_days=policy.warning_days)
        if f.keep_until is not None and f.keep_until > as_of
    ]


def dashboard_warning(db: Database, as_of: date | None = None) -> tuple[int, list[DueFile]] | None:
    """The dashboard's list: (warning days, files due now — next purge — or within them).

    None for a role that does not read youth files: the home screen asks at every refresh
    and must not fill the trail with refusals.
    """
    if not access.current_actor(db).may("youth.file"):
        return None
    as_of = as_of or date.today()
    policy = policy_in_force(policies(db), as_of)
    return policy.warning_days, due_files(db, as_of, within_days=policy.warning_days)


def expired_accounts(db: Database, as_of: date | None = None) -> list[ExpiredAccount]:
    """Staff accounts kept past their retention (1 year after the authorisation ends)."""
    access.require(db, "users.manage", "users")
    as_of = as_of or date.today()
    policy = policy_in_force(policies(db), as_of)
    with db.session() as session:
        rows = session.execute(
            select(m.User.login, m.User.display_name, m.User.authorised_until).where(
                m.User.active.is_(False),
                m.User.authorised_until.is_not(None),
                m.User.display_name != CLOSED_ACCOUNT,
            )
        ).all()
    return [
        ExpiredAccount(login, name, until, policy.staff_years)
        for login, name, until in rows
        if add_years(until, policy.staff_years) <= as_of
    ]


def purge_accounts(db: Database, as_of: date | None = None) -> list[ExpiredAccount]:
    """Close the expired accounts: name and password hash gone; the login stays in the trail."""
    actor = access.require(db, "purge", "users")
    expired = expired_accounts(db, as_of)
    with db.transaction() as session:
        connection = session.connection()
        for account in expired:
            connection.execute(
                update(m.User)
                .where(m.User.login == account.login)
                .values(
                    display_name=CLOSED_ACCOUNT,
                    password_hash=None,
                    counsellor_id=None,
                    version=m.User.version + 1,
                )
            )
        audit.write(
            connection,
            [
                audit.entry(actor, "purge", "users", a.login, detail="compte clos (conservation)")
                for a in expired
            ],
        )
    return expired


def _programmes(session, youth_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Programme]]:
    rows = session.execute(
        select(m.Placement.youth_id, m.Scheme.code, m.Placement.start_date, m.Placement.end_date)
        .join(m.Scheme, m.Placement.scheme_id == m.Scheme.id)
        .where(m.Placement.youth_id.in_(youth_ids))
    )
    found: dict[uuid.UUID, list[Programme]] = {}
    for youth_id, code, start, end in rows:
        found.setdefault(youth_id, []).append(Programme(code, start, end))
    return found


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def purge(db: Database, as_of: date | None = None) -> list[DueFile]:
    """Anonymise every file due on `as_of`, drop old trail entries, and wipe the freed bytes."""
    actor = access.require(db, "purge", "youths")
    as_of = as_of or date.today()
    due = due_files(db, as_of)
    policy = policy_in_force(policies(db), as_of)
    with db.transaction() as session:
        connection = session.connection()
        # First: the purge's own entries, stamped today, must survive a future --as-of.
        _drop_old_entries(connection, add_years(as_of, -policy.audit_years))
        for chunk in _chunks(due, IN_CHUNK):
            anonymise(
                connection,
                actor,
                [f.youth_id for f in chunk],
                "purge",
                {f.youth_id: f"durée de conservation atteinte ({f.rule})" for f in chunk},
            )
    wipe_freed_bytes(db)
    return due


def erase_on_request(db: Database, youth_id: uuid.UUID, reason: str) -> None:
    """The person asked for erasure: anonymise now, recording who decided it and why."""
    actor = access.require(db, "purge", "youths", youth_id)
    reason = " ".join(reason.split())
    if not reason:
        raise EssDeskError("Indiquez le motif de l'effacement (demande de la personne, date…).")
    with db.session() as session:
        running = _programmes(session, [youth_id]).get(youth_id, [])
    if any(p.end is None or p.end >= date.today() for p in running):
        raise EssDeskError(
            "Effacement impossible : un dispositif est en cours pour ce jeune et son dossier doit "
            "être conservé jusqu'à sa fin. Rien n'a été modifié."
        )
    with db.transaction() as session:
        anonymise(
            session.connection(),
            actor,
            [youth_id],
            "erase",
            {youth_id: f"effacement demandé : {reason[:500]}"},
        )
    wipe_freed_bytes(db)


def anonymise(
    connection: Connection, actor: Actor, ids: list[uuid.UUID], action: str, why: dict
) -> None:
    """Remove identity, contact and free text of `ids`, in the caller's transaction.

    Core statements on the connection: the session's trail would otherwise copy the old names
    into "avant" values. One explicit entry per person says what was removed and why.
    """
    now = datetime.now(UTC)
    people = connection.execute(
        select(m.Youth.id, m.Youth.birth_date).where(m.Youth.id.in_(ids))
    ).all()
    for youth_id, born in people:
        connection.execute(
            update(m.Youth)
            .where(m.Youth.id == youth_id)
            .values(
                last_name=ANONYMOUS_NAME,
                first_name=youth_id.hex[:8],  # keeps (name, first name, birth) unique
                birth_date=born.replace(day=1),  # age bands stay, the day goes
                **derived_keys(ANONYMOUS_NAME, youth_id.hex[:8], born.replace(day=1)),
                anonymised_at=now,
                version=m.Youth.version + 1,
                **dict.fromkeys(CLEARED),
            )
        )
    clear_linked(connection, ids)
    _anonymise_entries(connection, ids)
    audit.write(
        connection,
        [
            audit.entry(
                actor,
                action,
                "youths",
                youth_id,
                youth_id=youth_id,
                changes={"champs": ["last_name", "first_name", "birth_date", *CLEARED, "notes"]},
                detail=why.get(youth_id),
            )
            for youth_id, _born in people
        ],
    )


def _unlocked(connection: Connection):
    """The one path allowed to rewrite the trail (SQLite function flag / PostgreSQL setting)."""
    if connection.dialect.name == "sqlite":
        connection.info[audit.UNLOCK_KEY] = True
    else:
        connection.exec_driver_sql("SET LOCAL essdesk.audit_unlocked = 'on'")


def _relock(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.info.pop(audit.UNLOCK_KEY, None)
    else:
        connection.exec_driver_sql("SET LOCAL essdesk.audit_unlocked = 'off'")


def _anonymise_entries(connection: Connection, ids: list[uuid.UUID]) -> None:
    """Old and new values in the entries about these people become field names only."""
    table = m.AuditEntry.__table__
    about = or_(table.c.youth_id.in_(ids), table.c.record_id.in_([str(i) for i in ids]))
    rows = connection.execute(
        select(table.c.id, table.c.changes).where(about, table.c.changes.is_not(None))
    ).all()
    _unlocked(connection)
    try:
        for entry_id, changes in rows:
            # JSON null comes back as None (SQLAlchemy stores None as 'null', not SQL NULL).
            if not changes or set(changes) <= {"champs", "ids"}:
                continue
            connection.execute(
                update(table)
                .where(table.c.id == entry_id)
                .values(changes={"champs": sorted(changes)})
            )
        # Free text of refusals or logins naming the person: gone too.
        connection.execute(
            update(table).where(about, table.c.action != "purge").values(detail=None)
        )
    finally:
        _relock(connection)


def _drop_old_entries(connection: Connection, before: date) -> None:
    table = m.AuditEntry.__table__
    _unlocked(connection)
    try:
        connection.execute(
            delete(table).where(
                table.c.at < datetime(before.year, before.month, before.day, tzinfo=UTC)
            )
        )
    finally:
        _relock(connection)


def wipe_freed_bytes(db: Database) -> Path | None:
    """Make removed values leave the file: rebuild it, empty the WAL, refresh the backup.

    secure_delete (set on every connection) zeroes freed cells; VACUUM rewrites every page;
    the TRUNCATE checkpoint empties the WAL that held the old pages. The newest backup is then
    taken from the cleaned file; older ones leave with the rotation.
    """
    if not db.is_sqlite:
        return None  # the server's (auto)vacuum reclaims the dead rows; see docs/privacy.md
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute("VACUUM")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db.backup("apres-purge")

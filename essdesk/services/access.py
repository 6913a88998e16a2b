"""Who is working and what they may do: login, the one permission check, staff accounts."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select, text

from essdesk.db import audit, write_guard
from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.access import (
    GROUP_ROLES,
    LOCAL_USER,
    ROLES,
    TABLE_ACCESS,
    Actor,
    actor_for,
    refusal,
)
from essdesk.errors import AccessDenied, EssDeskError

MAX_FREE_ATTEMPTS = 5  # after five failures each further attempt waits, longer each time
FIRST_DELAY = timedelta(seconds=30)
LONGEST_DELAY = timedelta(minutes=15)
LOGIN_PATTERN = re.compile(r"^[a-z][a-z0-9_.-]{1,62}$")
_hasher = PasswordHasher()


class LoginFailed(EssDeskError):
    """Wrong login or password (the message never says which)."""


WRONG_CREDENTIALS = "Identifiant ou mot de passe incorrect."
# The trail's "who" of an attempt on a login no account has.
UNKNOWN_LOGIN = "(inconnu)"


def current_actor(db: Database) -> Actor:
    """The logged-in user; on a base without accounts (or a single one without password), them."""
    if db.actor is not None:
        return db.actor
    with db.session() as session:
        if not db.is_sqlite:
            db.actor = _server_actor(session)
            return db.actor
        users = session.scalars(select(m.User).where(m.User.active.is_(True)).limit(2)).all()
    if not users:
        db.actor = LOCAL_USER
    elif len(users) == 1 and users[0].password_hash is None:
        db.actor = _actor(users[0])
    else:
        raise AccessDenied(
            "Identifiez-vous : cette base a plusieurs utilisateurs (option --user, ou "
            "ESSDESK_USER et ESSDESK_PASSWORD pour la ligne de commande)."
        )
    return db.actor


def needs_login(db: Database) -> bool:
    """Whether the app must ask who is working before showing anything."""
    try:
        current_actor(db)
    except AccessDenied:
        return True
    return False


def active_logins(db: Database) -> list[tuple[str, str]]:
    """(login, display name) of the accounts that may log in: the user picker at start."""
    with db.session() as session:
        return [
            (login, name)
            for login, name in session.execute(
                select(m.User.login, m.User.display_name)
                .where(m.User.active.is_(True))
                .order_by(m.User.display_name)
            )
        ]


def list_users(db: Database) -> list[tuple[str, str, str, bool]]:
    """(login, display name, French role, active) of every account, for the administrator."""
    require(db, "users.manage", "users")
    with db.session() as session:
        return [
            (login, name, ROLES.get(role, role), active)
            for login, name, role, active in session.execute(
                select(m.User.login, m.User.display_name, m.User.role, m.User.active).order_by(
                    m.User.login
                )
            )
        ]


def _server_actor(session) -> Actor:
    return write_guard.server_actor(session)


def _actor(user: m.User) -> Actor:
    return actor_for(
        user.login, user.display_name, user.role, user_id=user.id, counsellor_id=user.counsellor_id
    )


def require(db: Database, permission: str, entity: str = "", record_id=None) -> Actor:
    """Return the current actor if they may `permission`; else audit the refusal and raise.

    Call it before opening the service's transaction: the refusal is written in its own.
    """
    actor = current_actor(db)
    if actor.may(permission):
        return actor
    with db.transaction() as session:
        audit.write(
            session,
            [audit.entry(actor, "refused", entity or "-", record_id, detail=permission)],
        )
    raise AccessDenied(refusal(permission))


def require_read(db: Database, table: str) -> Actor:
    """The check before reading `table` (see TABLE_ACCESS)."""
    read, _write = TABLE_ACCESS.get(table, ("settings", "settings"))
    return current_actor(db) if read is None else require(db, read, table)


def require_write(db: Database, table: str, record_id=None) -> Actor:
    """The check before changing `table`."""
    return require(db, TABLE_ACCESS.get(table, ("settings", "settings"))[1], table, record_id)


def trace(session, actor: Actor, action: str, entity: str, record_id=None, **fields) -> None:
    """An explicit entry (import, export, merge, purge, report) in the caller's transaction."""
    audit.write(session, [audit.entry(actor, action, entity, record_id, **fields)])


def trace_now(
    db: Database, actor: Actor, action: str, entity: str, record_id=None, **fields
) -> None:
    """An explicit entry in a transaction of its own (an export that only read)."""
    with db.transaction() as session:
        trace(session, actor, action, entity, record_id, **fields)


def log_in(db: Database, login: str, password: str | None, *, now: datetime | None = None) -> Actor:
    """Check the password of a local base's user; five failures delay the next attempt.

    Every failed attempt is in the trail (`login_failed`), committed with the failure count:
    the account tried, when, from which PC, and why — never the password.
    """
    now = now or datetime.now(UTC)
    refused: str | None = None
    with db.transaction() as session:
        user = session.scalar(select(m.User).where(m.User.login == login.strip().lower()))
        if user is None or not user.active:
            refused, why = WRONG_CREDENTIALS, _unknown(user)
        elif (wait := _delay(user, now)) is not None:
            refused = (
                f"Trop de tentatives manquées : réessayez dans {int(wait.total_seconds()) + 1} s."
            )
            why = f"tentative pendant le délai après {user.failed_attempts} échecs (non vérifiée)"
        elif not _password_ok(user, password):
            user.failed_attempts += 1
            user.last_failed_at = now
            refused, why = (
                WRONG_CREDENTIALS,
                f"mot de passe incorrect (échec n° {user.failed_attempts})",
            )
        else:
            user.failed_attempts, user.last_failed_at = 0, None
            audit.write(session, [audit.entry(_actor(user), "login", "users", user.id)])
        if refused is not None:
            row = audit.entry(None, "login_failed", "users", user.id if user else None, detail=why)
            # The account the attempt claimed; an unknown one is not named (see _unknown).
            row["actor"] = user.login if user is not None else UNKNOWN_LOGIN
            audit.write(session, [row])
    if refused is not None:
        raise LoginFailed(refused)
    db.actor = _actor(user)
    return db.actor


def _unknown(user: m.User | None) -> str:
    # What was typed for an unknown login is not kept: it is often the password, typed in the
    # wrong field.
    return "identifiant inconnu" if user is None else f"compte désactivé ({user.login})"


def _delay(user: m.User, now: datetime) -> timedelta | None:
    if user.failed_attempts < MAX_FREE_ATTEMPTS or user.last_failed_at is None:
        return None
    delay = min(FIRST_DELAY * 2 ** (user.failed_attempts - MAX_FREE_ATTEMPTS), LONGEST_DELAY)
    last = user.last_failed_at
    if last.tzinfo is None:  # SQLite gives back naive datetimes
        last = last.replace(tzinfo=UTC)
    remaining = last + delay - now
    return remaining if remaining > timedelta(0) else None


def _password_ok(user: m.User, password: str | None) -> bool:
    if user.password_hash is None:
        return True  # only possible while the base has a single user
    try:
        return _hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def create_user(
    db: Database,
    login: str,
    display_name: str,
    role: str,
    password: str | None = None,
    *,
    counsellor_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """A new staff account (on PostgreSQL, a login role member of the role's group)."""
    require(db, "users.manage", "users")
    login = login.strip().lower()
    if not LOGIN_PATTERN.match(login):
        raise EssDeskError(
            f"Identifiant « {login[:40]} » refusé : 2 à 63 caractères, lettres minuscules sans "
            "accent, chiffres, point, tiret ou souligné, en commençant par une lettre."
        )
    if role not in ROLES:
        raise EssDeskError(f"Rôle inconnu : {role[:40]} (rôles : {', '.join(ROLES)}).")
    with db.transaction() as session:
        others = session.scalar(select(func.count()).select_from(m.User)) or 0
        if not password and (others or not db.is_sqlite):
            raise EssDeskError(
                "Un mot de passe est obligatoire dès que la base a plusieurs utilisateurs."
            )
        if others and session.scalar(select(m.User.id).where(m.User.password_hash.is_(None))):
            raise EssDeskError(
                "Donnez d'abord un mot de passe au premier utilisateur : il devient obligatoire "
                "dès que la base a plusieurs utilisateurs."
            )
        user = m.User(
            login=login,
            display_name=display_name.strip() or login,
            role=role,
            password_hash=_hasher.hash(password) if password else None,
            counsellor_id=counsellor_id,
            active=True,
            failed_attempts=0,
        )
        session.add(user)
        session.flush()
        if not db.is_sqlite:
            _create_server_role(session, login, role, password or "")
        return user.id


def set_password(db: Database, login: str, password: str) -> None:
    """Change a user's password (the administrator, or the user themselves)."""
    actor = current_actor(db)
    if actor.login != login:
        require(db, "users.manage", "users")
    if len(password) < 8:
        raise EssDeskError("Mot de passe trop court : 8 caractères au moins.")
    with db.transaction() as session:
        user = _user(session, login)
        user.password_hash = _hasher.hash(password)
        if not db.is_sqlite:
            _server_sql(session, "ALTER ROLE {} PASSWORD {}", login, password)


def disable_user(db: Database, login: str, *, until: datetime | None = None) -> None:
    """An account that may no longer log in (kept a year for the trail, then purged)."""
    require(db, "users.manage", "users")
    with db.transaction() as session:
        user = _user(session, login)
        user.active = False
        user.authorised_until = (until or datetime.now(UTC)).date()
        if not db.is_sqlite:
            _server_sql(session, "ALTER ROLE {} NOLOGIN", login)


def _user(session, login: str) -> m.User:
    user = session.scalar(select(m.User).where(m.User.login == login))
    if user is None:
        raise EssDeskError(f"Utilisateur inconnu : {login[:63]}.")
    return user


def _create_server_role(session, login: str, role: str, password: str) -> None:
    exists = session.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": login}
    ).first()
    verb = "ALTER" if exists else "CREATE"
    _server_sql(session, verb + " ROLE {} LOGIN PASSWORD {}", login, password)
    _server_sql(session, "GRANT " + GROUP_ROLES[role] + " TO {}", login)


def _server_sql(session, template: str, name: str, password: str | None = None) -> None:
    # Role names and passwords cannot be bound parameters: quoted by the driver instead.
    from psycopg import sql

    parts = [sql.Identifier(name)] + ([sql.Literal(password)] if password is not None else [])
    statement = sql.SQL(template).format(*parts)
    # Straight to psycopg without parameters, so that a "%" in a password is not a placeholder;
    # same connection, hence same transaction as the account's row.
    session.connection().connection.driver_connection.execute(statement)

"""Every write of a session checked against the current user's role, as PostgreSQL's GRANTs do."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, select, text
from sqlalchemy.orm import Session, attributes, sessionmaker

from essdesk.db.models.privacy import User
from essdesk.domain.access import LOCAL_USER, TABLE_ACCESS, Actor, actor_for, refusal
from essdesk.errors import AccessDenied

# Written by the trail's own code, never through the ORM; the schema's version by migrations.
FREE_TABLES = frozenset({"audit_entries", "alembic_version"})
# A failed login is counted whoever sits at the keyboard; bookkeeping columns follow any change.
LOGIN_COLUMNS = frozenset({"failed_attempts", "last_failed_at", "version", "updated_at"})
OWN_PASSWORD = LOGIN_COLUMNS | {"password_hash"}
NOBODY = actor_for("inconnu", "Personne n'est identifié", "none")
LOG_IN_FIRST = "Identifiez-vous : cette base a plusieurs utilisateurs. Rien n'a été enregistré."


class WriteRefused(AccessDenied):
    """A write the role may not make, stopped in the session: the transaction rolls back."""

    def __init__(self, actor: Actor, permission: str, table: str, record_id: Any = None) -> None:
        super().__init__(LOG_IN_FIRST if actor is NOBODY else refusal(permission))
        self.actor, self.permission, self.table, self.record_id = (
            actor,
            permission,
            table,
            record_id,
        )


def install(db, factory: sessionmaker) -> None:
    """Refuse, in every session of `factory`, the writes `db.actor` may not make.

    The services check first and say so in their own words; this is the line that holds
    when a service forgets, on SQLite as the GRANTs hold on PostgreSQL.
    """
    event.listen(factory, "before_flush", lambda session, _ctx, _objs: _check_flush(session, db))
    event.listen(factory, "do_orm_execute", lambda state: _check_statement(state, db))


def actor_of(session: Session, db) -> Actor | None:
    """Who writes: the logged-in user; else the base's only user (see services.access)."""
    if db.actor is not None:
        return db.actor
    if not db.is_sqlite:
        db.actor = server_actor(session)  # the login role is fixed for the connection
        return db.actor
    users = session.execute(
        select(User.login, User.display_name, User.role, User.id, User.counsellor_id)
        .add_columns(User.password_hash.is_(None))
        .where(User.active.is_(True))
        .limit(2)
    ).all()
    if not users:
        return LOCAL_USER
    if len(users) == 1 and users[0][-1]:
        login, name, role, user_id, counsellor_id, _ = users[0]
        return actor_for(login, name, role, user_id=user_id, counsellor_id=counsellor_id)
    return NOBODY


def server_actor(session) -> Actor:
    """The user of a server base: its login role, or the owner who administers it."""
    # On PostgreSQL the server checked the password: the login role is the user.
    login = session.execute(text("SELECT current_user")).scalar_one()
    # Not the password hash: only the administrators' group may read that column.
    user = session.execute(
        select(User.login, User.display_name, User.role, User.id, User.counsellor_id).where(
            User.login == login, User.active.is_(True)
        )
    ).first()
    if user is not None:
        return actor_for(*user[:3], user_id=user.id, counsellor_id=user.counsellor_id)
    # The role that owns the base (the one that created it) administers it.
    owner = session.execute(
        text(
            "SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"
        )
    ).scalar_one()
    superuser = session.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
    if login == owner or superuser.scalar_one():
        return actor_for(login, login, "administrator")
    return actor_for(login, login, "read_only")


def _needed(table: str, values: dict[str, Any]) -> str:
    """The permission a write of `table` needs, given the row's values when they decide."""
    write = TABLE_ACCESS.get(table, ("settings", "settings"))[1]
    # As row-level security draws it on PostgreSQL: the employers' log (no young person) is
    # kept by whoever may change employers.
    if table == "interactions" and values.get("youth_id", ...) is None:
        return "employer.write"
    if table == "merges" and values.get("entity") == "employers":
        return "employer.write"
    return write


def _changed(obj) -> set[str]:
    state = inspect(obj)
    return {
        c.key
        for c in state.mapper.column_attrs
        if attributes.get_history(obj, c.key, passive=attributes.PASSIVE_NO_INITIALIZE).added
    }


def _row_values(obj, table: str) -> dict[str, Any]:
    if table == "interactions":
        history = attributes.get_history(obj, "youth_id")
        youths = [*history.added, *history.unchanged, *history.deleted]
        return {"youth_id": next((y for y in youths if y is not None), None)}
    if table == "merges":
        return {"entity": obj.entity}
    return {}


def _check_flush(session: Session, db) -> None:
    objects = [*session.new, *session.dirty, *session.deleted]
    if not objects:
        return
    actor = actor_of(session, db)
    if actor is None or actor.role == "administrator":
        return
    for obj in objects:
        table = inspect(obj).mapper.local_table.name
        if table in FREE_TABLES:
            continue
        if table == "users" and obj in session.dirty:
            changed = _changed(obj)
            if changed <= LOGIN_COLUMNS or (obj.login == actor.login and changed <= OWN_PASSWORD):
                continue
        permission = _needed(table, _row_values(obj, table))
        if not actor.may(permission):
            raise WriteRefused(actor, permission, table, getattr(obj, "id", None))


def _check_statement(state, db) -> None:
    """Core INSERT / UPDATE / DELETE run through a session (imports, purges, moves)."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    name = getattr(getattr(state.statement, "table", None), "name", None)
    if name is None or name in FREE_TABLES:
        return
    actor = actor_of(state.session, db)
    if actor is None or actor.role == "administrator":
        return
    permission = _needed(name, {})
    if not actor.may(permission):
        raise WriteRefused(actor, permission, name)

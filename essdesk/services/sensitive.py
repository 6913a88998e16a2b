"""The RQTH and the notes: who sees them, as the administrator sets (all youths or followed only)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from sqlalchemy import select

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.domain.access import (
    DEFAULT_SENSITIVE_SCOPE,
    SENSITIVE_SCOPE_KEY,
    SENSITIVE_SCOPES,
    Actor,
    refusal,
    sees_every_sensitive,
    sees_sensitive,
)
from essdesk.domain.schemes.eligibility import YouthFacts
from essdesk.errors import EssDeskError
from essdesk.services import access

# The youth fields that are health data (RGPD art. 9), masked like the notes.
SENSITIVE_YOUTH_FIELDS = frozenset({"rqth"})
MASKED_NOTE = "(note réservée au référent du jeune)"


@dataclass(frozen=True)
class SensitiveAccess:
    """The current user and the scope in force: asked once per service call, not per row."""

    actor: Actor
    scope: str

    def allows(self, referent_id: uuid.UUID | None) -> bool:
        return sees_sensitive(self.actor, referent_id, self.scope)

    @property
    def sees_none(self) -> bool:
        return not self.actor.may("youth.sensitive")

    @property
    def sees_all(self) -> bool:
        return sees_every_sensitive(self.actor, self.scope)

    def facts(self, facts: YouthFacts, referent_id: uuid.UUID | None) -> YouthFacts:
        """Eligibility facts with an RQTH the user may not see made unknown (« à vérifier »)."""
        return facts if self.allows(referent_id) else replace(facts, rqth=None)


def scope(db: Database) -> str:
    """The scope the administrator set ("all" by default)."""
    with db.session() as session:
        value = session.scalar(
            select(m.BaseSetting.value).where(m.BaseSetting.key == SENSITIVE_SCOPE_KEY)
        )
    return value if value in SENSITIVE_SCOPES else DEFAULT_SENSITIVE_SCOPE


def set_scope(db: Database, value: str) -> None:
    """The administrator's choice; traced like every change (the ORM hook writes the entry)."""
    access.require(db, "settings", "base_settings")
    if value not in SENSITIVE_SCOPES:
        raise EssDeskError(f"Choix inconnu : {value[:20]} (choix : {', '.join(SENSITIVE_SCOPES)}).")
    with db.transaction() as session:
        setting = session.scalar(
            select(m.BaseSetting).where(m.BaseSetting.key == SENSITIVE_SCOPE_KEY)
        )
        if setting is None:
            session.add(m.BaseSetting(key=SENSITIVE_SCOPE_KEY, value=value))
        else:
            setting.value = value


def current(db: Database) -> SensitiveAccess:
    actor = access.current_actor(db)
    needs_scope = actor.role == "counsellor" and actor.may("youth.sensitive")
    return SensitiveAccess(actor, scope(db) if needs_scope else DEFAULT_SENSITIVE_SCOPE)


def referent_of(db: Database, youth_id: uuid.UUID) -> uuid.UUID | None:
    with db.session() as session:
        return session.scalar(select(m.Youth.referent_id).where(m.Youth.id == youth_id))


def require_for_youth(db: Database, youth_id: uuid.UUID, what: str = "youths") -> Actor:
    """Refuse (audited, French) unless the user may see this young person's RQTH and notes."""
    rights = current(db)
    if rights.allows(None if rights.sees_all else referent_of(db, youth_id)):
        return rights.actor
    with db.transaction() as session:
        access.trace(
            session,
            rights.actor,
            "refused",
            what,
            youth_id,
            youth_id=youth_id,
            detail="youth.sensitive",
        )
    raise access.AccessDenied(refusal("youth.sensitive"))


# « Followed only » would mean nothing if a counsellor could make themselves the referent.
HANDOVER_REFUSAL = (
    "Accès refusé : ce jeune est suivi par un autre conseiller, et seul un administrateur "
    "peut le confier à quelqu'un d'autre (réglage « RQTH et notes des jeunes suivis "
    "seulement »). Rien n'a été modifié."
)


def require_handover(db: Database, youth_id: uuid.UUID, new_referent: uuid.UUID | None) -> None:
    """Refuse (audited) a change of referent of a young person a colleague follows.

    A young person without a referent may be taken; one's own may be handed to anyone.
    """
    rights = current(db)
    if rights.sees_all:
        return
    old = referent_of(db, youth_id)
    if old is None or old == new_referent or rights.allows(old):
        return
    with db.transaction() as session:
        access.trace(
            session, rights.actor, "refused", "youths", youth_id, youth_id=youth_id,
            detail="youth.sensitive",
        )  # fmt: skip
    raise access.AccessDenied(HANDOVER_REFUSAL)


RESERVED_RULE = "règle d'âge enfreinte (le détail touche la RQTH : réservé au référent du jeune)"


def rule_messages(messages: list[str], shown: bool) -> list[str]:
    """The rules a contract was saved against, as the user may read them: « 27 ans sans
    RQTH » tells the RQTH of a young person whose RQTH the user may not see."""
    return messages if shown else [RESERVED_RULE if "RQTH" in m else m for m in messages]

"""Saving an edited record safely: the version the user loaded must still be the stored one."""

from __future__ import annotations

import uuid
from typing import Any

from essdesk.db.database import ConcurrentEditError, Database
from essdesk.db.models import Entity
from essdesk.errors import EssDeskError
from essdesk.services import access


def update_record(
    db: Database, model: type[Entity], record_id: uuid.UUID, expected_version: int, **changes: Any
) -> int:
    """Apply `changes` if nobody saved the record since it was loaded at `expected_version`.

    Returns the new version. Another PC's save in between raises ConcurrentEditError (French):
    the edit screen then reloads instead of silently overwriting the other person's work.
    """
    access.require_write(db, model.__tablename__, record_id)
    with db.transaction() as session:
        record = session.get(model, record_id)
        if record is None:
            raise EssDeskError(
                "Cette fiche n'existe plus : elle a été supprimée depuis un autre poste."
            )
        if record.version != expected_version:
            raise ConcurrentEditError(
                "Cette fiche a été modifiée entre-temps depuis un autre poste ou une autre "
                "fenêtre : rien n'a été enregistré. Rechargez-la, puis refaites la modification."
            )
        for name, value in changes.items():
            if name in ("id", "version", "created_at", "updated_at") or not hasattr(model, name):
                raise EssDeskError(f"Champ inconnu ou protégé : {name}.")
            setattr(record, name, value)
        session.flush()  # the UPDATE checks the version too, for a save racing this one
        return record.version

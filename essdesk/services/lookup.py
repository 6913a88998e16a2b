"""Finding a row by id inside a transaction, with one French message when it has gone."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from essdesk.errors import EssDeskError

Row = TypeVar("Row")

# Why a row asked for by id is missing: another window or PC removed it after the screen loaded.
DELETED_ELSEWHERE = "la fiche a été supprimée depuis une autre fenêtre ou un autre poste"


class GoneError(EssDeskError):
    """The record a screen shows no longer exists in the base."""


def as_uuid(value: uuid.UUID | str) -> uuid.UUID:
    """Ids travel as strings through the scheduler and the UI; the base wants UUIDs."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def gone(what: str = "Cette fiche", why: str = DELETED_ELSEWHERE) -> GoneError:
    """The French error for a record that has gone: « Cette rencontre n'existe plus : … »."""
    return GoneError(f"{what} n'existe plus : {why}.")


def get_or_gone(
    session: Session,
    model: type[Row],
    record_id: uuid.UUID | str,
    what: str = "Cette fiche",
    *,
    why: str = DELETED_ELSEWHERE,
    options: Sequence[Any] = (),
) -> Row:
    """The row of `model` with this id, or `GoneError` naming `what` (« Ce recruteur »…)."""
    row = session.get(model, as_uuid(record_id), options=list(options) or None)
    if row is None:
        raise gone(what, why)
    return row

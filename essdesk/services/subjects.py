"""Finding the subject of a report (a partnership, an event) from what the user typed."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Protocol, TypeVar

from essdesk.domain.text import fold
from essdesk.errors import EssDeskError


class Subject(Protocol):
    id: uuid.UUID
    title: str

    @property
    def label(self) -> str: ...


S = TypeVar("S", bound=Subject)


def pick_subject(items: Sequence[S], key: str | None, *, noun: str, none_message: str) -> S:
    """The item named by its id or (part of) its title; the first one when `key` is empty.

    `noun` names one item in messages (« événement », « partenariat »); titles are compared
    without case or accents.
    """
    if not items:
        raise EssDeskError(none_message)
    key = (key or "").strip()
    if not key:
        return items[0]
    try:
        wanted = uuid.UUID(key)
    except ValueError:
        wanted = None
    if wanted is not None:
        matches = [i for i in items if i.id == wanted]
    else:
        folded = fold(key)
        matches = [i for i in items if fold(i.title) == folded] or [
            i for i in items if folded in fold(i.title)
        ]
    if not matches:
        raise EssDeskError(f"Aucun {noun} ne correspond à « {key} ».")
    if len(matches) > 1:
        names = " ; ".join(f"{i.label} [{i.id}]" for i in matches[:5])
        raise EssDeskError(
            f"Plusieurs {noun}s correspondent à « {key} » : {names}. Précisez l'identifiant."
        )
    return matches[0]

"""Natural keys stored beside the rows, so that the database itself refuses a duplicate.

A young person is the same whatever the case, accents or hyphens of their name (« Lefèvre
Émilie » is « LEFEVRE EMILIE »); SQL cannot index that comparison portably, so the folded key
is computed here and stored in a `match_key` column with a unique index (revision 0005).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from essdesk.domain.text import squash


def youth_key(last_name: str | None, first_name: str | None, birth_date: date | None) -> str:
    return f"{squash(last_name or '')}|{squash(first_name or '')}|{_day(birth_date)}"


def contact_key(last_name: str | None, first_name: str | None) -> str:
    return f"{squash(last_name or '')}|{squash(first_name or '')}"


def offer_key(title: str | None, publication_date: date | None) -> str:
    # The date is part of the key text, so that two undated offers of one title also collide
    # (a NULL column would let them both in).
    return f"{squash(title or '')}|{_day(publication_date)}"


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


KEY_OF = {
    "youths": lambda r: youth_key(r.last_name, r.first_name, r.birth_date),
    "contacts": lambda r: contact_key(r.last_name, r.first_name),
    "offers": lambda r: offer_key(r.title, r.publication_date),
}


def keep_keys_current(model) -> None:
    """Recompute `match_key` whenever the ORM writes a row of `model`."""
    key_of = KEY_OF[model.__tablename__]

    def refresh(_mapper, _connection, target) -> None:
        target.match_key = key_of(target)

    event.listen(model, "before_insert", refresh)
    event.listen(model, "before_update", refresh)

"""Reference data every base holds from its creation: the public schemes and the 14 ROME domains."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select

from essdesk.db import models as m
from essdesk.db.models.base import utcnow
from essdesk.domain.nomenclatures import ROME_DOMAINS
from essdesk.domain.schemes import SCHEMES


def seed_reference_data(connection: Connection) -> dict[str, int]:
    """Add the schemes and ROME domains the base lacks, in the caller's transaction.

    Idempotent: a row already there (by code) is left as it is, even if the agency edited it,
    so running it after every migration only ever fills gaps. Returns what was added.
    """
    added = {
        "dispositifs": _insert_missing(
            connection,
            m.Scheme,
            {
                code: {
                    "name": scheme["name"],
                    "valid_from": scheme["valid_from"],
                    "valid_to": scheme["valid_to"],
                    "rules": _jsonable(scheme["rules"]),
                }
                for code, scheme in SCHEMES.items()
            },
        ),
        "domaines ROME": _insert_missing(
            connection, m.RomeCode, {code: {"label": label} for code, label in ROME_DOMAINS.items()}
        ),
    }
    return added


def _insert_missing(connection: Connection, model: Any, rows: dict[str, dict[str, Any]]) -> int:
    table = model.__table__
    present = set(connection.scalars(select(table.c.code).where(table.c.code.in_(list(rows)))))
    now = utcnow()
    missing = [
        {"id": uuid.uuid4(), "code": code, "version": 1, "created_at": now, "updated_at": now}
        | values
        for code, values in rows.items()
        if code not in present
    ]
    if missing:
        connection.execute(insert(table), missing)
    return len(missing)


def _jsonable(value: Any) -> Any:
    """Dates in scheme rules become ISO strings for the JSON column."""
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value

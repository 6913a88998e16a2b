"""Merging two duplicate records: one is kept, every link of the other moves to it, and the
merge is logged. The links are read from the models' foreign keys, so a table added later is
moved too without touching this module."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Column, Table, UniqueConstraint, delete, func, select, update
from sqlalchemy.orm import Session

from essdesk.db import models as m
from essdesk.db.database import Database
from essdesk.db.search_keys import forget_records
from essdesk.domain.french import format_count
from essdesk.errors import EssDeskError
from essdesk.services import access, sensitive

# Columns a merge never copies from the merged record into the kept one.
_OWN = {"id", "created_at", "updated_at", "version", "sort_key"}


class MergeNeedsChoice(EssDeskError):
    """Both records have an open placement: the user must say which one stays open."""

    def __init__(self, placements: list[tuple[uuid.UUID, str]]) -> None:
        names = " ; ".join(label for _id, label in placements)
        super().__init__(
            "Les deux fiches ont un contrat en cours : choisissez celui à garder ouvert avant "
            f"de fusionner ({names}). Rien n'a été modifié."
        )
        self.placements = placements


@dataclass(frozen=True)
class Merged:
    kept_id: uuid.UUID
    moved: dict[str, int]  # "table.column" → rows moved
    closed_placements: list[uuid.UUID]


def links_to(table: Table) -> list[Column]:
    """Every column of every table that references `table`'s id (from the models' metadata)."""
    return sorted(
        (
            fk.parent
            for other in m.Base.metadata.sorted_tables
            for fk in other.foreign_keys
            if fk.column.table is table and fk.column.name == "id"
        ),
        key=lambda c: (c.table.name, c.name),
    )


def merge_youths(
    db: Database,
    keep_id: uuid.UUID,
    merged_id: uuid.UUID,
    *,
    keep_placement_id: uuid.UUID | None = None,
    counsellor_id: uuid.UUID | None = None,
) -> Merged:
    """Keep `keep_id`, move every link of `merged_id` to it, then delete `merged_id`.

    When both have an open placement, `keep_placement_id` says which stays open (the other is
    closed as a duplicate); without it MergeNeedsChoice is raised and nothing is written.
    """
    actor = access.require_write(db, m.Youth.__tablename__, merged_id)  # a merge deletes one
    # The notes follow the kept record: under « followed only », both files must be one's own
    # (on PostgreSQL a trigger refuses moving notes one may not read, whoever asks).
    for youth_id in (keep_id, merged_id):
        sensitive.require_for_youth(db, youth_id)
    counsellor_id = counsellor_id or actor.counsellor_id
    with db.transaction() as session:
        keep, gone = _pair(session, m.Youth, keep_id, merged_id)
        open_placements = session.execute(
            select(m.Placement.id, m.Placement.youth_id, m.Placement.job_title, m.Employer.name)
            .join(m.Employer, m.Employer.id == m.Placement.employer_id)
            .where(m.Placement.youth_id.in_([keep_id, merged_id]), m.Placement.status == "active")
        ).all()
        closed: list[uuid.UUID] = []
        if {p.youth_id for p in open_placements} == {keep_id, merged_id}:
            choices = [(p.id, f"{p.job_title} chez {p.name}") for p in open_placements]
            if keep_placement_id not in {p.id for p in open_placements}:
                raise MergeNeedsChoice(choices)
            closed = [p.id for p in open_placements if p.id != keep_placement_id]
            for placement in session.scalars(select(m.Placement).where(m.Placement.id.in_(closed))):
                placement.status = "cancelled"
                note = "Fermé à la fusion de deux fiches du même jeune (contrat en double)."
                placement.notes = f"{placement.notes}\n{note}" if placement.notes else note
        label = f"{gone.first_name} {gone.last_name} (né(e) le {gone.birth_date:%d/%m/%Y})"
        moved = _merge(session, m.Youth, keep, gone, label, counsellor_id)
        _trace(session, actor, "youths", keep_id, merged_id, moved)
        return Merged(keep_id, moved, closed)


def merge_employers(
    db: Database,
    keep_id: uuid.UUID,
    merged_id: uuid.UUID,
    *,
    counsellor_id: uuid.UUID | None = None,
) -> Merged:
    """Keep `keep_id`, move contacts, offers, placements… of `merged_id` to it, delete it."""
    actor = access.require_write(db, m.Employer.__tablename__, merged_id)
    counsellor_id = counsellor_id or actor.counsellor_id
    with db.transaction() as session:
        keep, gone = _pair(session, m.Employer, keep_id, merged_id)
        siret = gone.siret
        label = gone.name + (f" (SIRET {siret})" if siret else "")
        if siret and not keep.siret:
            gone.siret = None  # the SIRET is unique: free it before the kept one takes it
            session.flush()
        moved = _merge(session, m.Employer, keep, gone, label, counsellor_id, siret=siret)
        _trace(session, actor, "employers", keep_id, merged_id, moved)
        return Merged(keep_id, moved, [])


def _trace(session, actor, table: str, keep_id, merged_id, moved: dict[str, int]) -> None:
    # One entry says what the merge was, beside the row changes the session traces; ids
    # only (no name): the kept young person's history shows it, and the purge finds it.
    access.trace(
        session, actor, "merge", table, keep_id,
        youth_id=keep_id if table == "youths" else None,
        detail=f"fiche {merged_id} fusionnée dans celle-ci ; "
        + format_count(sum(moved.values()), "lien déplacé", "liens déplacés"),
    )  # fmt: skip


def _pair(session: Session, model, keep_id, merged_id):
    if keep_id == merged_id:
        raise EssDeskError("Choisissez deux fiches différentes à fusionner.")
    keep, gone = session.get(model, keep_id), session.get(model, merged_id)
    if keep is None or gone is None:
        raise EssDeskError("Une des deux fiches n'existe plus : rien n'a été fusionné.")
    return keep, gone


def _merge(session, model, keep, gone, label, counsellor_id, siret=None) -> dict[str, int]:
    table = model.__table__
    moved = _move_links(session, table, keep.id, gone.id)
    # The kept record takes what only the merged one knew (an e-mail, a phone, a referent…).
    values = {c.key: getattr(gone, c.key) for c in table.columns if c.key not in _OWN}
    if siret:
        values["siret"] = siret
    session.execute(delete(table).where(table.c.id == gone.id))
    session.expunge(gone)
    for key, value in values.items():
        if getattr(keep, key) is None and value is not None:
            setattr(keep, key, value)
    if hasattr(model, "last_contact_at") and values.get("last_contact_at"):
        keep.last_contact_at = max(
            (t for t in (keep.last_contact_at, values["last_contact_at"]) if t),
            key=lambda t: t.replace(tzinfo=None),
        )
    forget_records(session, [gone.id])
    session.execute(
        update(m.MergeRecord).where(m.MergeRecord.kept_id == gone.id).values(kept_id=keep.id)
    )
    session.add(
        m.MergeRecord(
            entity=table.name,
            kept_id=keep.id,
            merged_id=gone.id,
            merged_label=label[:250],
            moved=moved,
            counsellor_id=counsellor_id,
        )
    )
    session.flush()
    return moved


def _move_links(session: Session, table: Table, keep_id, gone_id) -> dict[str, int]:
    """Point every reference to `gone_id` at `keep_id`; rows that would then collide with a
    unique constraint are merged the same way (an application of both to the same offer)."""
    moved: dict[str, int] = {}
    for column in links_to(table):
        child = column.table
        for unique in _uniques_with(child, column):
            others = [c for c in unique if c is not column]
            clashes = session.execute(select(child.c.id, *others).where(column == gone_id)).all()
            kept_map = {
                tuple(r[1:]): r[0]
                for r in session.execute(select(child.c.id, *others).where(column == keep_id))
            }
            for row in clashes:
                twin = kept_map.get(tuple(row[1:]))
                if twin is not None:
                    for name, count in _move_links(session, child, twin, row[0]).items():
                        moved[name] = moved.get(name, 0) + count
                    session.execute(delete(child).where(child.c.id == row[0]))
                    twins = f"{child.name} (en double, réunies)"
                    moved[twins] = moved.get(twins, 0) + 1
        count = session.scalar(select(func.count()).where(column == gone_id)) or 0
        if count:
            session.execute(update(child).where(column == gone_id).values({column.name: keep_id}))
            moved[f"{child.name}.{column.name}"] = count
    return moved


def _uniques_with(table: Table, column: Column) -> list[list[Column]]:
    return [
        list(c.columns)
        for c in table.constraints
        if isinstance(c, UniqueConstraint) and column.name in c.columns and len(c.columns) > 1
    ]

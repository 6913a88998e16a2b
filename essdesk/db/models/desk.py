"""The desk's own tables: interactions, situations, search terms, ROME proximities, merges."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from essdesk.db.models.base import Base, Entity, utcnow
from essdesk.db.models.sensitive import SensitiveText

# PostgreSQL compares the folded terms byte by byte so that a prefix is a plain B-tree range
# whatever the server's locale; SQLite's default BINARY collation already does.
TERM = String(60).with_variant(String(60, collation="C"), "postgresql")


class Interaction(Entity):
    """A dated contact with a young person or an employer (and maybe one of its contacts)."""

    __tablename__ = "interactions"
    __table_args__ = (
        CheckConstraint("youth_id IS NOT NULL OR employer_id IS NOT NULL", name="subject"),
        CheckConstraint("kind IN ('call', 'interview', 'email', 'visit', 'note')", name="kind"),
        Index("ix_interactions_youth_occurred", "youth_id", "occurred_at"),
        Index("ix_interactions_employer_occurred", "employer_id", "occurred_at"),
    )

    kind: Mapped[str] = mapped_column(String(12))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    counsellor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("counsellors.id", ondelete="SET NULL"), index=True
    )
    youth_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("youths.id", ondelete="CASCADE"))
    employer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("employers.id", ondelete="CASCADE")
    )
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str | None] = mapped_column(SensitiveText("essdesk_interactions_notes"))


class YouthSituation(Entity):
    """A dated situation of a young person: schooling, job seeking, work, training…"""

    __tablename__ = "youth_situations"
    __table_args__ = (Index("ix_youth_situations_youth_start", "youth_id", "start_date"),)

    youth_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("youths.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class SearchTerm(Base):
    """One folded word of a record (name, e-mail, phone digits…): typed prefixes find it by index.

    Derived data kept by services/search.py on every write; it has no foreign key because it
    points at four kinds of record (youth, employer, contact, offer).
    """

    __tablename__ = "search_terms"
    __table_args__ = (
        PrimaryKeyConstraint("kind", "term", "record_id"),
        Index("ix_search_terms_record_id", "record_id"),
    )

    kind: Mapped[str] = mapped_column(String(10))
    term: Mapped[str] = mapped_column(TERM)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)


class RomeProximity(Entity):
    """A mobility link between two ROME job sheets imported by the user (skills transfer)."""

    __tablename__ = "rome_proximities"
    __table_args__ = (UniqueConstraint("source_code", "target_code"),)

    source_code: Mapped[str] = mapped_column(String(5))
    target_code: Mapped[str] = mapped_column(String(5), index=True)
    label: Mapped[str | None] = mapped_column(String(250))


class MergeRecord(Entity):
    """What a merge of two duplicate records did: who was kept, who went, what moved."""

    __tablename__ = "merges"

    entity: Mapped[str] = mapped_column(String(20))
    kept_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    merged_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    merged_label: Mapped[str] = mapped_column(String(250))
    moved: Mapped[dict] = mapped_column(JSON, default=dict)  # table.column → rows moved
    counsellor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("counsellors.id", ondelete="SET NULL")
    )
    merged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

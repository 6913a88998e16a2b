"""Staff accounts, the append-only audit trail, the dated retention policy, base settings."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from essdesk.db.models.base import Base, Entity, utcnow
from essdesk.domain.access import ROLES


class User(Entity):
    """A staff member who may open the base, with one role (its permissions are data)."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN (" + ", ".join(f"'{r}'" for r in ROLES) + ")", name="role"),
    )

    login: Mapped[str] = mapped_column(String(63), unique=True)
    display_name: Mapped[str] = mapped_column(String(160))
    role: Mapped[str] = mapped_column(String(20))
    # argon2id hash; None only while the base has a single user (passwords optional then).
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    counsellor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("counsellors.id", ondelete="SET NULL")
    )
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Staff accounts are kept one year after their authorisation ends (DOMAIN: personal data).
    authorised_until: Mapped[date | None] = mapped_column(Date)


class AuditEntry(Base):
    """One traced action: written in the transaction of the change, never updated afterwards."""

    __tablename__ = "audit_entries"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(63))
    workstation: Mapped[str] = mapped_column(String(120))
    # insert, update, delete, import, export, merge, purge, erase, report, refused, login…
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # The young person the entry is about (no foreign key: the trace outlives the record).
    youth_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    changes: Mapped[dict | None] = mapped_column(JSON)
    detail: Mapped[str | None] = mapped_column(Text)


class RetentionPolicy(Entity):
    """The retention rules in force from `valid_from` (the newest applicable one wins)."""

    __tablename__ = "retention_policies"

    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    youth_age_limit: Mapped[int] = mapped_column(Integer)  # 26: "25 ans révolus"
    youth_extra_years: Mapped[int] = mapped_column(Integer)  # + 2 years
    cej_years: Mapped[int] = mapped_column(Integer)  # CEJ: 10 years after the contract ends
    programme_extra_months: Mapped[int] = mapped_column(Integer)
    staff_years: Mapped[int] = mapped_column(Integer)  # accounts: 1 year after authorisation
    audit_years: Mapped[int] = mapped_column(Integer)  # the trail itself
    warning_days: Mapped[int] = mapped_column(Integer)  # listed on the dashboard ahead
    note: Mapped[str | None] = mapped_column(Text)


class BaseSetting(Entity):
    """A setting of the structure kept in the base (shared by every PC), e.g. who sees the RQTH."""

    __tablename__ = "base_settings"

    key: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(Text)

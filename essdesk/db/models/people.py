"""Employers, their contacts, the agency's counsellors and the young people it follows."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from essdesk.db.models.base import SORT_KEY, Entity
from essdesk.db.models.keys import keep_keys_current
from essdesk.db.models.sensitive import SensitiveFlag
from essdesk.domain.nomenclatures import PARTNERSHIP_STATUSES, TERRITORIES, YOUTH_STATUSES


def _one_of(column: str, codes) -> str:
    values = ", ".join(f"'{code}'" for code in codes)
    return f"{column} IN ({values})"


class Counsellor(Entity):
    """A staff member of the agency, referent of young people."""

    __tablename__ = "counsellors"

    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Employer(Entity):
    """An employer (structure), mostly of the social and solidarity economy."""

    __tablename__ = "employers"
    __table_args__ = (
        CheckConstraint(_one_of("territory", TERRITORIES), name="territory"),
        CheckConstraint(
            _one_of("partnership_status", PARTNERSHIP_STATUSES), name="partnership_status"
        ),
        Index("ix_employers_sort_key_id", "sort_key", "id"),
    )

    name: Mapped[str] = mapped_column(String(200), index=True)
    legal_form: Mapped[str | None] = mapped_column(String(60))  # see domain.nomenclatures
    siret: Mapped[str | None] = mapped_column(String(14), unique=True)
    naf_code: Mapped[str | None] = mapped_column(String(6))
    sector: Mapped[str | None] = mapped_column(String(120))
    size_band: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(250))
    postcode: Mapped[str | None] = mapped_column(String(5), index=True)
    commune: Mapped[str | None] = mapped_column(String(120), index=True)
    territory: Mapped[str | None] = mapped_column(String(20))  # urban / peri_urban / rural
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    ess_networks: Mapped[list[str]] = mapped_column(JSON, default=list)
    partnership_status: Mapped[str] = mapped_column(String(20), default="none")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    # Derived, kept by the services: the French sort order and the latest interaction.
    sort_key: Mapped[str] = mapped_column(SORT_KEY, default="", server_default="")
    last_contact_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="employer", cascade="all, delete-orphan", passive_deletes=True
    )


class Contact(Entity):
    """A person at an employer: recruiter, director, tutor."""

    __tablename__ = "contacts"
    __table_args__ = (
        Index("ux_contacts_employer_match_key", "employer_id", "match_key", unique=True),
        Index("ix_contacts_sort_key_id", "sort_key", "id"),
    )

    employer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("employers.id", ondelete="CASCADE"), index=True
    )
    first_name: Mapped[str | None] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    # Folded name (keys.contact_key), unique per employer: filled on every write.
    match_key: Mapped[str] = mapped_column(String(400))
    role: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    is_tutor: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_key: Mapped[str] = mapped_column(SORT_KEY, default="", server_default="")

    employer: Mapped[Employer] = relationship(back_populates="contacts")


class Youth(Entity):
    """A young person followed by the agency (jeune accompagné)."""

    __tablename__ = "youths"
    __table_args__ = (
        UniqueConstraint("last_name", "first_name", "birth_date"),
        Index("ux_youths_match_key", "match_key", unique=True),
        CheckConstraint(_one_of("status", YOUTH_STATUSES), name="status"),
        CheckConstraint("qualification_level_new BETWEEN 1 AND 8", name="qualification_level_new"),
        Index("ix_youths_sort_key_id", "sort_key", "id"),
        Index("ix_youths_status_last_contact", "status", "last_contact_at"),
    )

    last_name: Mapped[str] = mapped_column(String(80), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    birth_date: Mapped[date] = mapped_column(Date, index=True)
    # Folded name and birth date (keys.youth_key): one young person, one row.
    match_key: Mapped[str] = mapped_column(String(400))
    gender: Mapped[str | None] = mapped_column(String(1))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(30))
    address: Mapped[str | None] = mapped_column(String(250))
    postcode: Mapped[str | None] = mapped_column(String(5), index=True)
    commune: Mapped[str | None] = mapped_column(String(120), index=True)
    qpv: Mapped[bool] = mapped_column(Boolean, default=False)
    qpv_list_version: Mapped[str | None] = mapped_column(String(10))  # e.g. "2024"
    rural_zone: Mapped[bool] = mapped_column(Boolean, default=False)  # ZRR, then FRR
    rqth: Mapped[bool] = mapped_column(SensitiveFlag("essdesk_youths_rqth"), default=False)
    qualification_level_old: Mapped[str | None] = mapped_column(String(4))  # VI, Vbis, V … I
    qualification_level_new: Mapped[int | None] = mapped_column(Integer)  # 1 … 8
    diploma_obtained: Mapped[bool] = mapped_column(Boolean, default=False)
    diploma_label: Mapped[str | None] = mapped_column(String(120))
    job_search_start: Mapped[date | None] = mapped_column(Date)
    referent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("counsellors.id", ondelete="SET NULL"), index=True
    )
    consent_date: Mapped[date | None] = mapped_column(Date)  # GDPR consent to keep the file
    status: Mapped[str] = mapped_column(String(20), default="active")
    # Information given to the person about their data (RGPD art. 13): when and in what form.
    information_date: Mapped[date | None] = mapped_column(Date)
    information_form: Mapped[str | None] = mapped_column(String(40))
    # Consents where consent is the legal basis; None = not asked.
    photo_consent: Mapped[bool | None] = mapped_column(Boolean)
    newsletter_consent: Mapped[bool | None] = mapped_column(Boolean)
    # Set by the purge: identity and free text are gone, only the statistics remain.
    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # What the young person looks for, used by the suggestions (domain/matching.py).
    wished_rome: Mapped[str | None] = mapped_column(String(5), index=True)
    wished_contract_type: Mapped[str | None] = mapped_column(String(40))
    wished_weekly_hours: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    mobility_km: Mapped[int | None] = mapped_column(Integer)
    available_from: Mapped[date | None] = mapped_column(Date)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # Derived, kept by the services: the French sort order and the latest interaction.
    sort_key: Mapped[str] = mapped_column(SORT_KEY, default="", server_default="")
    last_contact_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    referent: Mapped[Counsellor | None] = relationship()


keep_keys_current(Contact)
keep_keys_current(Youth)

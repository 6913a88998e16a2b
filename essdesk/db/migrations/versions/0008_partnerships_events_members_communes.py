"""Partnerships, events, members and communes: the tables the partners' reports read.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

New tables: partners of an agreement, its linked events and employers, membership fees and
memberships, mentoring pairs, partner organisations of an event, offers presented at a session,
and the communes table of territory types. New columns: roadmap fields of an action, status,
attendees and minutes file of a governance meeting, expected technical committees, a session's
registration deadline, and an attendance line's registration status, role and organisation.
Existing rows keep their meaning: meetings already recorded were held, attendance lines are
young people registered. Only columns are added to existing tables: no table is rebuilt.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "communes",
        sa.Column("insee_code", sa.String(length=5), nullable=False),
        sa.Column("postcode", sa.String(length=5), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("territory", sa.String(length=20), nullable=False),
        sa.Column("rural_zone", sa.Boolean(), nullable=False),
        sa.Column("has_qpv", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "territory IN ('urban', 'peri_urban', 'rural')", name=op.f("ck_communes_territory")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_communes")),
        sa.UniqueConstraint("insee_code", "postcode", name=op.f("uq_communes_insee_code")),
    )
    with op.batch_alter_table("communes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_communes_postcode"), ["postcode"], unique=False)

    op.create_table(
        "membership_fees",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("size_band", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership_fees")),
        sa.UniqueConstraint("year", "size_band", name=op.f("uq_membership_fees_year")),
    )
    op.create_table(
        "event_partners",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=True),
        sa.Column("role", sa.String(length=120), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.id"],
            name=op.f("fk_event_partners_employer_id_employers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_partners_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_partners")),
    )
    with op.batch_alter_table("event_partners", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_partners_event_id"), ["event_id"], unique=False)

    op.create_table(
        "memberships",
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("size_band", sa.String(length=20), nullable=True),
        sa.Column("fee", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("paid", sa.Boolean(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.id"],
            name=op.f("fk_memberships_employer_id_employers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
        sa.UniqueConstraint("employer_id", "year", name=op.f("uq_memberships_employer_id")),
    )
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_memberships_employer_id"), ["employer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_memberships_year"), ["year"], unique=False)

    op.create_table(
        "mentorships",
        sa.Column("youth_id", sa.Uuid(), nullable=False),
        sa.Column("volunteer_name", sa.String(length=160), nullable=False),
        sa.Column("volunteer_employer_id", sa.Uuid(), nullable=True),
        sa.Column("volunteer_contact", sa.String(length=200), nullable=True),
        sa.Column("partnership_id", sa.Uuid(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("meetings", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_mentorships_partnership_id_partnerships"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_employer_id"],
            ["employers.id"],
            name=op.f("fk_mentorships_volunteer_employer_id_employers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["youth_id"],
            ["youths.id"],
            name=op.f("fk_mentorships_youth_id_youths"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorships")),
    )
    with op.batch_alter_table("mentorships", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mentorships_partnership_id"), ["partnership_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_mentorships_volunteer_employer_id"),
            ["volunteer_employer_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_mentorships_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "partnership_employers",
        sa.Column("partnership_id", sa.Uuid(), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.id"],
            name=op.f("fk_partnership_employers_employer_id_employers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_partnership_employers_partnership_id_partnerships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership_employers")),
        sa.UniqueConstraint(
            "partnership_id", "employer_id", name=op.f("uq_partnership_employers_partnership_id")
        ),
    )
    with op.batch_alter_table("partnership_employers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_partnership_employers_employer_id"), ["employer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_partnership_employers_partnership_id"), ["partnership_id"], unique=False
        )

    op.create_table(
        "partnership_events",
        sa.Column("partnership_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_partnership_events_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_partnership_events_partnership_id_partnerships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership_events")),
        sa.UniqueConstraint(
            "partnership_id", "event_id", name=op.f("uq_partnership_events_partnership_id")
        ),
    )
    with op.batch_alter_table("partnership_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_partnership_events_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_partnership_events_partnership_id"), ["partnership_id"], unique=False
        )

    op.create_table(
        "partnership_partners",
        sa.Column("partnership_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=True),
        sa.Column("role", sa.String(length=120), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.id"],
            name=op.f("fk_partnership_partners_employer_id_employers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_partnership_partners_partnership_id_partnerships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership_partners")),
    )
    with op.batch_alter_table("partnership_partners", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_partnership_partners_partnership_id"), ["partnership_id"], unique=False
        )

    op.create_table(
        "session_offers",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("offer_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offers.id"],
            name=op.f("fk_session_offers_offer_id_offers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["event_sessions.id"],
            name=op.f("fk_session_offers_session_id_event_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_offers")),
        sa.UniqueConstraint("session_id", "offer_id", name=op.f("uq_session_offers_session_id")),
    )
    with op.batch_alter_table("session_offers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_offers_offer_id"), ["offer_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_session_offers_session_id"), ["session_id"], unique=False
        )

    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "registration", sa.String(length=20), server_default="registered", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("role", sa.String(length=20), server_default="youth", nullable=False)
        )
        batch_op.add_column(sa.Column("organisation", sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f("ix_attendances_youth_id"), ["youth_id"], unique=False)

    with op.batch_alter_table("event_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("registration_deadline", sa.Date(), nullable=True))

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_start_date"), ["start_date"], unique=False)

    with op.batch_alter_table("partnership_actions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("target", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("indicator", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("owner", sa.String(length=120), nullable=True))

    with op.batch_alter_table("partnership_meetings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=20), server_default="held", nullable=False)
        )
        batch_op.add_column(sa.Column("attendees", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("minutes_file", sa.String(length=500), nullable=True))

    with op.batch_alter_table("partnerships", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("technical_per_year", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("partnerships", schema=None) as batch_op:
        batch_op.drop_column("description")
        batch_op.drop_column("technical_per_year")

    with op.batch_alter_table("partnership_meetings", schema=None) as batch_op:
        batch_op.drop_column("minutes_file")
        batch_op.drop_column("attendees")
        batch_op.drop_column("status")

    with op.batch_alter_table("partnership_actions", schema=None) as batch_op:
        batch_op.drop_column("owner")
        batch_op.drop_column("indicator")
        batch_op.drop_column("target")
        batch_op.drop_column("year")

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_start_date"))

    with op.batch_alter_table("event_sessions", schema=None) as batch_op:
        batch_op.drop_column("registration_deadline")

    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendances_youth_id"))
        batch_op.drop_column("organisation")
        batch_op.drop_column("role")
        batch_op.drop_column("registration")

    with op.batch_alter_table("session_offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_offers_session_id"))
        batch_op.drop_index(batch_op.f("ix_session_offers_offer_id"))

    op.drop_table("session_offers")
    with op.batch_alter_table("partnership_partners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partnership_partners_partnership_id"))

    op.drop_table("partnership_partners")
    with op.batch_alter_table("partnership_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partnership_events_partnership_id"))
        batch_op.drop_index(batch_op.f("ix_partnership_events_event_id"))

    op.drop_table("partnership_events")
    with op.batch_alter_table("partnership_employers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partnership_employers_partnership_id"))
        batch_op.drop_index(batch_op.f("ix_partnership_employers_employer_id"))

    op.drop_table("partnership_employers")
    with op.batch_alter_table("mentorships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentorships_youth_id"))
        batch_op.drop_index(batch_op.f("ix_mentorships_volunteer_employer_id"))
        batch_op.drop_index(batch_op.f("ix_mentorships_partnership_id"))

    op.drop_table("mentorships")
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_memberships_year"))
        batch_op.drop_index(batch_op.f("ix_memberships_employer_id"))

    op.drop_table("memberships")
    with op.batch_alter_table("event_partners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_partners_event_id"))

    op.drop_table("event_partners")
    op.drop_table("membership_fees")
    with op.batch_alter_table("communes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_communes_postcode"))

    op.drop_table("communes")

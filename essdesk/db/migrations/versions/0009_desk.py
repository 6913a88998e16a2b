"""The desk: interactions, situations, positioning states and history, search keys, merges.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

Positionings move to the states of the national inclusion platform (proposed → new, sent and
interview → processing, hired → accepted, rejected → refused, withdrawn → cancelled), their
history gains the date, counsellor, previous state and refusal reason. Sort keys and search
terms of the existing youths, employers, contacts and offers are computed here, and the date
of last news of offers and positionings is filled from what the base knows.
"""

import sqlalchemy as sa
from alembic import op

# The derived keys must be computed exactly as the app's queries expect them, so the migration
# uses the domain's own rule (pure functions, no model): a later change of the rule ships its
# own migration that recomputes them.
from essdesk.domain.search_keys import record_terms, sort_key

SORT_KEY = sa.String(200).with_variant(sa.String(200, collation="C"), "postgresql")

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rome_proximities",
        sa.Column("source_code", sa.String(length=5), nullable=False),
        sa.Column("target_code", sa.String(length=5), nullable=False),
        sa.Column("label", sa.String(length=250), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rome_proximities")),
        sa.UniqueConstraint(
            "source_code", "target_code", name=op.f("uq_rome_proximities_source_code")
        ),
    )
    with op.batch_alter_table("rome_proximities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rome_proximities_target_code"), ["target_code"], unique=False
        )

    op.create_table(
        "search_terms",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column(
            "term",
            sa.String(length=60).with_variant(sa.String(length=60, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "term", "record_id", name=op.f("pk_search_terms")),
    )
    with op.batch_alter_table("search_terms", schema=None) as batch_op:
        batch_op.create_index("ix_search_terms_record_id", ["record_id"], unique=False)

    op.create_table(
        "merges",
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("kept_id", sa.Uuid(), nullable=False),
        sa.Column("merged_id", sa.Uuid(), nullable=False),
        sa.Column("merged_label", sa.String(length=250), nullable=False),
        sa.Column("moved", sa.JSON(), nullable=False),
        sa.Column("counsellor_id", sa.Uuid(), nullable=True),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellors.id"],
            name=op.f("fk_merges_counsellor_id_counsellors"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merges")),
    )
    with op.batch_alter_table("merges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merges_kept_id"), ["kept_id"], unique=False)

    op.create_table(
        "interactions",
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counsellor_id", sa.Uuid(), nullable=True),
        sa.Column("youth_id", sa.Uuid(), nullable=True),
        sa.Column("employer_id", sa.Uuid(), nullable=True),
        sa.Column("contact_id", sa.Uuid(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('call', 'interview', 'email', 'visit', 'note')",
            name=op.f("ck_interactions_kind"),
        ),
        sa.CheckConstraint(
            "youth_id IS NOT NULL OR employer_id IS NOT NULL", name=op.f("ck_interactions_subject")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_interactions_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellors.id"],
            name=op.f("fk_interactions_counsellor_id_counsellors"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.id"],
            name=op.f("fk_interactions_employer_id_employers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["youth_id"],
            ["youths.id"],
            name=op.f("fk_interactions_youth_id_youths"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
    )
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interactions_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interactions_counsellor_id"), ["counsellor_id"], unique=False
        )
        batch_op.create_index(
            "ix_interactions_employer_occurred", ["employer_id", "occurred_at"], unique=False
        )
        batch_op.create_index(
            "ix_interactions_youth_occurred", ["youth_id", "occurred_at"], unique=False
        )

    op.create_table(
        "youth_situations",
        sa.Column("youth_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["youth_id"],
            ["youths.id"],
            name=op.f("fk_youth_situations_youth_id_youths"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_youth_situations")),
    )
    with op.batch_alter_table("youth_situations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_youth_situations_youth_start", ["youth_id", "start_date"], unique=False
        )

    with op.batch_alter_table("application_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("from_status", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("counsellor_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.String(length=30), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_application_events_counsellor_id_counsellors"),
            "counsellors",
            ["counsellor_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refusal_reason", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("last_news_on", sa.Date(), nullable=True))
        batch_op.create_index(
            "ix_applications_status_last_news", ["status", "last_news_on"], unique=False
        )

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sort_key", SORT_KEY, server_default="", nullable=False))
        batch_op.create_index("ix_contacts_sort_key_id", ["sort_key", "id"], unique=False)

    with op.batch_alter_table("employers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sort_key", SORT_KEY, server_default="", nullable=False))
        batch_op.add_column(sa.Column("last_contact_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_employers_postcode"), ["postcode"], unique=False)
        batch_op.create_index("ix_employers_sort_key_id", ["sort_key", "id"], unique=False)

    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("postcode", sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("sort_key", SORT_KEY, server_default="", nullable=False))
        batch_op.add_column(sa.Column("last_news_on", sa.Date(), nullable=True))
        batch_op.create_index("ix_offers_sort_key_id", ["sort_key", "id"], unique=False)
        batch_op.create_index(
            "ix_offers_status_last_news", ["status", "last_news_on"], unique=False
        )
        batch_op.create_index("ix_offers_status_rome", ["status", "rome_code"], unique=False)

    with op.batch_alter_table("youths", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wished_rome", sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column("wished_contract_type", sa.String(length=40), nullable=True))
        batch_op.add_column(
            sa.Column("wished_weekly_hours", sa.Numeric(precision=5, scale=2), nullable=True)
        )
        batch_op.add_column(sa.Column("mobility_km", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("available_from", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("sort_key", SORT_KEY, server_default="", nullable=False))
        batch_op.add_column(sa.Column("last_contact_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_youths_birth_date"), ["birth_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_youths_postcode"), ["postcode"], unique=False)
        batch_op.create_index("ix_youths_sort_key_id", ["sort_key", "id"], unique=False)
        batch_op.create_index(
            "ix_youths_status_last_contact", ["status", "last_contact_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_youths_wished_rome"), ["wished_rome"], unique=False)

    _move_statuses()
    _fill_derived_keys()


STATUS_MOVES = {
    "proposed": "new",
    "sent": "processing",
    "interview": "processing",
    "hired": "accepted",
    "rejected": "refused",
    "withdrawn": "cancelled",
}


def _move_statuses() -> None:
    for table in ("applications", "application_events"):
        for old, new in STATUS_MOVES.items():
            op.execute(
                sa.text(f"UPDATE {table} SET status = :new WHERE status = :old").bindparams(
                    new=new, old=old
                )
            )
    op.execute("UPDATE applications SET last_news_on = proposed_on")
    op.execute("UPDATE offers SET last_news_on = publication_date")


KEYS = {
    "youths": ("youth", ("first_name", "last_name"), ("last_name", "first_name"), ()),
    "employers": ("employer", ("name",), ("name",), ("siret",)),
    "contacts": ("contact", ("first_name", "last_name"), ("last_name", "first_name"), ()),
    "offers": ("offer", ("title",), ("title",), ("rome_code",)),
}


def _fill_derived_keys() -> None:
    connection = op.get_bind()
    terms_table = sa.table(
        "search_terms", sa.column("kind"), sa.column("term"), sa.column("record_id", sa.Uuid)
    )
    for name, (kind, names, sort, codes) in KEYS.items():
        table = sa.Table(
            name,
            sa.MetaData(),
            sa.Column("id", sa.Uuid, primary_key=True),
            autoload_with=connection,
        )
        has = set(table.c.keys())
        rows = connection.execute(sa.select(table)).mappings().all()
        for row in rows:
            connection.execute(
                table.update()
                .where(table.c.id == row["id"])
                .values(sort_key=sort_key(*(row[c] for c in sort)))
            )
            terms = record_terms(
                names=[row[c] for c in names],
                emails=[row["email"]] if "email" in has else [],
                phones=[row["phone"]] if "phone" in has else [],
                codes=[row[c] for c in codes if c in has],
            )
            if terms:
                connection.execute(
                    terms_table.insert(),
                    [{"kind": kind, "term": t, "record_id": row["id"]} for t in terms],
                )


def downgrade() -> None:
    for table in ("applications", "application_events"):
        for old, new in {"new": "proposed", "accepted": "hired", "refused": "rejected"}.items():
            op.execute(f"UPDATE {table} SET status = '{new}' WHERE status = '{old}'")
        op.execute(
            f"UPDATE {table} SET status = 'sent' WHERE status IN ('processing', 'postponed', "
            "'prior_to_hire', 'pool')"
        )
        op.execute(
            f"UPDATE {table} SET status = 'withdrawn' WHERE status IN ('cancelled', 'obsolete')"
        )
    with op.batch_alter_table("youths", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_youths_wished_rome"))
        batch_op.drop_index("ix_youths_status_last_contact")
        batch_op.drop_index("ix_youths_sort_key_id")
        batch_op.drop_index(batch_op.f("ix_youths_postcode"))
        batch_op.drop_index(batch_op.f("ix_youths_birth_date"))
        batch_op.drop_column("last_contact_at")
        batch_op.drop_column("sort_key")
        batch_op.drop_column("longitude")
        batch_op.drop_column("latitude")
        batch_op.drop_column("available_from")
        batch_op.drop_column("mobility_km")
        batch_op.drop_column("wished_weekly_hours")
        batch_op.drop_column("wished_contract_type")
        batch_op.drop_column("wished_rome")

    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_index("ix_offers_status_rome")
        batch_op.drop_index("ix_offers_status_last_news")
        batch_op.drop_index("ix_offers_sort_key_id")
        batch_op.drop_column("last_news_on")
        batch_op.drop_column("sort_key")
        batch_op.drop_column("longitude")
        batch_op.drop_column("latitude")
        batch_op.drop_column("postcode")

    with op.batch_alter_table("employers", schema=None) as batch_op:
        batch_op.drop_index("ix_employers_sort_key_id")
        batch_op.drop_index(batch_op.f("ix_employers_postcode"))
        batch_op.drop_column("last_contact_at")
        batch_op.drop_column("sort_key")

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_contacts_sort_key_id")
        batch_op.drop_column("sort_key")

    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index("ix_applications_status_last_news")
        batch_op.drop_column("last_news_on")
        batch_op.drop_column("refusal_reason")

    with op.batch_alter_table("application_events", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_application_events_counsellor_id_counsellors"), type_="foreignkey"
        )
        batch_op.drop_column("reason")
        batch_op.drop_column("counsellor_id")
        batch_op.drop_column("on")
        batch_op.drop_column("from_status")

    with op.batch_alter_table("youth_situations", schema=None) as batch_op:
        batch_op.drop_index("ix_youth_situations_youth_start")

    op.drop_table("youth_situations")
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index("ix_interactions_youth_occurred")
        batch_op.drop_index("ix_interactions_employer_occurred")
        batch_op.drop_index(batch_op.f("ix_interactions_counsellor_id"))
        batch_op.drop_index(batch_op.f("ix_interactions_contact_id"))

    op.drop_table("interactions")
    with op.batch_alter_table("merges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merges_kept_id"))

    op.drop_table("merges")
    with op.batch_alter_table("search_terms", schema=None) as batch_op:
        batch_op.drop_index("ix_search_terms_record_id")

    op.drop_table("search_terms")
    with op.batch_alter_table("rome_proximities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rome_proximities_target_code"))

    op.drop_table("rome_proximities")

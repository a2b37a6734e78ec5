"""Cases: the case file, its agencies, notes, attachments, evidence, instruments and timeline.

Revision ID: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def _case_id() -> sa.Column[int]:
    return sa.Column("case_id", sa.Integer, sa.ForeignKey("case_file.id"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "case_file",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("actor_type", sa.String(20), nullable=False),
        sa.Column("actor_id", sa.String(200), nullable=False),
        sa.Column("opened_by", sa.String(100), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("outcome", sa.Text),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("status IN ('new', 'under_assessment', 'in_action', 'closed')",
                           name="case_status_known"),
    )
    op.create_table(
        "case_agency",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("case_file.id"), primary_key=True),
        sa.Column("agency", sa.String(40), primary_key=True),
    )
    op.create_table(
        "case_note",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _case_id(),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("written_by", sa.String(100), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "case_attachment",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _case_id(),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("added_by", sa.String(100), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "case_evidence_link",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _case_id(),
        sa.Column("indicator_id", sa.String(20), nullable=False),
        sa.Column("actor_id", sa.String(200), nullable=False),
        sa.Column("reference", sa.String(400)),
        sa.Column("period", sa.String(40)),
        sa.Column("detail", sa.Text),
    )
    op.create_table(
        "case_instrument",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _case_id(),
        sa.Column("instrument_id", sa.String(60), nullable=False),
        sa.Column("agency", sa.String(40), nullable=False),
        sa.Column("applied_on", sa.Date, nullable=False),
        sa.Column("amount_oere", sa.BigInteger),
        sa.Column("outcome", sa.Text),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount_oere >= 0", name="case_amount_not_negative"),
    )
    op.create_table(
        "case_event",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _case_id(),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text),
    )

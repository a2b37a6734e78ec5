"""The audit log becomes a hash chain: entries written before it are chained in id order.

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op

from akrim.ops.chain import GENESIS, entry_hash

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("prev_hash", sa.String(64)))
        batch.add_column(sa.Column("hash", sa.String(64)))
    bind = op.get_bind()
    log = sa.table("audit_log", sa.column("id", sa.Integer), sa.column("at", sa.DateTime),
                   sa.column("user_name", sa.String), sa.column("action", sa.String),
                   sa.column("subject", sa.String), sa.column("purpose", sa.Text),
                   sa.column("prev_hash", sa.String), sa.column("hash", sa.String))
    previous = GENESIS
    for row in bind.execute(sa.select(log).order_by(log.c.id)).all():
        current = entry_hash(previous, row.id, row.at, row.user_name, row.action, row.subject,
                             row.purpose)
        bind.execute(sa.update(log).where(log.c.id == row.id)
                     .values(prev_hash=previous, hash=current))
        previous = current
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("prev_hash", existing_type=sa.String(64), nullable=False)
        batch.alter_column("hash", existing_type=sa.String(64), nullable=False)
        # One entry per predecessor: two writers racing for the same place cannot fork it.
        batch.create_unique_constraint("audit_one_successor", ["prev_hash"])

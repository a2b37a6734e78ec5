"""Alembic's environment for the operational store: the connection comes from `migrate`."""

from alembic import context

from akrim.ops.db import metadata

context.configure(connection=context.config.attributes["connection"],
                  target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

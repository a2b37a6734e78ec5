"""The operational store: what people decide and do (judgements, audit log), kept apart from
the analytical store so that every rebuild of derived data leaves it untouched.

SQLite in the data directory by default; PostgreSQL when `AKRIM_OPS_DB_URL` names one.
"""

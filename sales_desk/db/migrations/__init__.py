"""Alembic migrations shipped inside the package; run at start-up after a backup."""

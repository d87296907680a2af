"""PostgreSQL with PostGIS: events get a geography point with a GiST index (bbox and distance
queries use it). Skipped on SQLite, and where the server has no PostGIS or the user may not
create the extension (the store then filters on latitude and longitude).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if bind.execute(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")
                    ).first() is None:
        return
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS postgis"))
    except sa.exc.DBAPIError:
        return  # no right to create it: the store works without
    op.execute("ALTER TABLE events ADD COLUMN geog geography(Point, 4326)")
    op.execute("UPDATE events SET geog = ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)"
               "::geography WHERE latitude IS NOT NULL AND longitude IS NOT NULL")
    op.execute("CREATE INDEX ix_events_geog ON events USING GIST (geog)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_events_geog")
        op.execute("ALTER TABLE events DROP COLUMN IF EXISTS geog")

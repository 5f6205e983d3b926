"""Write the next migration by comparing the models with a database at head.

    python tools/new_migration.py "add customer credit fields"

Revision ids are four digits (0001, 0002, …); start-up compares them without Alembic.
Review the generated file: autogenerate misses triggers, data moves and renames.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config

from sales_desk.db import schema
from sales_desk.db.engine import make_engine


def main(message: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'head.sqlite'}")
        if schema.packaged_revisions():
            schema.upgrade(engine)
        revs = schema.packaged_revisions()
        next_id = f"{int(revs[-1]) + 1 if revs else 1:04d}"
        cfg = Config()
        cfg.set_main_option("script_location", str(schema.VERSIONS_DIR.parent))
        cfg.set_main_option("file_template", "%%(rev)s_%%(slug)s")
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True, rev_id=next_id)
        engine.dispose()


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "change")

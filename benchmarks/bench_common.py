"""What the benchmarks share: a timer, and a fresh database (SQLite in a folder, or a
PostgreSQL database made for the run and dropped after it)."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sales_desk.config import AppConfig  # noqa: E402
from sales_desk.db.database import Database, open_database  # noqa: E402


def ms(fn: Callable[[], object], repeat: int = 7) -> tuple[float, float, object]:
    """(first call, median of the rest) in milliseconds, and the last result."""
    t0 = time.perf_counter()
    out = fn()
    first = (time.perf_counter() - t0) * 1000
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return first, statistics.median(times), out


def add_database_options(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--pg", help="a PostgreSQL URL allowed to CREATE DATABASE (default: SQLite)")
    ap.add_argument("--keep", help="data folder to use and keep (default: a temporary one)")


@contextmanager
def bench_database(args: argparse.Namespace, prefix: str = "sd-bench-") -> Iterator[Database]:
    """A new database for the run (--pg: one made on that server, dropped after)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    data_dir = Path(args.keep or tempfile.mkdtemp(prefix=prefix))
    pg_name, admin_engine = None, None
    if args.pg:
        pg_name = f"sd_bench_{uuid.uuid4().hex[:8]}"
        admin_engine = create_engine(args.pg, isolation_level="AUTOCOMMIT")
        with admin_engine.connect() as c:
            c.execute(text(f'CREATE DATABASE "{pg_name}"'))
        url = make_url(args.pg).set(database=pg_name).render_as_string(hide_password=False)
        config = AppConfig(data_dir=data_dir, db_url=url)
    else:
        config = AppConfig(data_dir=data_dir)
    db = open_database(config, auto_backup=False)
    try:
        yield db
    finally:
        db.close()
        if admin_engine is not None:
            with admin_engine.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))

"""A damaged database is never deleted or overwritten: it is kept aside and a restore works."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sales_desk.db.backup import CorruptDatabase, quarantine
from sales_desk.db.database import open_database
from sales_desk.db.file_check import probe_in_background
from tests.db.helpers import dump_file, populated, sqlite_config


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00garbage\xff" * (path.stat().st_size // 9 + 1))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def _bad_page(path: Path) -> None:
    # An interior b-tree page overwritten: the header still says "SQLite format 3".
    with open(path, "r+b") as fh:
        fh.seek(4096 * 3)
        fh.write(b"\x0d\xff\xff\xff" * 1024)


def _bad_header(path: Path) -> None:
    with open(path, "r+b") as fh:
        fh.write(b"Not SQLite at all")


@pytest.mark.parametrize("early", [False, True], ids=["checked_when_opened", "checked_beside_the_imports"])
@pytest.mark.parametrize("damage", [_garbage, _truncate, _bad_page, _bad_header])
def test_damaged_database_is_kept_aside_and_the_latest_backup_restores(tmp_path: Path, damage, early) -> None:  # noqa: ANN001
    """`early`: the check the app starts on a thread of its own before SQLAlchemy loads."""
    config = sqlite_config(tmp_path / "data")
    db = populated(config.data_dir)
    backup = db.backups.take("manual")
    db.close()
    live = config.sqlite_path
    damage(live)
    damaged = live.read_bytes()

    with pytest.raises(CorruptDatabase) as err:
        open_database(config, probed=probe_in_background(live) if early else None)
    kept = err.value.quarantined
    assert ".corrupt-" in kept.name and kept.parent == live.parent
    assert kept.read_bytes() == damaged  # every byte kept
    assert not live.exists()
    assert kept.name in str(err.value)

    latest = db.backups.list()[0]
    assert latest.path == backup.path
    db.backups.restore(latest.path)
    reopened = open_database(config)  # the refusal let go of the folder lock too
    try:
        assert reopened.schema_event == "current"
    finally:
        reopened.close()
    assert dump_file(live) == dump_file(backup.path)
    assert kept.read_bytes() == damaged


def test_quarantine_moves_the_wal_files_with_the_database(tmp_path: Path) -> None:
    db = tmp_path / "sales-desk.sqlite"
    for suffix, content in (("", b"main"), ("-wal", b"wal"), ("-shm", b"shm")):
        Path(str(db) + suffix).write_bytes(content)
    kept = quarantine(db)
    assert [Path(str(kept) + s).read_bytes() for s in ("", "-wal", "-shm")] == [b"main", b"wal", b"shm"]
    assert not any(Path(str(db) + s).exists() for s in ("", "-wal", "-shm"))


def test_quarantine_never_replaces_an_earlier_quarantined_file(tmp_path: Path) -> None:
    db = tmp_path / "sales-desk.sqlite"
    same_second = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
    db.write_bytes(b"first damaged file")
    first = quarantine(db, same_second)
    db.write_bytes(b"second damaged file")
    second = quarantine(db, same_second)
    assert first != second
    assert first.read_bytes() == b"first damaged file"
    assert second.read_bytes() == b"second damaged file"


def test_the_check_started_beside_the_imports_passes_a_sound_file(tmp_path: Path) -> None:
    config = sqlite_config(tmp_path / "data")
    populated(config.data_dir).close()
    assert probe_in_background(config.sqlite_path)() is None
    assert probe_in_background(tmp_path / "none-yet.sqlite")() is None  # a new firm: nothing to check
    open_database(config, probed=probe_in_background(config.sqlite_path)).close()

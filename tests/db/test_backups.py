"""Backups: consistent while others write, verified, atomic, rotated; restore is undoable."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from sales_desk.db.backup import BackupFailed, BackupStore, copy_sqlite, integrity_errors
from sales_desk.db.database import open_database
from sales_desk.services.admin import audit, settings
from tests.db.helpers import dump_file, populated, populated_with_admin, sqlite_config

T0 = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)  # a Sunday


class Clock:
    def __init__(self, now: datetime = T0):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _damage(path: Path) -> None:
    """Overwrite the middle of the file (a few pages) with garbage, keeping the header."""
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.seek(size // 2)
        fh.write(b"\xde\xad\xbe\xef" * 4096)


def test_backup_then_restore_gives_identical_data(tmp_path: Path) -> None:
    db, actor = populated_with_admin(tmp_path / "data")
    store = db.backups
    live = db.config.sqlite_path
    saved = dump_file(live)
    backup = store.take("manual")
    assert dump_file(backup.path) == saved

    settings.update_settings(db.uow(actor), {"company.name": "changed after the backup"})
    changed = dump_file(live)
    assert changed != saved
    db.close()

    safety = store.restore(backup.path)
    assert dump_file(live) == saved
    assert safety is not None and dump_file(safety) == changed  # the restore can be undone
    reopened = open_database(sqlite_config(tmp_path / "data"))
    try:
        assert audit.verify_chain(reopened.uow(actor)).ok
    finally:
        reopened.close()


def test_restore_over_a_damaged_database_keeps_the_damaged_file_aside(tmp_path: Path) -> None:
    db = populated(tmp_path / "data")
    backup = db.backups.take("manual")
    live = db.config.sqlite_path
    db.close()
    _damage(live)
    damaged_bytes = live.read_bytes()
    kept = db.backups.restore(backup.path)
    assert kept is not None and ".corrupt-" in kept.name
    assert kept.read_bytes() == damaged_bytes
    assert integrity_errors(live) == []


def test_damaged_backup_is_refused_and_the_database_untouched(tmp_path: Path) -> None:
    db = populated(tmp_path / "data")
    backup = db.backups.take("manual")
    db.close()
    _damage(backup.path)
    before = db.config.sqlite_path.read_bytes()
    with pytest.raises(BackupFailed, match="damaged"):
        db.backups.restore(backup.path)
    assert db.config.sqlite_path.read_bytes() == before
    assert [b.kind for b in db.backups.list()] == ["manual"]  # no safety copy was needed


def test_a_file_that_is_no_database_is_refused_for_restore(tmp_path: Path) -> None:
    db = populated(tmp_path / "data")
    db.close()
    junk = tmp_path / "notes.sqlite"
    junk.write_bytes(b"these are meeting notes, not a database" * 100)
    with pytest.raises(BackupFailed):
        db.backups.restore(junk)
    with pytest.raises(BackupFailed):
        db.backups.restore(tmp_path / "missing.sqlite")
    assert not (tmp_path / "missing.sqlite").exists()  # checking it did not create it


def test_backup_taken_while_another_connection_writes_is_whole(tmp_path: Path) -> None:
    db, actor = populated_with_admin(tmp_path / "data")
    # Bulk so the copy takes many steps (a step is 1,024 pages).
    raw = sqlite3.connect(db.config.sqlite_path)
    raw.executemany("INSERT INTO login_failures (username, at) VALUES (?, '2026-01-01 00:00:00')",
                    ((f"user{i:07d}-{'x' * 40}",) for i in range(60_000)))
    raw.commit()
    raw.close()

    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            settings.update_settings(db.uow(actor), {"company.name": f"Co {200 + n % 500}"})
            written.append(n)

    steps: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        # A copy that starts over whenever someone writes would never finish.
        if steps and done <= steps[-1][0]:
            raise AssertionError(f"the copy started over: {steps[-1]} then {(done, total)}")
        steps.append((done, total))
        time.sleep(0.005)  # as a progress bar would: the writer gets in between steps

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 3:  # the writer is under way before the copy starts
            threading.Event().wait(0.01)
        info = db.backups.take("manual", progress=progress)
    finally:
        stop.set()
        thread.join()
    assert len(steps) > 2 and steps[-1][0] == steps[-1][1]
    assert integrity_errors(info.path) == []
    db.close()

    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copy(info.path, restored / "sales-desk.sqlite")
    other = open_database(sqlite_config(restored))
    try:
        assert other.schema_event == "current"
        assert audit.verify_chain(other.uow(actor)).ok
    finally:
        other.close()


def test_cancelled_backup_leaves_no_file(tmp_path: Path) -> None:
    db = populated(tmp_path / "data")

    class Stop(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        db.backups.take("manual", progress=cancel)
    db.close()
    assert db.backups.list() == []
    assert list(db.backups.folder.glob("*.part")) == []


def test_half_written_part_file_is_never_listed(tmp_path: Path) -> None:
    db = populated(tmp_path / "data")
    db.close()
    store = db.backups
    store.folder.mkdir(parents=True, exist_ok=True)
    (store.folder / "auto-20261122-093000.sqlite.part").write_bytes(b"SQLite format 3\x00 half")
    (store.folder / "manual-20261122-093000.sqlite.part").write_bytes(b"")
    assert store.list() == []
    real = store.take("manual")
    assert [b.path for b in store.list()] == [real.path]


def test_daily_backup_is_taken_once_a_day(tmp_path: Path) -> None:
    db = populated(tmp_path / "data")
    db.close()
    clock = Clock()
    store = BackupStore(db.backups.folder, db.config.sqlite_path, clock)
    first = store.daily_if_due()
    assert first is not None and first.kind == "auto"
    clock.now = T0 + timedelta(hours=10)
    assert store.daily_if_due() is None
    clock.now = T0 + timedelta(days=1)
    assert store.daily_if_due() is not None
    assert [b.kind for b in store.list()] == ["auto", "auto"]


@pytest.fixture
def beijing(monkeypatch: pytest.MonkeyPatch):
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset")
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_once_a_day_means_the_users_day_not_utcs(tmp_path: Path, beijing) -> None:
    db = populated(tmp_path / "data")
    db.close()
    early = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)  # 07:00 on the 23rd in Beijing
    clock = Clock(early)
    store = BackupStore(db.backups.folder, db.config.sqlite_path, clock)
    assert store.daily_if_due() is not None
    clock.now = early + timedelta(hours=2)  # 09:00 the same morning; a new day in UTC
    assert store.daily_if_due() is None
    clock.now = early + timedelta(hours=17)  # 00:00 on the 24th in Beijing
    assert store.daily_if_due() is not None


def test_a_copy_cut_short_by_a_crash_is_cleared_by_the_next_daily_backup(tmp_path: Path) -> None:
    db = populated(tmp_path / "data")
    db.close()
    store = BackupStore(db.backups.folder, db.config.sqlite_path, Clock())
    store.folder.mkdir(parents=True, exist_ok=True)
    stale = store.folder / "auto-20261121-093000.sqlite.part"
    stale.write_bytes(b"SQLite format 3\x00")
    foreign = store.folder / "notes.part"
    foreign.write_bytes(b"")
    store.daily_if_due()
    assert not stale.exists() and foreign.exists()


def test_opening_the_database_takes_the_days_backup(tmp_path: Path) -> None:
    populated(tmp_path / "data").close()  # a new database: nothing worth a backup yet
    db = open_database(sqlite_config(tmp_path / "data"))
    db.close()
    db = open_database(sqlite_config(tmp_path / "data"))
    db.close()
    assert [b.kind for b in db.backups.list()] == ["auto"]


def _fake_backup(folder: Path, kind: str, at: datetime) -> Path:
    p = folder / f"{kind}-{at:%Y%m%d-%H%M%S}.sqlite"
    p.write_bytes(b"")
    return p


def test_rotation_keeps_7_daily_4_weekly_12_monthly_and_every_manual_backup(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in range(500):  # an automatic backup every day for 500 days up to T0
        _fake_backup(folder, "auto", T0 - timedelta(days=day))
    kept_anyway = [
        _fake_backup(folder, "manual", T0 - timedelta(days=700)),
        _fake_backup(folder, "pre-upgrade", T0 - timedelta(days=600)),
        _fake_backup(folder, "pre-restore", T0 - timedelta(days=450)),
    ]
    store = BackupStore(folder, tmp_path / "db.sqlite", Clock())
    store.rotate()

    autos = sorted(b.taken_at.date() for b in store.list() if b.kind == "auto")
    daily = [date(2026, 11, d) for d in range(16, 23)]
    weekly = [date(2026, 11, 15), date(2026, 11, 8), date(2026, 11, 1)]  # + this week's, above
    monthly = [date(2026, 10, 31), date(2026, 9, 30), date(2026, 8, 31), date(2026, 7, 31),
               date(2026, 6, 30), date(2026, 5, 31), date(2026, 4, 30), date(2026, 3, 31),
               date(2026, 2, 28), date(2026, 1, 31), date(2025, 12, 31)]  # + this month's
    assert autos == sorted(daily + weekly + monthly)
    assert all(p.exists() for p in kept_anyway)


def test_rotation_after_daily_backups_over_weeks_keeps_the_newest(tmp_path: Path) -> None:
    db = populated(tmp_path / "data")
    db.close()
    clock = Clock(T0 - timedelta(days=20))
    store = BackupStore(db.backups.folder, db.config.sqlite_path, clock)
    manual = store.take("manual")
    for _day in range(21):
        store.daily_if_due()
        clock.now += timedelta(days=1)
    autos = [b for b in store.list() if b.kind == "auto"]
    assert len(autos) < 21
    assert autos[0].taken_at == T0  # the newest is always kept
    assert [b.taken_at.date() for b in autos[:7]] == [(T0 - timedelta(days=d)).date() for d in range(7)]
    assert manual.path.exists()
    assert all(integrity_errors(b.path) == [] for b in autos)


def test_data_folder_named_with_url_characters_is_checked_where_it_is(tmp_path: Path) -> None:
    # '#', '?' and '%' in a folder name once sent the checks (and the database) elsewhere.
    folder = tmp_path / "Sales #2 ?100% 销售" / "data"
    db = populated(folder)
    assert db.config.sqlite_path.exists()
    backup = db.backups.take("manual")
    db.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Sales #2 ?100% 销售"]
    _damage(backup.path)
    assert integrity_errors(backup.path) != []
    with pytest.raises(BackupFailed):
        db.backups.restore(backup.path)


def test_copy_refuses_to_put_a_damaged_copy_in_place(tmp_path: Path) -> None:
    db = populated(tmp_path / "data")
    db.close()
    _damage(db.config.sqlite_path)
    dest = tmp_path / "copy.sqlite"
    with pytest.raises(BackupFailed):
        copy_sqlite(db.config.sqlite_path, dest)
    assert not dest.exists() and not Path(str(dest) + ".part").exists()

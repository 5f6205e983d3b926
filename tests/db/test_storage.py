"""The data folder: one instance at a time, stale locks recovered, network shares refused,
and the SQLite pragmas that keep the file safe on every connection."""

from __future__ import annotations

import getpass
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from sales_desk.db import storage
from sales_desk.db.database import open_database
from sales_desk.db.engine import SQLITE_BUSY_TIMEOUT_MS
from sales_desk.db.storage import InstanceLocked, NetworkShareRefused, ensure_local, mount_fstype
from tests.db.helpers import sqlite_config

ROOT = Path(__file__).resolve().parents[2]

_HOLDER = """
import sys, time
from pathlib import Path
from sales_desk.config import AppConfig
from sales_desk.db.database import open_database
db = open_database(AppConfig(data_dir=Path(sys.argv[1])))
print("open", flush=True)
time.sleep(120)
"""


@pytest.fixture
def holder(tmp_path: Path):
    """Another Sales Desk process holding the data folder open."""
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(tmp_path / "data")], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def test_second_open_of_a_data_folder_is_refused_naming_the_holder(tmp_path: Path, holder) -> None:
    with pytest.raises(InstanceLocked) as err:
        open_database(sqlite_config(tmp_path / "data"))
    info = err.value.holder
    assert (info["pid"], info["host"], info["user"]) == (holder.pid, socket.gethostname(), getpass.getuser())
    message = str(err.value)
    assert str(holder.pid) in message and socket.gethostname() in message and getpass.getuser() in message


def test_lock_of_a_killed_process_is_recovered_by_the_next_start(tmp_path: Path, holder) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    db = open_database(sqlite_config(tmp_path / "data"))
    try:
        assert db.lock is not None and db.lock.holder()["pid"] == os.getpid()
    finally:
        db.close()


def test_closing_releases_the_folder(tmp_path: Path) -> None:
    open_database(sqlite_config(tmp_path / "data")).close()
    open_database(sqlite_config(tmp_path / "data")).close()


MOUNTS = r"""sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/sda1 / ext4 rw,relatime 0 0
tmpfs /run tmpfs rw,nosuid,nodev 0 0
server:/export /home/li/office nfs4 rw,relatime,vers=4.2 0 0
/dev/sdb1 /home/li/office/local ext4 rw 0 0
//nas/sales\040team /mnt/sales\040team cifs rw,vers=3.0 0 0
li@box:/srv /home/li/remote fuse.sshfs rw,nosuid 0 0
/dev/sdc1 /home/li/remote ext4 rw 0 0
/dev/sdd1 /media/back\134slash\011tab vfat rw 0 0
"""


@pytest.mark.parametrize(("path", "fstype"), [
    ("/home/li/data", "ext4"),
    ("/home/li/office", "nfs4"),
    ("/home/li/office/销售台/data", "nfs4"),
    ("/home/li/office/local/data", "ext4"),  # a local disk mounted inside the share
    ("/home/li/officex/data", "ext4"),  # a name sharing a prefix is not inside
    ("/mnt/sales team/data", "cifs"),
    ("/mnt/sales", "ext4"),
    ("/home/li/remote/x", "ext4"),  # the later mount on the same point hides the earlier
    ("/media/back\\slash\ttab/d", "vfat"),
])
def test_filesystem_of_a_folder_is_its_innermost_mount(path: str, fstype: str) -> None:
    assert mount_fstype(Path(path), MOUNTS) == fstype


def test_sshfs_share_is_recognised_when_it_is_the_top_mount() -> None:
    mounts = "/dev/sda1 / ext4 rw 0 0\nli@box:/srv /home/li/remote fuse.sshfs rw 0 0\n"
    assert mount_fstype(Path("/home/li/remote/data"), mounts) in storage.NETWORK_FILESYSTEMS


def test_local_folder_is_accepted(tmp_path: Path) -> None:
    assert storage.network_fstype(tmp_path) is None
    ensure_local(tmp_path)


def test_data_folder_on_a_network_share_is_refused_pointing_to_postgresql(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "network_fstype", lambda path: "cifs")
    with pytest.raises(NetworkShareRefused) as err:
        open_database(sqlite_config(tmp_path / "data"))
    assert "PostgreSQL" in str(err.value) and "cifs" in str(err.value)
    assert not (tmp_path / "data" / "sales-desk.sqlite").exists()  # refused before creating anything


def test_every_sqlite_connection_gets_the_safety_pragmas(sqlite_database) -> None:
    engine = sqlite_database.engine
    engine.dispose()
    # Several connections at once, so the pool has to open new ones. Asked through the
    # driver: a statement through SQLAlchemy would BEGIN IMMEDIATE, and only one
    # connection at a time may hold that.
    conns = [engine.connect() for _ in range(3)]
    try:
        for conn in conns:
            raw = conn.connection.driver_connection

            def pragma(name: str, raw=raw) -> object:
                return raw.execute(f"PRAGMA {name}").fetchone()[0]

            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("synchronous") == 2  # FULL
            assert pragma("busy_timeout") == SQLITE_BUSY_TIMEOUT_MS > 0
    finally:
        for conn in conns:
            conn.close()

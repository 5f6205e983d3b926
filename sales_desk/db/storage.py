"""The data folder: one instance at a time, never on a network share."""

from __future__ import annotations

import getpass
import json
import os
import re
import socket
import sys
from pathlib import Path

from filelock import FileLock, Timeout

from sales_desk import clock
from sales_desk.domain.common.errors import DomainError
from sales_desk.i18n import _

NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smbfs", "smb3", "smb2", "ncpfs", "afs", "9p", "fuse.sshfs",
     "sshfs", "davfs", "fuse.davfs2", "glusterfs", "fuse.glusterfs", "ceph", "lustre",
     "fuse.rclone", "webdav"}
)


class NetworkShareRefused(DomainError):
    refusal = None  # where the data lives, not a control

    def __init__(self, path: Path, fstype: str):
        self.path = path
        self.fstype = fstype
        super().__init__(
            _(
                "The data folder {path} is on a network share ({fstype}). SQLite files get "
                "corrupted there. Choose a local folder, or use a PostgreSQL server for several "
                "seats (--db postgresql+psycopg://…)."
            ).format(path=path, fstype=fstype)
        )


class InstanceLocked(DomainError):
    refusal = None  # another program has the data folder, not a control

    def __init__(self, holder: dict[str, object]):
        self.holder = holder
        super().__init__(
            _(
                "Sales Desk is already open on this data folder by {user} on {host} "
                "(process {pid}, since {since}). Close it there first."
            ).format(
                user=holder.get("user", "?"), host=holder.get("host", "?"),
                pid=holder.get("pid", "?"), since=holder.get("since", "?"),
            )
        )


# /proc/mounts writes space, tab, newline and backslash in a mount point as \040 etc.
_OCTAL_ESCAPE = re.compile(r"\\([0-7]{3})")


def mount_fstype(path: Path, mounts_text: str) -> str | None:
    """The filesystem type of the longest mount point containing `path` (Linux /proc/mounts).

    Of two mounts on the same point the later one wins: it hides the earlier.
    """
    best, best_type = "", None
    target = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = _OCTAL_ESCAPE.sub(lambda m: chr(int(m[1], 8)), parts[1])
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def network_fstype(path: Path) -> str | None:
    """The network filesystem holding `path`, or None when it is local."""
    path = path.resolve()
    if sys.platform == "win32":
        if str(path).startswith("\\\\"):
            return "UNC"
        import ctypes

        drive_remote = 4
        root = os.path.splitdrive(str(path))[0] + "\\"
        return "network drive" if ctypes.windll.kernel32.GetDriveTypeW(root) == drive_remote else None
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None  # macOS and others: no cheap, reliable probe; trust the user
    fstype = mount_fstype(path, mounts)
    return fstype if fstype in NETWORK_FILESYSTEMS else None


def ensure_local(path: Path) -> None:
    fstype = network_fstype(path)
    if fstype:
        raise NetworkShareRefused(path, fstype)


class InstanceLock:
    """An OS file lock (released by the OS if we crash, so stale locks recover themselves)
    plus a small note of who holds it, shown to whoever is refused."""

    def __init__(self, data_dir: Path):
        self.lock_path = data_dir / "sales-desk.lock"
        self.info_path = data_dir / "sales-desk.lock.json"
        self._lock = FileLock(str(self.lock_path), timeout=0)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise InstanceLocked(self.holder()) from None
        info = {
            "user": getpass.getuser(), "host": socket.gethostname(), "pid": os.getpid(),
            "since": clock.wall_now().astimezone().strftime("%Y-%m-%d %H:%M"),
        }
        self.info_path.write_text(json.dumps(info), encoding="utf-8")

    def holder(self) -> dict[str, object]:
        try:
            return json.loads(self.info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def release(self) -> None:
        if self._lock.is_locked:
            self.info_path.unlink(missing_ok=True)
            self._lock.release()

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

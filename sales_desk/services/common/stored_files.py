"""Files kept under the attachments folder (customer documents, expense receipts): copied
in under a new name that stays inside its folder, hashed (SHA-256) as they are copied."""

from __future__ import annotations

import hashlib
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


@dataclass(frozen=True)
class StoredFile:
    relative_path: str  # under the attachments folder, with "/"
    sha256: str
    size: int


def safe_name(name: str) -> str:
    """The file's own name as one path segment of word characters, dots and dashes."""
    return (_UNSAFE.sub("_", Path(name).name).strip("._") or "file")[-120:]


def store_copy(source: Path, root: Path, folder: str) -> StoredFile:
    """Copy `source` into root/folder under a new name (never over another file); a copy
    that fails leaves nothing behind."""
    relative = f"{folder}/{uuid.uuid4().hex[:12]}_{safe_name(source.name)}"
    target = Path(root) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with source.open("rb") as src, target.open("xb") as dst:
        try:
            while chunk := src.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
                dst.write(chunk)
        except BaseException:
            dst.close()
            target.unlink(missing_ok=True)
            raise
    shutil.copystat(source, target)
    return StoredFile(relative, digest.hexdigest(), size)

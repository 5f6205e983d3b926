"""Anchors of the audit chain: its head (sequence number and hash) written outside the
database, so that cutting the tail, restoring an older copy or rewriting the chain (and
recomputing every later hash) is seen by comparing the database with what was written.

One anchor is enough per place it is kept: every earlier row is bound to the anchored
one by the hash chain, so the newest anchor of each place is the one compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

CODE_HASH_CHARS = 16  # what a printed form shows of the hash: 64 bits, short enough to type


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str  # the whole hash, or a printed code's first CODE_HASH_CHARS characters
    at: str = ""  # when it was written (UTC, ISO 8601), if known
    source: str = ""  # where it was found, for the report: a file's name, "the command line"


def anchor_code(seq: int, digest: str) -> str:
    """The head as printed on a form, e.g. 1234-9f86d081884c7d65."""
    return f"{seq}-{digest[:CODE_HASH_CHARS]}"


_CODE = re.compile(rf"^\s*(\d+)\s*[-:\s]\s*([0-9a-fA-F]{{{CODE_HASH_CHARS},64}})\s*$")


def parse_anchor_code(text: str, source: str = "") -> Anchor:
    """A head read off paper or a log: `SEQ-HASH` with at least the printed part of the hash."""
    m = _CODE.match(text)
    if not m:
        raise ValueError(f"{text!r} is not an audit anchor (expected SEQUENCE-HASH, "
                         f"e.g. 1234-9f86d081884c7d65)")
    return Anchor(int(m.group(1)), m.group(2).lower(), source=source)


def anchor_line(seq: int, digest: str, at: str) -> str:
    """One line of an anchor file."""
    return f"{seq} {digest} {at}\n"


def parse_anchor_line(line: str, source: str = "") -> Anchor | None:
    """A line of an anchor file, or None for one cut short (a crash while writing)."""
    parts = line.split()
    if len(parts) != 3 or not parts[0].isdigit() or not re.fullmatch(r"[0-9a-f]{64}", parts[1]):
        return None
    return Anchor(int(parts[0]), parts[1], parts[2], source)


class Finding(StrEnum):
    HOLDS = "holds"
    CUT = "cut"  # the trail ends before the anchored row: rows deleted, or an older copy
    REWRITTEN = "rewritten"  # the anchored row is there with another hash


@dataclass(frozen=True)
class AnchorCheck:
    anchor: Anchor
    finding: Finding
    trail_ends_at: int  # the database's last sequence number

    @property
    def ok(self) -> bool:
        return self.finding is Finding.HOLDS


def compare(anchor: Anchor, hash_at_seq: str | None, last_seq: int) -> AnchorCheck:
    """The database against one anchor: `hash_at_seq` is its row's hash at anchor.seq
    (None if there is no such row), `last_seq` its last row's sequence number."""
    if hash_at_seq is None:
        return AnchorCheck(anchor, Finding.CUT, last_seq)
    if not hash_at_seq.startswith(anchor.hash):
        return AnchorCheck(anchor, Finding.REWRITTEN, last_seq)
    return AnchorCheck(anchor, Finding.HOLDS, last_seq)


def newest_per_source(anchors: list[Anchor]) -> list[Anchor]:
    """The anchor with the highest sequence number from each place, in the order found."""
    best: dict[str, Anchor] = {}
    for a in anchors:
        if a.source not in best or a.seq > best[a.source].seq:
            best[a.source] = a
    return list(best.values())

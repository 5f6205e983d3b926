"""Each audit row signed by the person who made it, so a login to the database is not a pen.

The hash chain shows a row was changed or removed; it cannot show who wrote a new one:
whoever may add rows (a seat's database login, the file's owner) can append a row with a
correct hash in anyone's name. So every user has an Ed25519 key pair. The private key is
kept sealed with the user's password (services/admin/keys.py) and opened only at log-in;
the program signs each row's hash with the acting user's key. The public keys are in the
trail itself: the row that creates a user or resets their password carries the new key,
signed by the administrator who did it; the first administrator's own row, and a user's
first log-in after the upgrade that introduced keys, introduce a key signed by itself.

`check` replays the trail: a row in the name of a user who has a key must carry that
key's signature; a row with no user must be one the program writes without one.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

# Rows the program writes with no one logged in (a failed log-in, a scheduled backup).
SYSTEM_ACTIONS = frozenset({"auth.login_failed", "backup.take"})
# Written into a restored database, whose copy of the user (and key) may predate theirs.
UNSIGNED_ACTIONS = frozenset({"backup.restore"})
# Rows that give a user a new key ("public_key" in the row): signed by whoever did it.
KEYING_ACTIONS = frozenset({"user.create", "user.password_reset", "user.keys_issued"})


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def new_key_pair() -> tuple[bytes, str]:
    """(private key, 32 raw bytes; public key, base64)."""
    key = Ed25519PrivateKey.generate()
    return key.private_bytes_raw(), _b64(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def public_key_of(private: bytes) -> str:
    return _b64(Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


# Loading a key costs as much as using it: an import signs 20,000 rows with one key, and
# `check` verifies a trail with a handful.
@lru_cache(maxsize=64)
def _private(raw: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(raw)


@lru_cache(maxsize=1024)
def _public(encoded: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(encoded))


def sign(private: bytes, row_hash: str) -> str:
    return _b64(_private(private).sign(row_hash.encode("ascii")))


def verify(public: str, row_hash: str, signature: str | None) -> bool:
    if not signature:
        return False
    try:
        _public(public).verify(base64.b64decode(signature), row_hash.encode("ascii"))
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class SignedRow:
    seq: int
    user_id: int | None
    username: str
    action: str
    entity: str
    entity_id: str
    after: str | None
    hash: str
    signature: str | None


@dataclass(frozen=True)
class Unsigned:
    seq: int
    username: str
    action: str
    why: str  # "no-signature" | "wrong-signature" | "no-user"


def _new_key(row: SignedRow) -> tuple[int, str] | None:
    """(user id, public key) this row gives a user, if it is a keying row."""
    if row.action not in KEYING_ACTIONS or row.entity != "user" or not row.after:
        return None
    after = json.loads(row.after)
    key = after.get("public_key") if isinstance(after, dict) else None
    try:
        return (int(row.entity_id), key) if isinstance(key, str) else None
    except ValueError:
        return None


class KeyRing:
    """The keys users hold, replayed from the trail's rows in seq order."""

    def __init__(self) -> None:
        self.keys: dict[int, str] = {}  # each user's key now
        self.held: dict[int, list[str]] = {}  # every key each user has held

    def take(self, row: SignedRow) -> str:
        """The row's problem ("" if none); a keying row that holds gives its user the key."""
        given = _new_key(row)
        problem = _problem(row, self.keys, given)
        if not problem and given is not None:  # only a row that holds gives a key
            self.keys[given[0]] = given[1]
            self.held.setdefault(given[0], []).append(given[1])
        return problem

    def signed_by_holder(self, user_id: int, row_hash: str, signature: str | None) -> str:
        """A row written apart from the trail (a refusal): signed with a key its user has held?
        Any of them, as such a row has no place in the trail's order to say which was theirs."""
        held = self.held.get(user_id)
        if not held:
            return ""  # a user from before keys, who has not logged in since
        if not signature:
            return "no-signature"
        return "" if any(verify(k, row_hash, signature) for k in held) else "wrong-signature"


def unsigned_rows(rows: Iterable[SignedRow]) -> list[Unsigned]:
    """Rows in the trail (in seq order) that the person they name did not sign."""
    ring = KeyRing()
    found: list[Unsigned] = []
    for row in rows:
        problem = ring.take(row)
        if problem:
            found.append(Unsigned(row.seq, row.username, row.action, problem))
    return found


def _problem(row: SignedRow, keys: dict[int, str], given: tuple[int, str] | None) -> str:
    if row.user_id is None:
        return "" if row.action in SYSTEM_ACTIONS else "no-user"
    signer = keys.get(row.user_id)
    if signer is None and given is not None and given[0] == row.user_id and (
            (row.action == "user.create" and not keys)  # the first administrator
            or row.action == "user.keys_issued"):  # a first log-in since keys were introduced
        signer = given[1]
    if signer is None or row.action in UNSIGNED_ACTIONS:
        return ""  # a user from before keys, who has not logged in since
    if not row.signature:
        return "no-signature"
    return "" if verify(signer, row.hash, row.signature) else "wrong-signature"

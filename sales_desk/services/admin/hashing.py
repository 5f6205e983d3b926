"""Password hashing: one argon2id derivation at OWASP's parameters (19 MiB, 2 iterations,
1 lane) gives a master secret; HKDF splits it into the stored verifier and the key that
seals the user's signing key (services/admin/keys.py). One derivation per log-in, as a
plain password hash costs, and the stored verifier tells nothing about the sealing key.

Stored as `$sd-argon2id$v=19$m=19456,t=2,p=1$<salt>$<verifier>` (base64). Hashes in
argon2-cffi's own format (before keys) are still verified, and replaced at the next log-in.
"""

from __future__ import annotations

import base64
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

TIME_COST, MEMORY_KIB, LANES = 2, 19 * 1024, 1
_PREFIX = "$sd-argon2id$"
_PARAMS = f"v=19$m={MEMORY_KIB},t={TIME_COST},p={LANES}"


@dataclass(frozen=True)
class PasswordCheck:
    ok: bool
    sealing_key: bytes | None = None  # opens the user's signing key; None for an old-format hash
    outdated: bool = False  # store hash_password() anew (an old format or older parameters)


def _expand(master: bytes, purpose: bytes) -> bytes:
    return HKDFExpand(algorithm=hashes.SHA256(), length=32, info=b"sales-desk " + purpose).derive(master)


def _derive(password: str, salt: bytes) -> tuple[bytes, bytes]:
    master = hash_secret_raw(password.encode("utf-8"), salt, time_cost=TIME_COST, memory_cost=MEMORY_KIB,
                             parallelism=LANES, hash_len=32, type=Type.ID)
    return _expand(master, b"verifier"), _expand(master, b"sealing key")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str) -> tuple[str, bytes]:
    """(what to store, the key that seals this user's signing key)."""
    salt = os.urandom(16)
    verifier, sealing_key = _derive(password, salt)
    return f"{_PREFIX}{_PARAMS}${_b64(salt)}${_b64(verifier)}", sealing_key


def check_password(stored: str, password: str) -> PasswordCheck:
    if not stored.startswith(_PREFIX):
        return _check_old_format(stored, password)
    try:
        params, salt, verifier = stored[len(_PREFIX):].rsplit("$", 2)
        expected, sealing_key = _derive(password, _unb64(salt))
    except ValueError:
        return PasswordCheck(False)
    if not hmac.compare_digest(expected, _unb64(verifier)):
        return PasswordCheck(False)
    return PasswordCheck(True, sealing_key, outdated=params != _PARAMS)


@lru_cache(maxsize=1)
def _old_hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=LANES, type=Type.ID)


def _check_old_format(stored: str, password: str) -> PasswordCheck:
    try:
        return PasswordCheck(_old_hasher().verify(stored, password), None, outdated=True)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return PasswordCheck(False)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """Checked against when the user name is unknown, so both failures cost the same time."""
    return hash_password("no such user: constant-time refusal")[0]

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

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

TIME_COST, MEMORY_KIB, LANES = 2, 19 * 1024, 1
_PREFIX = "$sd-argon2id$"


@dataclass(frozen=True)
class _Cost:
    time: int
    memory_kib: int
    lanes: int

    def params(self) -> str:
        return f"v=19$m={self.memory_kib},t={self.time},p={self.lanes}"


def _current_cost() -> _Cost:
    # read at call time: a firm (or the test suite) may set other parameters
    return _Cost(TIME_COST, MEMORY_KIB, LANES)


def _stored_cost(params: str) -> _Cost:
    """The cost a stored hash was made at: it is checked at that cost, not today's."""
    fields = dict(part.split("=", 1) for part in params.split("$", 1)[1].split(","))
    return _Cost(int(fields["t"]), int(fields["m"]), int(fields["p"]))


@dataclass(frozen=True)
class PasswordCheck:
    ok: bool
    sealing_key: bytes | None = None  # opens the user's signing key; None for an old-format hash
    outdated: bool = False  # store hash_password() anew (an old format or older parameters)


def _expand(master: bytes, purpose: bytes) -> bytes:
    return HKDFExpand(algorithm=hashes.SHA256(), length=32, info=b"sales-desk " + purpose).derive(master)


def _derive(password: str, salt: bytes, cost: _Cost) -> tuple[bytes, bytes]:
    master = hash_secret_raw(password.encode("utf-8"), salt, time_cost=cost.time, memory_cost=cost.memory_kib,
                             parallelism=cost.lanes, hash_len=32, type=Type.ID)
    return _expand(master, b"verifier"), _expand(master, b"sealing key")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str) -> tuple[str, bytes]:
    """(what to store, the key that seals this user's signing key)."""
    salt = os.urandom(16)
    cost = _current_cost()
    verifier, sealing_key = _derive(password, salt, cost)
    return f"{_PREFIX}{cost.params()}${_b64(salt)}${_b64(verifier)}", sealing_key


def check_password(stored: str, password: str) -> PasswordCheck:
    if not stored.startswith(_PREFIX):
        return _check_old_format(stored, password)
    try:
        params, salt, verifier = stored[len(_PREFIX):].rsplit("$", 2)
        expected, sealing_key = _derive(password, _unb64(salt), _stored_cost(params))
    except (ValueError, KeyError):
        return PasswordCheck(False)
    if not hmac.compare_digest(expected, _unb64(verifier)):
        return PasswordCheck(False)
    return PasswordCheck(True, sealing_key, outdated=params != _current_cost().params())


def _old_hasher() -> PasswordHasher:
    # argon2-cffi's own format carries its parameters; verify() uses those
    return PasswordHasher(type=Type.ID)


def _check_old_format(stored: str, password: str) -> PasswordCheck:
    try:
        return PasswordCheck(_old_hasher().verify(stored, password), None, outdated=True)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return PasswordCheck(False)


_dummy_hashes: dict[str, str] = {}


def dummy_hash() -> str:
    """Checked against when the user name is unknown, so both failures cost the same time."""
    params = _current_cost().params()
    if params not in _dummy_hashes:
        _dummy_hashes[params] = hash_password("no such user: constant-time refusal")[0]
    return _dummy_hashes[params]

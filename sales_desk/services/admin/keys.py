"""A user's signing key, sealed (AES-GCM) with the key their password derives
(services/admin/hashing.py). Only the password opens it, so whoever reads the users table
(or the file) holds no one's pen; an administrator's reset gives the user a new key pair."""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sales_desk.domain.admin.signatures import new_key_pair

_VERSION = "v1"
_CONTEXT = b"sales-desk user signing key"


def seal(private: bytes, sealing_key: bytes) -> str:
    nonce = os.urandom(12)
    box = AESGCM(sealing_key).encrypt(nonce, private, _CONTEXT)
    return "$".join([_VERSION, *(base64.b64encode(b).decode("ascii") for b in (nonce, box))])


def unseal(sealed: str | None, sealing_key: bytes | None) -> bytes | None:
    """The private key, or None when this key does not open it (or there is none)."""
    if not sealed or sealing_key is None:
        return None
    try:
        version, nonce, box = sealed.split("$")
        if version != _VERSION:
            return None
        return AESGCM(sealing_key).decrypt(base64.b64decode(nonce), base64.b64decode(box), _CONTEXT)
    except (ValueError, InvalidTag):
        return None


def issue_keys(sealing_key: bytes) -> tuple[bytes, str, str]:
    """A new key pair for a user: (private key, public key, the private key sealed)."""
    private, public = new_key_pair()
    return private, public, seal(private, sealing_key)

"""Users, passwords and API tokens (standard library only).

Passwords are hashed with scrypt (``scrypt$n$r$p$salt$hash``, 16-byte random salt); tokens are
random 32-byte strings shown once and stored as their SHA-256. Roles are ordered: a viewer may
read, an analyst may also review, an admin may also manage users.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

__all__ = [
    "ROLES",
    "hash_password",
    "hash_token",
    "new_token",
    "role_allows",
    "verify_password",
]

ROLES = ("viewer", "analyst", "admin")
_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    if not password:
        raise ValueError("a password must not be empty")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def new_token() -> str:
    return "tw_" + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def role_allows(role: str, needed: str) -> bool:
    """Whether a user with ``role`` may do what needs ``needed``."""
    if role not in ROLES or needed not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(needed)

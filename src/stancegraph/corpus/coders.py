"""Coders: who codes a corpus, with which role, and how a password is checked.

In: a coder's name, role and password as typed. Out: ``Coder`` values, checked names and roles
(a ``CoderError``, one line, otherwise), and argon2 password hashes (``argon2-cffi``, its default
parameters: RFC 9106's low-memory choice) that ``verify_password`` checks in constant time. The
password itself is never kept, logged or put in an error message. The store part is
``corpus.store_coders``.

Roles, as in DNA: a ``viewer`` reads; a ``coder`` decides on the documents assigned to them or
to nobody; an ``admin`` does everything, manages coders and actors, and reconciles.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..errors import InputError

__all__ = [
    "MACHINE",
    "MAX_NAME",
    "MIN_PASSWORD",
    "ROLES",
    "Coder",
    "CoderError",
    "check_name",
    "check_password",
    "check_role",
    "hash_password",
    "verify_password",
]

ROLES = ("admin", "coder", "viewer")
MAX_NAME = 200  # the width of coders.name and decisions.coder
MIN_PASSWORD = 8  # characters; NIST SP 800-63B's floor for a password a person chooses
MAX_PASSWORD = 1024  # longer is no safer, and costs the hash
MACHINE = "machine"  # the name the machine codes under in the agreement report: no coder's name
_HASHER = PasswordHasher()


class CoderError(InputError, ValueError):
    """A coder's name, role or password that cannot be used, or a coder that is not there."""


@dataclass(frozen=True, slots=True)
class Coder:
    """One coder of the store (never with the password or its hash)."""

    name: str
    role: str  # admin, coder or viewer
    created: str  # ISO 8601, UTC
    documents: int = 0  # how many documents are assigned to the coder


def check_name(name: str) -> str:
    """``name`` without surrounding spaces; a ``CoderError`` when empty, too long or reserved."""
    cleaned = name.strip() if isinstance(name, str) else ""
    if not cleaned or len(cleaned) > MAX_NAME:
        raise CoderError(f"a coder's name has 1 to {MAX_NAME} characters")
    if any(ch in cleaned for ch in ",\x00") or not cleaned.isprintable():
        raise CoderError("a coder's name holds no comma and no control character", source=cleaned)
    if cleaned.casefold() == MACHINE:
        raise CoderError(
            f"{MACHINE!r} is the machine's name in the agreement report", source=cleaned
        )
    return cleaned


def check_role(role: str) -> str:
    if role not in ROLES:
        raise CoderError(f"a role is one of {', '.join(ROLES)}, not {role!r}")
    return role


def check_password(password: str) -> str:
    """``password`` as given; a ``CoderError`` (which never quotes it) when too short or long."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise CoderError(f"a password has at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise CoderError(f"a password has at most {MAX_PASSWORD} characters")
    if "\x00" in password:
        raise CoderError("a password holds no NUL character")
    return password


def hash_password(password: str) -> str:
    """The argon2id hash of a checked ``password`` (salted: two hashes of one password differ)."""
    return _HASHER.hash(check_password(password))


def verify_password(hashed: str, password: str) -> bool:
    """Whether ``password`` matches ``hashed``; False for a malformed hash or password."""
    if not isinstance(password, str) or not password or len(password) > MAX_PASSWORD:
        return False
    try:
        return _HASHER.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False

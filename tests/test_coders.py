"""Coders' names, roles and password hashes (``stancegraph.corpus.coders``)."""

from __future__ import annotations

import pytest

from stancegraph.corpus.coders import (
    CoderError,
    check_name,
    check_password,
    check_role,
    hash_password,
    verify_password,
)


def test_a_password_is_kept_as_a_salted_argon2id_hash() -> None:
    one, two = hash_password("correct horse"), hash_password("correct horse")
    assert one.startswith("$argon2id$") and one != two
    assert "correct horse" not in one
    assert verify_password(one, "correct horse") and verify_password(two, "correct horse")
    assert not verify_password(one, "correct horsf")
    assert not verify_password("not a hash", "correct horse")
    assert not verify_password(one, "")


@pytest.mark.parametrize("bad", ["short", "", "x" * 1025, "with\x00nul!"])
def test_a_bad_password_is_refused_without_being_quoted(bad: str) -> None:
    with pytest.raises(CoderError) as info:
        check_password(bad)
    assert bad not in str(info.value) or bad == ""


def test_names_and_roles_are_checked() -> None:
    assert check_name("  anna ") == "anna"
    assert check_role("viewer") == "viewer"
    for bad in ("", "  ", "a,b", "x" * 201, "tab\there", "Machine"):
        with pytest.raises(CoderError):
            check_name(bad)
    with pytest.raises(CoderError, match="admin, coder, viewer"):
        check_role("boss")

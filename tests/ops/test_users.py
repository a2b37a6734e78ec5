"""Users of the analysts' app: argon2 hashes, checked input, sign-in by name and password."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from akrim.ops.db import connect, user_account
from akrim.ops.users import UserError, add_user, authenticate, find_user
from akrim.settings import Settings

PASSWORD = "correct horse battery"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return connect(Settings(data_dir=tmp_path))


def test_a_user_signs_in_with_the_password_only(engine: Engine) -> None:
    add_user(engine, "kari", "nav", "analyst", PASSWORD)
    user = authenticate(engine, "kari", PASSWORD)
    assert user is not None and (user.name, user.agency, user.role) == ("kari", "nav", "analyst")
    assert authenticate(engine, "kari", PASSWORD + "x") is None
    assert authenticate(engine, "ola", PASSWORD) is None
    with engine.connect() as con:
        stored = con.execute(select(user_account.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


@pytest.mark.parametrize(("name", "agency", "role", "password", "key"), [
    ("kari", "tolletaten", "analyst", PASSWORD, "users.unknown_agency"),
    ("kari", "nav", "chief", PASSWORD, "users.unknown_role"),
    (" kari", "nav", "analyst", PASSWORD, "users.bad_name"),
    ("kari", "nav", "analyst", "short", "users.short_password"),
])
def test_bad_input_is_refused_with_its_reason(engine: Engine, name: str, agency: str,
                                              role: str, password: str, key: str) -> None:
    with pytest.raises(UserError) as raised:
        add_user(engine, name, agency, role, password)
    assert raised.value.key == key
    assert find_user(engine, name) is None


def test_a_name_is_taken_once(engine: Engine) -> None:
    add_user(engine, "kari", "nav", "analyst", PASSWORD)
    with pytest.raises(UserError) as raised:
        add_user(engine, "kari", "politiet", "analyst", PASSWORD)
    assert "finnes allerede" in raised.value.message("nb")
    assert find_user(engine, "kari").agency == "nav"  # type: ignore[union-attr]

"""Users of the analysts' app: name, agency, role and an argon2 password hash.

Until the cases issue brings the full policy, a signed-in user of any agency may use the analyst
pages; the agency and role are kept now so that the policy has them to decide on.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine, insert, select, update

from akrim.errors import AkrimError
from akrim.i18n import add_messages
from akrim.ops.db import now, user_account

AGENCIES = ("arbeidstilsynet", "nav", "politiet", "skatteetaten", "akrim-senter",
            "styringsgruppe")
"""The four agencies of the a-krim cooperation, the centres' own staff, and the steering
group (read-only)."""
ROLES = ("analyst", "inspector", "steering", "admin")
MIN_PASSWORD_LENGTH = 12

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


@dataclass(frozen=True)
class User:
    name: str
    agency: str
    role: str


add_messages({
    "users.unknown_agency": ("ukjent etat {value!r}; gyldige: {valid}",
                             "unknown agency {value!r}; valid: {valid}"),
    "users.unknown_role": ("ukjent rolle {value!r}; gyldige: {valid}",
                           "unknown role {value!r}; valid: {valid}"),
    "users.bad_name": ("brukernavnet kan ikke være tomt eller ha mellomrom i endene",
                       "the user name cannot be empty or have spaces at its ends"),
    "users.short_password": ("passordet må ha minst {length} tegn",
                             "the password must have at least {length} characters"),
    "users.exists": ("brukeren {name!r} finnes allerede", "the user {name!r} exists already"),
})


class UserError(AkrimError):
    """A user cannot be added; `key` says why."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key  # type: ignore[misc]  # one class, several messages
        super().__init__(**values)


def check_new_user(name: str, agency: str, role: str, password: str) -> None:
    """Raise UserError for an unknown agency or role, a blank or padded name, or a password
    shorter than MIN_PASSWORD_LENGTH: what can be told before the store is opened."""
    if agency not in AGENCIES:
        raise UserError("users.unknown_agency", value=agency, valid=", ".join(AGENCIES))
    if role not in ROLES:
        raise UserError("users.unknown_role", value=role, valid=", ".join(ROLES))
    if not name.strip() or name != name.strip():
        raise UserError("users.bad_name")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("users.short_password", length=MIN_PASSWORD_LENGTH)


def add_user(engine: Engine, name: str, agency: str, role: str, password: str) -> User:
    """Create a user; raises UserError as `check_new_user` does, or for a name taken."""
    check_new_user(name, agency, role, password)
    with engine.begin() as con:
        if con.execute(select(user_account.c.id).where(user_account.c.name == name)).first():
            raise UserError("users.exists", name=name)
        con.execute(insert(user_account).values(
            name=name, agency=agency, role=role, password_hash=_hasher.hash(password),
            created_at=now()))
    return User(name, agency, role)


def set_password(engine: Engine, name: str, password: str) -> None:
    """Give the user `name` a new password (raises UserError for a short one)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("users.short_password", length=MIN_PASSWORD_LENGTH)
    with engine.begin() as con:
        con.execute(update(user_account).where(user_account.c.name == name)
                    .values(password_hash=_hasher.hash(password)))


def authenticate(engine: Engine, name: str, password: str) -> User | None:
    """The user, when the name exists, is not disabled and the password matches; else None.

    An unknown name costs a hash as well, so the answer's timing does not tell which names
    exist."""
    with engine.connect() as con:
        row = con.execute(select(user_account).where(
            user_account.c.name == name, user_account.c.disabled_at.is_(None))).first()
    try:
        if row is None:
            _hasher.hash(password)
            return None
        _hasher.verify(row.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return User(row.name, row.agency, row.role)


def find_user(engine: Engine, name: str) -> User | None:
    """The active user of this name (a session names its user; a disabled one is signed out)."""
    with engine.connect() as con:
        row = con.execute(select(user_account).where(
            user_account.c.name == name, user_account.c.disabled_at.is_(None))).first()
    return None if row is None else User(row.name, row.agency, row.role)

"""Problems the person running akrim can fix, raised by the library and worded by `akrim.i18n`.

Why a message key instead of a sentence: the library does not know the user's language; the
CLI (one handler, `akrim.cli.common.Commands`) and the web app turn the key and its values
into text in bokmål or English.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from akrim.i18n import Lang, t


class AkrimError(Exception):
    """Base class: `key` names the message in `akrim.i18n.MESSAGES`, `values` fill it in."""

    key: ClassVar[str]

    def __init__(self, **values: object) -> None:
        super().__init__(self.key, values)
        self.values = values

    def message(self, lang: Lang = "nb") -> str:
        return t(self.key, lang, **self.values)


class NoStore(AkrimError):
    """The data directory has no analytical store: nothing loaded, or a mistyped --data-dir."""

    key = "error.no_store"

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir=data_dir)


class StoreUnavailable(AkrimError):
    """DuckDB cannot open the store: another process holds it, or it is not a DuckDB file."""

    key = "error.store_unavailable"

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(path=path, reason=reason)


class StoreOutdated(AkrimError):
    """The store lacks register tables this version declares (it was made by an older one)."""

    key = "error.store_outdated"

    def __init__(self, data_dir: Path, tables: list[str]) -> None:
        super().__init__(data_dir=data_dir, tables=", ".join(tables))


class NothingLoaded(AkrimError):
    """The store exists but no snapshot has been loaded into it."""

    key = "error.nothing_loaded"

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir=data_dir)


class NotLinked(AkrimError):
    """Persons and the network are not built yet (`akrim link` or `akrim analyse`)."""

    key = "error.not_linked"

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir=data_dir)


class NotAnalysed(AkrimError):
    """Indicators and the priority list are not built yet (`akrim analyse`)."""

    key = "error.not_analysed"

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir=data_dir)


class UnknownActor(AkrimError):
    """A valid identifier that the store does not know."""

    key = "error.unknown_actor"

    def __init__(self, actor: str) -> None:
        super().__init__(actor=actor)


class UnknownRecord(AkrimError):
    """A record id that no person record of the last linkage has."""

    key = "error.unknown_record"

    def __init__(self, record: str) -> None:
        super().__init__(record=record)

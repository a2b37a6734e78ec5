"""Settings: every tunable has one name, one default and one place where it is read."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATA_DIR = Path("data")


class Settings(BaseSettings):
    """Read from `AKRIM_*` environment variables; CLI options override them."""

    model_config = SettingsConfigDict(env_prefix="AKRIM_", frozen=True)

    data_dir: Path = DEFAULT_DATA_DIR
    """Where the stores live: `akrim.duckdb` (analytical store) and the operational database."""

    synthetic: bool = False
    """Accept synthetic test identifiers (Skatteetaten's Tenor numbers, month + 80)."""

    lang: Literal["nb", "en"] = "nb"
    """The user interface's language: bokmål, or English."""

    ingest_workers: int = 1
    """Processes that parse large register files at once (1: all in the loading process).
    Measure with `bench/ingest.py --workers N` before raising it: on 2 cores it has not paid."""

    memory_limit: str = "8GB"
    """DuckDB's memory limit; larger loads spill to `data_dir/tmp`."""

    ops_db_url: str | None = None
    """The operational store (judgements, audit log): a SQLAlchemy URL such as
    postgresql+psycopg://127.0.0.1/akrim; None: SQLite file `akrim-ops.sqlite` in data_dir."""

    link_match_probability: float = 0.95
    """Person records are merged when Splink's match probability reaches this."""

    link_rescore_up_to: float = 0.1
    """`akrim link` scores again only the changed records (and the records sharing a blocking
    key with them) when at most this share of all records changed since the last run."""

    secret_key: str | None = None
    """Signs the web app's session cookies; None: a random key kept in
    `data_dir/akrim-secret.key` (readable by its owner only), made at the first start."""

    public_requests_per_second: float = 10.0
    """The public seriousness check's rate limit per client address (0: none, for benchmarks
    behind a trusted proxy); bursts of `public_burst` are allowed."""

    public_burst: int = 60

    @property
    def link_model(self) -> Path:
        """The trained Splink model (m and u per comparison level), kept between rebuilds."""
        return self.data_dir / "link" / "person_model.json"

    @property
    def analytical_db(self) -> Path:
        return self.data_dir / "akrim.duckdb"

    @property
    def serving_db(self) -> Path:
        """SQLite serving tables for point reads (the network's nodes and edges)."""
        return self.data_dir / "akrim-serving.sqlite"

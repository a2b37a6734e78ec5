"""The person-resolution model: Splink comparisons fitted to Norwegian registers.

The comparisons are declared once in `COMPARISONS`, each level with a reason key that
`reasons_sql()` lists per pair and the interface turns into the sentence an analyst reads
("fødselsdato lik", "etternavn likt etter translitterering"). m and u are trained (u by random
sampling, m by expectation maximisation) and saved as Splink's JSON model; nothing here is a
hand-set weight. The same settings run on Splink's Spark backend: the level SQL uses only
functions Splink maps for both dialects.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

# Turns block_on() rules and dicts into SQL; Splink 5.0 (pinned) keeps it in its internals.
from splink.internals.blocking_rule_creator_utils import to_blocking_rule_creator

# Columns a record must have; `prepare.add_keys` derives the *_n (folded) and *_s (skeleton) ones.
INPUT_COLUMNS = ("record_id", "source", "identifikator", "fornavn", "etternavn", "fodselsdato",
                 "adresse", "postnummer")


@dataclass(frozen=True)
class Level:
    reason: str
    sql: str | None  # None: the null level ("not known on both sides")


def _d_number_birth(side: str) -> str:
    number = f'"identifikator_{side}"'
    return (f"CAST(CAST(substr({number}, 1, 1) AS INTEGER) - 4 AS VARCHAR) "
            f"|| substr({number}, 2, 5)")


_D_AND_F_SAME_BIRTH = (
    f"(substr(\"identifikator_l\", 1, 1) BETWEEN '4' AND '7' "
    f"AND substr(\"identifikator_r\", 1, 1) < '4' "
    f"AND {_d_number_birth('l')} = substr(\"identifikator_r\", 1, 6)) OR "
    f"(substr(\"identifikator_r\", 1, 1) BETWEEN '4' AND '7' "
    f"AND substr(\"identifikator_l\", 1, 1) < '4' "
    f"AND {_d_number_birth('r')} = substr(\"identifikator_l\", 1, 6))"
)


def _name_levels(col: str) -> list[Level]:
    return [
        Level(f"{col}.missing", None),
        Level(f"{col}.exact", f'"{col}_n_l" = "{col}_n_r"'),
        Level(f"{col}.transliterated", f'"{col}_s_l" = "{col}_s_r"'),
        # "Jan" and "Jan Jacobsen": a middle name written on one side only.
        Level(f"{col}.first_word",
              f"split_part(\"{col}_n_l\", ' ', 1) = split_part(\"{col}_n_r\", ' ', 1)"),
        Level(f"{col}.similar", f'jaro_winkler_similarity("{col}_n_l", "{col}_n_r") >= 0.92'),
        Level(f"{col}.resembles", f'jaro_winkler_similarity("{col}_n_l", "{col}_n_r") >= 0.80'),
        Level(f"{col}.different", "ELSE"),
    ]


COMPARISONS: dict[str, list[Level]] = {
    "identifikator": [
        Level("identifikator.missing", None),
        Level("identifikator.exact", '"identifikator_l" = "identifikator_r"'),
        # A d-number and a fødselsnummer that encode the same birth date (d-number: day + 40):
        # the same person is often given a d-number first and a fødselsnummer later.
        Level("identifikator.d_and_f_same_birth", _D_AND_F_SAME_BIRTH),
        Level("identifikator.d_and_f",
              "(substr(\"identifikator_l\", 1, 1) >= '4') <> "
              "(substr(\"identifikator_r\", 1, 1) >= '4')"),
        Level("identifikator.different", "ELSE"),
    ],
    "fornavn": _name_levels("fornavn"),
    "etternavn": _name_levels("etternavn"),
    "fodselsdato": [
        Level("fodselsdato.missing", None),
        Level("fodselsdato.exact", '"fodselsdato_l" = "fodselsdato_r"'),
        Level("fodselsdato.typo",
              'damerau_levenshtein("fodselsdato_l", "fodselsdato_r") <= 1'),
        Level("fodselsdato.same_year",
              'substr("fodselsdato_l", 1, 4) = substr("fodselsdato_r", 1, 4)'),
        Level("fodselsdato.different", "ELSE"),
    ],
    "adresse": [
        Level("adresse.missing", None),
        Level("adresse.exact", '"adresse_l" = "adresse_r"'),
        Level("adresse.same_postnummer", '"postnummer_l" = "postnummer_r"'),
        Level("adresse.different", "ELSE"),
    ],
}

_NULL_SQL = {
    "identifikator": '"identifikator_l" IS NULL OR "identifikator_r" IS NULL',
    "fornavn": '"fornavn_n_l" IS NULL OR "fornavn_n_r" IS NULL',
    "etternavn": '"etternavn_n_l" IS NULL OR "etternavn_n_r" IS NULL',
    "fodselsdato": '"fodselsdato_l" IS NULL OR "fodselsdato_r" IS NULL',
    "adresse": '"adresse_l" IS NULL OR "adresse_r" IS NULL',
}

# Candidate pairs. Every rule must keep its blocks small at national scale: a common name is
# shared by thousands of people, so a name never blocks on its own or with the birth year alone
# (that was 10^8 pairs nationally). Rules: the same identifier; the same birth date and surname
# skeleton, or the same birth date, surname start and first-name initial (a typo in both names);
# the same name skeleton and two of the three parts of the birth date (a typo in the third part
# is still found); the same name skeleton where one side has no birth date (tips), written once
# per side so that DuckDB filters that side before it joins. (Birth date and surname start
# without the first-name initial was 29.6 M of 35 M candidate pairs nationally, nearly all
# strangers born on the same day.)
_NAMES = ("fornavn_s", "etternavn_s")
# fodselsdato is YYYYMMDD text (sql/person_records.sql).
_YEAR, _MONTH, _DAY = ("substr(fodselsdato, 1, 4)", "substr(fodselsdato, 5, 2)",
                       "substr(fodselsdato, 7, 2)")
BLOCKING_RULES = (
    block_on("identifikator"),
    block_on("fodselsdato", "etternavn_s"),
    block_on("fodselsdato", "substr(etternavn_s, 1, 2)", "substr(fornavn_s, 1, 1)"),
    block_on(*_NAMES, _YEAR, _MONTH),
    block_on(*_NAMES, _MONTH, _DAY),
    block_on(*_NAMES, _YEAR, _DAY),
    {"blocking_rule": "l.fornavn_s = r.fornavn_s AND l.etternavn_s = r.etternavn_s "
                      "AND l.fodselsdato IS NULL"},
    {"blocking_rule": "l.fornavn_s = r.fornavn_s AND l.etternavn_s = r.etternavn_s "
                      "AND r.fodselsdato IS NULL"},
)
# EM trains a comparison only in blocks whose rule does not use its columns, and iterates over
# every pair of a block, so each block must be small: birth date and surname initial leave the
# identifier, first name and address to train; the identifier leaves the names, the birth date
# and the address. (A name block with part of the birth date would leave the birth date
# untrained; a name block alone is 10^8 pairs nationally.)
TRAINING_KEYS = (("fodselsdato", "substr(etternavn_s, 1, 1)"), ("identifikator",))
TRAINING_BLOCKS = tuple(block_on(*keys) for keys in TRAINING_KEYS)

MIN_TRAINING_PAIRS = 200
"""EM needs this many record pairs in every training block, or the shipped model is used.
Splink asks for "at least a few hundred" comparisons; the identifier block's pairs are nearly all
matches, and 200 of them estimate each level's m probability within a standard error of 0.035
(sqrt(0.25 / 200)). A store with no second register carrying fødselsnummer (HMS cards) has
none."""


def blocking_rules_sql() -> list[str]:
    """Each prediction blocking rule as a join condition over `l` and `r` (DuckDB dialect)."""
    return [to_blocking_rule_creator(rule).get_blocking_rule("duckdb").blocking_rule_sql
            for rule in BLOCKING_RULES]


def _comparison(column: str, levels: list[Level]) -> cl.CustomComparison:
    creators: list[Any] = []
    for level in levels:
        if level.sql is None:
            creators.append(cll.CustomLevel(_NULL_SQL[column], level.reason).configure(
                is_null_level=True))
        elif level.sql == "ELSE":
            creators.append(cll.ElseLevel().configure(label_for_charts=level.reason))
        else:
            creators.append(cll.CustomLevel(level.sql, level.reason))
    return cl.CustomComparison(creators, output_column_name=column)


def settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="record_id",
        comparisons=[_comparison(name, levels) for name, levels in COMPARISONS.items()],
        blocking_rules_to_generate_predictions=list(BLOCKING_RULES),
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=False,
        additional_columns_to_retain=["source"],
    )


def reasons_sql() -> str:
    """A pair's reason keys, as one SQL list expression over its gamma columns (Splink: -1
    null, 0 the last level, n-1 the first)."""
    items = []
    for column, levels in COMPARISONS.items():
        whens = " ".join(f"WHEN {len(levels) - 1 - i} THEN '{level.reason}'"
                         for i, level in enumerate(levels) if i > 0)
        items.append(f"CASE gamma_{column} WHEN -1 THEN '{levels[0].reason}' {whens} END")
    return f"list_filter([{', '.join(items)}], lambda r: r IS NOT NULL)"


EM_RECORDS = 500_000
"""EM trains on a sample of about this many records (whole birth dates); u and the prior on all."""

FLOORS = {"m_probability": 1e-3, "u_probability": 1e-7}
"""The least m and u any level keeps after training. EM gives m = 0 to a level it never saw among
matches (clean training data has no transliterated or mistyped names), which would make that level
a veto; random sampling gives u = 0 to a level it never met. A floor keeps every weight finite."""


def with_floor(model: dict[str, Any]) -> dict[str, Any]:
    for comparison in model["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        for key, floor in FLOORS.items():
            values = [max(lv.get(key) or 0.0, floor) for lv in levels]
            total = sum(values)
            for level, value in zip(levels, values, strict=True):
                level[key] = value / total
    return model


def _expectation_maximisation(table: Any, model: dict[str, Any], block: Any) -> dict[str, Any]:
    """EM on one training block, from `model` (a Splink model dict) to the next one.

    Splink 5 refuses an m or u that underflows to exactly 0 (a level seen only among clear
    non-matches, after enough iterations), and leaves the linker half-changed when it does.
    Then EM starts again from the same model with fewer iterations, stopping before the
    underflow; the floor (`with_floor`) stands in for the vanishing value."""
    for iterations in (25, 8, 3):
        linker = Linker(table, dict(model, max_iterations=iterations), log_level=logging.ERROR)
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                block, fix_probability_two_random_records_match=True)
        except ValueError as error:
            if "below the minimum allowed" not in str(error):
                raise
            continue
        trained: dict[str, Any] = linker.misc.save_model_to_json()
        return trained
    raise RuntimeError(f"EM on {block} underflows even with 3 iterations")


class PersonModel:
    """One Splink linker over one table of person records, in its own DuckDB connection."""

    def __init__(self, records: pa.Table, *, memory_limit: str = "4GB",
                 temp_dir: Path | None = None):
        self.con = duckdb.connect(":memory:")
        self.con.execute(f"SET memory_limit = '{memory_limit}'")
        if temp_dir is not None:
            temp_dir.mkdir(parents=True, exist_ok=True)
            self.con.execute(f"SET temp_directory = '{temp_dir}'")
        self.con.execute("CREATE TABLE person_records AS SELECT * FROM records")
        self.db_api = DuckDBAPI(connection=self.con)
        self.table = self.db_api.register("person_records")
        self.linker: Linker | None = None

    def train(self, seed: int = 1) -> None:
        linker = Linker(self.table, settings(), log_level=logging.ERROR)
        linker.training.estimate_probability_two_random_records_match(
            [block_on("identifikator"), block_on("fornavn_n", "etternavn_n", "fodselsdato")],
            recall=0.8)
        linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000, seed=seed)
        model = linker.misc.save_model_to_json()
        sample = self._training_sample()
        for block in TRAINING_BLOCKS:
            model = _expectation_maximisation(sample, model, block)
        model = with_floor(model)
        self.linker = Linker(self.table, model, log_level=logging.ERROR)

    def _training_sample(self) -> Any:
        """At most about EM_RECORDS records for EM, chosen by birth date: a day kept keeps
        everyone born on it, so the matches EM learns from are kept whole while the pairs it
        iterates over shrink with the square of the sample."""
        count = int(self.con.sql("SELECT count(*) FROM person_records").fetchall()[0][0])
        if count <= EM_RECORDS:
            return self.table
        every = math.ceil(count / EM_RECORDS)
        self.con.execute(
            "CREATE OR REPLACE TABLE em_records AS SELECT * FROM person_records "
            f"WHERE hash(coalesce(fodselsdato, record_id)) % {every} = 0")
        return self.db_api.register("em_records")

    def training_shortfall(self) -> str | None:
        """Why these records cannot train the model (a training block with fewer than
        MIN_TRAINING_PAIRS pairs), or None when they can."""
        for keys in TRAINING_KEYS:
            known = " AND ".join(f"{key} IS NOT NULL" for key in keys)
            pairs = self.con.sql(
                f"SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM (SELECT count(*) AS n "
                f"FROM person_records WHERE {known} GROUP BY {', '.join(keys)})").fetchall()[0][0]
            if pairs < MIN_TRAINING_PAIRS:
                return (f"{int(pairs)} record pairs share {' + '.join(keys)} "
                        f"(training needs {MIN_TRAINING_PAIRS})")
        return None

    def load(self, path: Path) -> None:
        """The saved model's trained parameters (see `use`)."""
        self.use(json.loads(path.read_text(encoding="utf-8")))

    def use(self, model: dict[str, Any]) -> None:
        """A trained model's parameters, with the blocking rules of this code: blocking
        decides which pairs are scored, not what a pair scores, and a model saved before the
        rules changed must not bring back the old ones."""
        model["blocking_rules_to_generate_predictions"] = [
            {"blocking_rule": rule, "sql_dialect": "duckdb"} for rule in blocking_rules_sql()]
        self.linker = Linker(self.table, model, log_level=logging.ERROR)

    def save(self, path: Path) -> None:
        assert self.linker is not None, "train() or load() first"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.linker.misc.save_model_to_json(str(path), overwrite=True)

    def predict(self, threshold_match_weight: float) -> pa.Table:
        """Scored candidate pairs above the threshold: record_id_l, record_id_r, match_weight,
        match_probability and reasons (the comparison level of each column)."""
        assert self.linker is not None, "train() or load() first"
        pairs = self.linker.inference.predict(threshold_match_weight=threshold_match_weight)
        return self.con.sql(
            f"SELECT record_id_l, record_id_r, match_weight, match_probability, "
            f"{reasons_sql()} AS reasons FROM {pairs.physical_name}").to_arrow_table()

    def close(self) -> None:
        self.con.close()

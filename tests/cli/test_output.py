"""What the commands print: in a file or a pipe nothing is cut, every reason is whole, evidence
and numbers are in the language asked for."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from akrim.cli import render
from akrim.cli.analysis import render_top
from akrim.cli.main import app
from akrim.i18n import Lang, t
from akrim.indicators.catalogue import by_id
from akrim.numbers import NARROW_NO_BREAK_SPACE
from akrim.scoring.priority import top
from akrim.settings import Settings
from akrim.store.engine import Store

SHORT_TERMINAL = 4  # the reasons a terminal shows of an entry (akrim.cli.analysis.top_command)


def run(*args: str | Path) -> Any:
    result = CliRunner().invoke(app, [str(a) for a in args], env={"AKRIM_LANG": "nb"},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def entries(data: Path) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = json.loads(run("top", "--json", "--data-dir", data).stdout)
    return listed


def lines_of(text: str) -> list[str]:
    """A table's rows as text, column borders and padding as single spaces (a narrow no-break
    space in a number stays)."""
    return [re.sub(" +", " ", re.sub(r"[│┃]", " ", line)).strip() for line in text.splitlines()]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_pipe_gets_every_reason_and_name_whole(analysed: Path, lang: str) -> None:
    listed = entries(analysed)
    assert max(len(e["indicators"]) for e in listed) > SHORT_TERMINAL, \
        "the demo's first entry has more reasons than a terminal shows"
    done = subprocess.run([sys.executable, "-m", "akrim.cli.main", "top", "--lang", lang,
                           "--data-dir", str(analysed)], capture_output=True, text=True,
                          check=True)  # stdout a real pipe
    rows = lines_of(done.stdout)
    for entry in listed:
        for indicator in entry["indicators"]:
            title = by_id(indicator).text(lang)
            assert any(f"{indicator} {title}" in row for row in rows), (indicator, title)
        assert any(entry["id"] in row for row in rows)
    assert "…" not in done.stdout


def test_a_file_gets_tables_wider_than_a_terminal(analysed: Path, tmp_path: Path) -> None:
    out = tmp_path / "explain.txt"
    with out.open("w", encoding="utf-8") as file:
        subprocess.run([sys.executable, "-m", "akrim.cli.main", "explain", entries(analysed)[0]
                        ["id"], "--data-dir", str(analysed)], stdout=file, check=True,
                       env={**os.environ, "COLUMNS": "80"})
    text = out.read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) > 80
    assert "…" not in text


def test_a_terminal_shows_the_strongest_reasons_and_counts_the_rest(analysed: Path) -> None:
    with Store(Settings(data_dir=analysed).analytical_db, read_only=True) as store:
        listed = top(store, 5)
    crowded = max(listed, key=lambda e: len(e.reasons))
    terminal = Console(width=100, force_terminal=True, record=True)
    terminal.print(render_top([crowded], "en", "top", reasons_shown=SHORT_TERMINAL))
    text = " ".join(lines_of(terminal.export_text()))
    hidden = len(crowded.reasons) - SHORT_TERMINAL
    assert t("top.more_reasons", "en", count=hidden, id=crowded.id) in text
    for reason in crowded.reasons[SHORT_TERMINAL:]:
        assert by_id(reason["indicator"]).text("en") not in text


@pytest.mark.parametrize(("lang", "money"), [
    ("nb", rf"\d{{1,3}}(?:{NARROW_NO_BREAK_SPACE}\d{{3}})+,\d{{2}} kr"),
    ("en", r"NOK \d{1,3}(?:,\d{3})+\.\d{2}")])
def test_explain_gives_evidence_and_numbers_in_the_language(analysed: Path, lang: str,
                                                            money: str) -> None:
    actor = entries(analysed)[0]["id"]
    shown = run("explain", actor, "--lang", lang, "--data-dir", analysed).stdout
    found = json.loads(run("explain", actor, "--json", "--lang", lang, "--data-dir",
                           analysed).stdout)
    assert found["evidence"], "the first entry has evidence"
    rows = "\n".join(lines_of(shown))
    for row in found["evidence"]:
        assert row["text"].splitlines()[0] in rows
        if lang == "en":
            assert row["text"] != row["detail"], row["detail"]
            assert row["detail"].splitlines()[0] not in rows
    assert re.search(money, rows), "the minimum-wage evidence has pay of a thousand kroner or more"


@pytest.mark.parametrize(("lang", "shown"), [("nb", f"28{NARROW_NO_BREAK_SPACE}648"),
                                           ("en", "28,648")])
def test_status_groups_thousands_by_language(lang: Lang, shown: str) -> None:
    data = {"tables": {"amelding_inntekt": 28648}, "history": {"amelding_inntekt": 28648},
            "snapshots": [], "quarantine": {"bad_date": 28648}}
    terminal = Console(width=100, record=True)
    render.status(terminal, data, lang)
    rows = lines_of(terminal.export_text())
    assert f"amelding_inntekt {shown} {shown}" in rows
    assert f"{t('quarantine.by_reason', lang)}: bad_date {shown}" in rows

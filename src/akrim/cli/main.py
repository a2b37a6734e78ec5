"""The `akrim` command: a thin layer over the library (each command parses, calls, prints).

The commands are listed here by module and loaded when used (`Commands.lazy`), so that
`akrim --help` and `akrim top` start in a fraction of a second: bench/cli_start.py."""

from __future__ import annotations

from typing import ClassVar

import typer

from akrim.cli.common import Commands, Lazy

COMMANDS = {
    "ingest": Lazy("akrim.cli.load", "ingest_command",
                   "Load register files as one dated snapshot, all or nothing."),
    "status": Lazy("akrim.cli.load", "status_command",
                   "What is loaded, from which snapshot, row counts and bad rows."),
    "synth": Lazy("akrim.cli.synth", "synth", "Write a synthetic register bundle with planted "
                  "a-krim schemes and truth/ (for evaluation)."),
    "link": Lazy("akrim.cli.network", "link_command",
                 "Resolve persons across registers and build the actor network."),
    "judge": Lazy("akrim.cli.network", "judge_command", "Record an analyst's judgement on two "
                  "person records; `akrim link --force` applies it."),
    "network": Lazy("akrim.cli.network", "network_command", "Print or export an actor's "
                    "neighbourhood (persons, companies, addresses, edges)."),
    "analyse": Lazy("akrim.cli.analysis", "analyse_command",
                    "Run linkage (if the store has changed), all indicators and the priority "
                    "list."),
    "top": Lazy("akrim.cli.analysis", "top_command", "The priority list: the highest-scoring "
                "companies, persons and clusters, with reasons."),
    "explain": Lazy("akrim.cli.analysis", "explain_command", "Why an actor is (or is not) on "
                    "the list: score, reasons, evidence, every indicator."),
    "evaluate": Lazy("akrim.cli.analysis", "evaluate_command", "Recall per scheme and variant "
                     "in the top 1 %, 0.25 % and 1,000, precision at 100, false positives "
                     "(docs/indicators.md §4)."),
    "serve": Lazy("akrim.cli.serve", "serve_command",
                  "The web application: the public seriousness check (page and /api/v1) "
                  "and the analysts' pages (sign-in)."),
    "demo": Lazy("akrim.cli.demo", "demo_command", "What `make run` does: make a synthetic "
                 "bundle (once), load it, link, analyse, and show the top of the priority "
                 "list."),
    "users": Lazy("akrim.cli.users", "users_app", "Users of the analysts' web app."),
    "audit": Lazy("akrim.cli.audit", "audit_app",
                  "The audit log of reads of personal data and of changes."),
}


class Akrim(Commands):
    lazy: ClassVar[dict[str, Lazy]] = COMMANDS


app = typer.Typer(
    cls=Akrim,
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main() -> None:
    """akrim: felles registeranalyse mot arbeidslivskriminalitet (a-krim)."""
    # a group with no command of its own: typer builds one only around a callback


if __name__ == "__main__":
    app()

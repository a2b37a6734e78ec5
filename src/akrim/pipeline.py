"""The one place that runs the analysis in order: address keys, person resolution, the actor
network, company mentions, the network's serving file, the indicators and the priority list,
and the public check's serving file.

Each stage reads what the stages before it left in the store and never calls a later one;
`akrim link` runs the stages up to the serving file, `akrim analyse` all of them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from akrim.indicators.runner import IndicatorRun, run_indicators
from akrim.link.addresses import update_address_keys
from akrim.link.companies import MentionSummary, resolve_company_mentions
from akrim.link.judgements import in_force
from akrim.link.resolve import LinkSummary, run_linkage
from akrim.network.build import NetworkSummary, build_network
from akrim.network.serving import publish
from akrim.ops.db import connect
from akrim.scoring.priority import build_priority
from akrim.seriousness.serving import refresh as refresh_public
from akrim.settings import Settings
from akrim.store.engine import Store


@dataclass(frozen=True)
class LinkOutcome:
    linkage: LinkSummary | None  # None: up to date, nothing rebuilt
    network: NetworkSummary | None
    serving_seconds: float = 0.0
    """Writing the network's serving file (part of the network build's cost)."""
    mentions: MentionSummary | None = None


@dataclass(frozen=True)
class AnalysisSummary:
    linkage: LinkOutcome
    indicators: list[IndicatorRun]
    entries: int


def is_current(store: Store) -> bool:
    """True when the last link run saw the newest snapshot (judgements made since then are
    applied by a forced run: `akrim link --force`)."""
    has_run = store.scalar("SELECT count(*) FROM information_schema.tables "
                           "WHERE table_name = 'link_run'")
    if not has_run:
        return False
    linked = store.scalar("SELECT max(snapshot_id) FROM link_run")
    return bool(linked is not None and linked == store.scalar("SELECT max(snapshot_id) "
                                                             "FROM snapshot"))


def link(store: Store, settings: Settings, *, retrain: bool = False, force: bool = False,
         full: bool = False) -> LinkOutcome:
    """Rebuild persons and the network. The trained model is reused unless `retrain`;
    judgements are always re-applied, so `force` after new judgements. Only changed records
    are scored again, unless `full`."""
    if not (force or retrain or full) and is_current(store):
        return LinkOutcome(None, None)
    update_address_keys(store)  # persons, the network and mentions all join them
    linkage = run_linkage(store, settings, in_force(connect(settings)), retrain=retrain,
                          full=full)
    network = build_network(store)
    mentions = resolve_company_mentions(store)
    started = time.perf_counter()
    publish(store, settings.serving_db)
    return LinkOutcome(linkage, network, round(time.perf_counter() - started, 1), mentions)


def analyse(store: Store, settings: Settings) -> AnalysisSummary:
    """Linkage when the store has moved on, then every indicator and the priority list, and the
    public check's serving file when the store has a newer snapshot than it."""
    linkage = link(store, settings)
    runs = run_indicators(store)
    entries = build_priority(store)
    refresh_public(store, settings.data_dir)
    return AnalysisSummary(linkage, runs, entries)

"""What a case's indicator hits call for: the instruments of the groups each indicator calls
for (`data/recommendations.yaml`), for each agency that can apply them, fastest first; and
the agencies a new case is prefilled with (those its indicators name)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from akrim.cases.catalogue import AGENCIES, Call, Instrument, catalogue
from akrim.cases.read import CaseFile
from akrim.indicators.catalogue import by_id


@dataclass(frozen=True)
class Recommendation:
    instrument: Instrument
    indicators: tuple[str, ...]
    """The case's indicators whose hits call for it."""


@dataclass(frozen=True)
class Recommendations:
    by_agency: list[tuple[str, list[Recommendation]]]
    """The case's own agencies first, then the others; each agency's instruments fastest
    first."""
    calls: list[Call]
    """Why: each of the case's indicators that calls for instruments, with its reason."""


def recommend(indicators: Iterable[str], case_agencies: Iterable[str] = ()) -> Recommendations:
    known = catalogue()
    calls = [known.calls[i] for i in sorted(set(indicators)) if i in known.calls]
    callers: dict[str, list[str]] = {}
    for call in calls:
        for group in call.groups:
            callers.setdefault(group, []).append(call.indicator)
    ours = [a for a in AGENCIES if a in set(case_agencies)]
    by_agency = []
    for agency in ours + [a for a in AGENCIES if a not in ours]:
        found = [Recommendation(i, tuple(callers[i.group])) for i in known.instruments
                 if i.group in callers and agency in i.agencies]
        found.sort(key=lambda r: (known.speed_rank(r.instrument.speed), r.instrument.id))
        if found:
            by_agency.append((agency, found))
    return Recommendations(by_agency, calls)


def recommend_instruments(case: CaseFile) -> Recommendations:
    """The instruments the case's indicator hits call for, grouped by agency, fastest first."""
    return recommend(case.indicators, case.summary.agencies)



def agencies_for(indicators: Iterable[str]) -> list[str]:
    """The cooperation's agencies the indicators name (their catalogue entries' `agencies`)."""
    named = {agency.lower() for i in set(indicators) for agency in by_id(i).agencies}
    return [a for a in AGENCIES if a in named]

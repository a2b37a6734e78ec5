"""An actor's indicator hits become a case's evidence links."""

from __future__ import annotations

from datetime import date

from akrim.cases.evidence import Evidence, evidence_of
from akrim.scoring.explain import Explanation


def test_evidence_of_an_explanation_links_each_row_and_each_reason() -> None:
    explanation = Explanation(
        "person", "P1", "P1", "Ola", 3, 70.0, [],
        reasons=[{"indicator": "IND-06", "weight": 40.0, "evidence_rows": 2, "via": ["P1"]},
                 {"indicator": "IND-07", "weight": 40.0, "evidence_rows": 1, "via": ["P1"]}],
        evidence=[{"indicator": "IND-06", "actor_id": "912345678", "period": date(2025, 3, 1),
                   "detail": "konkurs", "source_table": "enhet", "source_key": "912345678"}],
        states=[])
    assert evidence_of(explanation) == [
        Evidence("IND-06", "912345678", "enhet:912345678", "2025-03-01", "konkurs"),
        Evidence("IND-07", "P1", "priority_reason")]

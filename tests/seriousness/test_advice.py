"""The buyer's advice by industry group."""

from __future__ import annotations

from akrim.seriousness.advice import advice, industry_groups


def keys(naeringskode: str | None) -> list[str]:
    return [a.key for a in advice(industry_groups(naeringskode))]


def test_industry_groups_from_the_indicator_config() -> None:
    assert industry_groups("81.210") == {"cleaning", "labour_intensive"}
    assert industry_groups("78.200") == {"staffing"}
    assert industry_groups(None) == frozenset()


def test_advice_by_industry() -> None:
    assert keys("62.010") == ["tax_certificate", "inspection_reports"]
    assert keys(None) == ["tax_certificate", "inspection_reports"]
    assert keys("78.200") == ["tax_certificate", "inspection_reports", "approval_bemanning"]
    assert keys("45.203") == ["tax_certificate", "inspection_reports", "approval_bilpleie"]
    assert keys("49.410") == ["tax_certificate", "inspection_reports", "hms_cards_van",
                              "generally_applicable_wages"]
    assert keys("43.210") == ["tax_certificate", "inspection_reports", "hms_cards",
                              "norgesmodellen", "generally_applicable_wages"]

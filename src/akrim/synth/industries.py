"""Industries (SN2025 5-digit codes, with the SN2007 code used for older history), their weight
among enheter and among jobs, wage level and pay form, and the rules that apply to them.

Weights are rounded from SSB: enheter by industry from "Virksomheter og foretak" (table 10308)
and jobs by industry from "Arbeidsforhold" (table 13470); wage levels are average monthly
earnings per full-time equivalent from SSB table 11418 (2024), rounded to thousands of kroner.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from akrim.codes import naering


@dataclass(frozen=True)
class Industry:
    key: str
    sn2025: str
    sn2007: str
    trade: str  # word family for firm names (names.FIRMS_TRADE)
    firms: float  # relative weight among enheter of business forms
    jobs: float  # relative weight among employment relationships
    wage: int  # average monthly earnings, kroner
    hourly: float  # share of employees paid by the hour (timeloenn)
    yrke: tuple[str, ...]  # STYRK-08 occupation codes (7 digits as in a-meldingen)
    # the general-application agreement (allmenngjort tariffavtale) whose minimum wage the
    # industry's work falls under: a group of minimum_wages.GROUPS
    minimum_wage: str | None = None
    register: str | None = None  # approval register the firm must be in
    labour_intensive: bool = False
    foreign: float = 0.05  # share of the industry's jobs held by d-number workers


INDUSTRIES: tuple[Industry, ...] = (
    Industry("building", "41.000", "41.200", "construction", 4.0, 3.2, 56_000, 0.35,
             ("7115108", "7112101", "9313101"), "construction", None, True, 0.22),
    Industry("electrical", "43.210", "43.210", "construction", 1.2, 1.6, 60_000, 0.15,
             ("7411104",), "electrical", None, True, 0.08),
    Industry("plumbing", "43.220", "43.220", "construction", 0.8, 1.0, 58_000, 0.2,
             ("7126101",), "construction", None, True, 0.08),
    Industry("joinery", "43.320", "43.320", "construction", 1.0, 0.8, 54_000, 0.4,
             ("7115108",), "construction", None, True, 0.2),
    Industry("painting", "43.340", "43.340", "construction", 1.0, 0.7, 50_000, 0.5,
             ("7131101",), "construction", None, True, 0.25),
    Industry("plastering", "43.310", "43.310", "construction", 0.3, 0.3, 50_000, 0.5,
             ("7123101",), "construction", None, True, 0.3),
    Industry("freight", "49.410", "49.410", "transport", 1.5, 1.6, 52_000, 0.3,
             ("8332101",), "goods_transport", None, True, 0.15),
    Industry("courier", "53.200", "53.200", "transport", 0.6, 0.5, 45_000, 0.5,
             ("8322101",), None, None, True, 0.2),
    Industry("cleaning", "81.210", "81.210", "cleaning", 0.6, 1.0, 40_000, 0.6,
             ("9112101",), "cleaning", "renhold", True, 0.3),
    Industry("carcare", "95.310", "45.200", "carcare", 0.8, 0.6, 46_000, 0.5,
             ("9122101", "7231101"), None, "bilpleie", True, 0.2),
    Industry("staffing", "78.200", "78.200", "staffing", 0.3, 2.2, 48_000, 0.7,
             ("9313101", "9329101", "5223101"), None, "bemanning", True, 0.35),
    Industry("restaurant", "56.110", "56.101", "food", 2.0, 2.8, 38_000, 0.7,
             ("5131101", "9412101"), "hospitality", None, True, 0.12),
    Industry("hotel", "55.100", "55.101", "food", 0.3, 1.0, 40_000, 0.5,
             ("5151101", "9112101"), "hospitality", None, True, 0.12),
    Industry("grocery", "47.110", "47.111", "other", 1.0, 4.8, 44_000, 0.45,
             ("5223101",), None, None, False, 0.02),
    Industry("clothing", "47.710", "47.710", "other", 1.0, 1.4, 42_000, 0.45,
             ("5223101",), None, None, False, 0.02),
    Industry("wholesale", "46.900", "46.900", "other", 3.0, 3.4, 62_000, 0.1,
             ("3322101", "4321101"), None, None, False, 0.02),
    Industry("software", "62.100", "62.010", "other", 5.0, 3.0, 78_000, 0.02,
             ("2512101",), None, None, False, 0.02),
    Industry("consulting", "70.200", "70.220", "other", 7.0, 2.2, 75_000, 0.03,
             ("2421101",), None, None, False, 0.01),
    Industry("engineering", "71.129", "71.129", "other", 2.5, 2.4, 72_000, 0.03,
             ("2142101",), None, None, False, 0.03),
    Industry("realestate", "68.200", "68.209", "other", 14.0, 0.8, 60_000, 0.05,
             ("4110101",), None, None, False, 0.01),
    Industry("holding", "64.210", "64.200", "other", 6.0, 0.2, 80_000, 0.0,
             ("1120101",), None, None, False, 0.0),
    Industry("accounting", "69.202", "69.201", "accounting", 1.2, 1.0, 58_000, 0.02,
             ("3313101", "2411101"), None, None, False, 0.01),
    Industry("farming", "01.410", "01.410", "other", 6.0, 0.8, 42_000, 0.5,
             ("6121101", "9211101"), "agriculture", None, True, 0.3),
    Industry("fishing", "03.110", "03.110", "other", 1.2, 0.6, 70_000, 0.1,
             ("6222101",), None, None, False, 0.1),
    Industry("fishprocessing", "10.202", "10.202", "other", 0.1, 0.7, 50_000, 0.5,
             ("9329101", "7511101"), "fish_processing", None, True, 0.4),
    Industry("metal", "25.110", "25.110", "other", 0.8, 2.4, 60_000, 0.15,
             ("7212101", "7214101"), None, None, False, 0.08),
    Industry("hairdressing", "96.210", "96.020", "other", 1.2, 0.5, 38_000, 0.3,
             ("5141101",), None, None, False, 0.03),
    Industry("doctors", "86.210", "86.211", "other", 1.5, 1.0, 90_000, 0.0,
             ("2211101", "3256101"), None, None, False, 0.02),
    Industry("nursinghome", "87.102", "87.101", "other", 0.15, 6.0, 52_000, 0.3,
             ("5321101", "2223101"), None, None, False, 0.04),
    Industry("homecare", "88.101", "88.101", "other", 0.1, 3.5, 50_000, 0.3,
             ("5322101",), None, None, False, 0.04),
    Industry("kindergarten", "88.910", "88.911", "other", 0.4, 3.0, 50_000, 0.15,
             ("5311101", "2342101"), None, None, False, 0.02),
    Industry("school", "85.201", "85.201", "other", 0.3, 6.5, 60_000, 0.05,
             ("2341101",), None, None, False, 0.01),
    Industry("publicadmin", "84.110", "84.110", "other", 0.3, 7.0, 62_000, 0.02,
             ("2422101", "4110101"), None, None, False, 0.01),
    Industry("hospital", "86.101", "86.101", "other", 0.05, 8.0, 64_000, 0.05,
             ("2223101", "2211101"), None, None, False, 0.03),
    Industry("association", "94.992", "94.990", "other", 8.0, 1.0, 52_000, 0.3,
             ("3435101",), None, None, False, 0.01),
    Industry("sportsclub", "93.120", "93.120", "other", 4.0, 0.6, 45_000, 0.5,
             ("3422101",), None, None, False, 0.01),
    Industry("housing", "68.200", "68.201", "other", 10.0, 0.1, 50_000, 0.3,
             ("5153101",), None, None, False, 0.0),
)
BY_KEY = {i.key: i for i in INDUSTRIES}


@cache
def code(industry: Industry, standard: str = "SN2025") -> str:
    """The industry's code in ``standard``; the SN2025 code when the SN2007 one is not shipped."""
    if standard == "SN2007" and naering.is_known(industry.sn2007, "SN2007"):
        return industry.sn2007
    if not naering.is_known(industry.sn2025, "SN2025"):
        raise ValueError(f"{industry.key}: {industry.sn2025} is not an SN2025 code")
    return industry.sn2025

"""One d-number used by several people at once, or by one person beyond what anyone can work.
Seed: action-plan-2025-nb.txt lines 1289-1296 ("begrenset mulighet til å kontrollere at den som
bruker d-nummeret, er den samme personen som ble tildelt nummeret").

Variants:
- with_hms_cards: two to four employers report the d-number as a full-time worker in the same
  months, and the HMS cards in that number carry different names and birth dates;
- without_hms_cards: the same, but no HMS card at all: a-melding alone shows it;
- thin_spread: three to five employers each report ordinary part-time hours, together 300-500 h
  a month (69-115 h a week): more than the 48 hours a week on average that arbeidsmiljøloven
  § 10-6 (8) lets one employer use a person for.
"""

from __future__ import annotations

from akrim.synth.names import ORIGINS
from akrim.synth.out_agency import HMS_INDUSTRIES, hms_card
from akrim.synth.schemes.base import TODAY, Planter

VARIANTS = ("with_hms_cards", "without_hms_cards", "thin_spread")
INDUSTRIES = ("building", "cleaning", "courier", "restaurant", "freight", "carcare", "painting")


def plant(p: Planter, k: int) -> None:
    w = p.world
    rng = w.rng("shared_identity", k)
    variant = p.variant("shared_identity", k, VARIANTS)
    [holder] = p.claim(1, dnr=True)
    if variant == "thin_spread":
        # part-time jobs of 55-120 h a month, together 300-500 h
        hours = [float(h) for h in rng.integers(55, 121, size=int(rng.integers(3, 6)))]
        while not 300 <= sum(hours) <= 500:
            hours = [float(h) for h in rng.integers(55, 121, size=len(hours))]
    else:
        hours = [float(h) for h in rng.integers(140, 176, size=int(rng.integers(2, 5)))]
    # with HMS cards: every employer in an industry that needs them, so the number is on a card
    # at each (HMS cards for building sites, cleaning and van transport)
    pool = [i for i in INDUSTRIES if i in HMS_INDUSTRIES] if variant == "with_hms_cards" \
        else list(INDUSTRIES)
    picked = rng.choice(len(pool), size=len(hours), replace=False)  # at most 4 of 4 or more
    units = []
    for n, (i, h) in enumerate(zip(picked.tolist(), hours, strict=True)):
        industry = pool[i]
        e = p.unit(industry)
        start = TODAY - int(rng.integers(250, 700))
        p.job(holder, e, hours=h, pct=min(100.0, round(h / 162.5 * 20) * 5.0), start_day=start,
              hms=variant == "thin_spread")
        units.append(e)
        if variant == "with_hms_cards" and industry in HMS_INDUSTRIES:
            o = ORIGINS[int(rng.integers(1, len(ORIGINS)))]
            name = (o.male[int(rng.integers(0, len(o.male)))],
                    o.surnames[int(rng.integers(0, len(o.surnames)))])
            birth = int(w.persons.birth[holder]) + (int(rng.integers(-3000, 3000)) if n else 0)
            w.hms.append(hms_card(w, holder, e, start + 10, name=None if n == 0 else name,
                                  birth=birth))
    total = int(sum(hours))
    p.truth("shared_identity", False, units, [holder], p.window(),
            "action-plan-2025-nb.txt:1289-1296 — one d-number reported by "
            f"{len(units)} employers at once in the same months, ≈{total} hours a month in all: "
            "more than one person can work" + (
                ", each job an ordinary part-time one." if variant == "thin_spread" else
                "; the HMS cards in the number carry different names and birth dates."
                if variant == "with_hms_cards" else "; no HMS card in the number."),
            variant=variant)
